"""A deal's rows in one CRM export: a row holding only the deal's won/lost reason, beside the
row with the deal's note, is not a call of its own; and every row of a deal shares how the deal
ended, when one row states it.

Pipedrive's deals-with-notes export repeats the deal's columns on every note row, and a deal with
an empty note had become a second call made of its lost reason ("Pike13: 0 won, 2 lost" for one
lost deal). A Salesforce Tasks report states the stage per task: the discovery call of a deal
that a later task records as "Closed Won" had counted as open.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.detect.deal_news import news_in_notes
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.values import account_key

DealKey = tuple[str, ...]


def deal_key(call: ParsedCall) -> DealKey | None:
    """The deal a row belongs to: its deal id, else its deal title and account together."""
    if call.deal_id:
        return ("id", call.deal_id.strip().casefold())
    if call.title and call.account:
        return ("title", " ".join(call.title.casefold().split()), account_key(call.account))
    return None


def is_the_account(call: ParsedCall) -> bool:
    """Does the row's deal column name its account (Salesforce's "What" on a task about the
    account, no opportunity)? Such rows are no one deal."""
    if not call.deal_id or not call.account:
        return False
    return account_key(call.deal_id) == account_key(call.account)


# The record kinds a note's parent may be that are a deal (Zoho's "Deals", once "Potentials").
_DEAL_MODULES = frozenset(
    {"deal", "deals", "potential", "potentials", "opportunity", "opportunities"}
)


def parent_is_a_deal(module: str) -> bool:
    """Is a note's parent record a deal? A note on an account or a contact is on no one deal;
    with no module named, the parent is taken for the deal."""
    return not module.strip() or module.strip().casefold() in _DEAL_MODULES


_CLOSED = ("won", "lost")


def share_deal_outcomes(calls: Sequence[ParsedCall]) -> None:
    """Rows with one deal id and no verdict of their own take the verdict another row of that
    deal states (when the rows state only one). Only an explicit deal column groups rows here:
    a subject and an account together may name several deals."""
    verdicts: dict[str, set[str]] = {}
    for call in calls:
        if call.deal_id and call.skip_reason is None and call.outcome in _CLOSED:
            verdicts.setdefault(_deal(call.deal_id), set()).add(call.outcome or "")
    for call in calls:
        found = verdicts.get(_deal(call.deal_id or ""), set()) if call.deal_id else set()
        if len(found) == 1 and call.outcome not in _CLOSED:
            call.outcome = next(iter(found))
            call.extra["outcome_from_deal"] = call.deal_id


def read_note_outcomes(
    calls: Sequence[ParsedCall], ours: Sequence[str], rivals: Sequence[str]
) -> None:
    """A call with no outcome of its own (no column, flag or stage gave one) takes the one
    its rep's notes state ("Lost to Karbon.", "Signed!", "Decided to go with <us>"); a rival it
    was lost to joins its competitors, also where the call's own outcome agrees (a "Closed
    Lost" stage beside "staying with <rival>"). Then rows of one deal share it."""
    for call in calls:
        if call.skip_reason is None:
            notes = [u.text for u in call.utterances if u.role == "rep_note"]
            _take_news(call, notes, (), ours, rivals)
    share_deal_outcomes(calls)


def read_buyer_choice(call: ParsedCall, ours: Sequence[str], rivals: Sequence[str]) -> None:
    """A call with no outcome given is lost when its buyer says they chose a known rival ("We've
    decided to go with <rival> for now."), and the rival joins its competitors: read once the
    call's roles are settled (the detector had tagged the rival and filed the loss reason, but
    the call had stayed "unknown" with no competitor)."""
    said = [u.text for u in call.utterances if u.role == "buyer"]
    _take_news(call, (), said, ours, rivals)


def _take_news(
    call: ParsedCall,
    notes: Sequence[str],
    said: Sequence[str],
    ours: Sequence[str],
    rivals: Sequence[str],
) -> None:
    """The outcome ``notes`` and the buyer's lines ``said`` state, where the call has none;
    the rival it went to joins the call's competitors where the outcomes agree."""
    mine = [*ours, str(call.extra.get("our_company") or "")]
    news = news_in_notes(
        notes, [n for n in mine if n], [*rivals, *call.competitors], buyer_lines=said
    )
    if news is None:
        return
    if call.outcome in (None, "", "unknown"):
        call.outcome = news.outcome
        call.extra["outcome_from_note"] = news.line
    elif call.outcome != news.outcome:
        return
    if news.rival and news.rival not in call.competitors:
        call.competitors.append(news.rival)


def _deal(deal_id: str) -> str:
    return " ".join(deal_id.casefold().split())


def fold_reason_rows(calls: Sequence[ParsedCall], has_text: Sequence[bool]) -> None:
    """Skip each row with reasons but no notes whose deal has a row with notes; a reason that
    row lacks is added to it. ``has_text``: per call, whether its row held notes or a
    transcript."""
    with_text: dict[DealKey, ParsedCall] = {}
    for call, text in zip(calls, has_text, strict=True):
        key = deal_key(call)
        if text and key is not None and call.skip_reason is None:
            with_text.setdefault(key, call)
    for call, text in zip(calls, has_text, strict=True):
        key = deal_key(call)
        kept = with_text.get(key) if key is not None and not text else None
        if kept is None or not call.utterances:
            continue
        known = {u.text for u in kept.utterances}
        kept.utterances.extend(u for u in call.utterances if u.text not in known)
        call.skip_reason = (
            f"only the won/lost reason of deal {call.title or call.deal_id!r}, kept with that "
            f"deal's notes (line {kept.extra.get('row_line')})"
        )
