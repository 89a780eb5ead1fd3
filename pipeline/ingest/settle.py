"""What a parsed call's people and title settle once the seller's names are known: who is on
which side, and the account and date the buyer side or the title gives."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.rep_memory import STATED_REPS, stated_reps
from pipeline.ingest.roles import assign_roles, fill_account
from pipeline.ingest.self_names import name_from_introductions
from pipeline.ingest.team import Roster
from pipeline.ingest.titles import title_account, title_date
from pipeline.ingest.tool_brands import is_tool_brand


def read_title(parsed: ParsedCall, ours: Sequence[str] = (), team: Sequence[str] = ()) -> None:
    """The date and account the title gives ("Call notes – Quayside Fitness (Oct 20, 2026)"),
    where neither the user, the file's fields nor its people gave one; ``ours``: our company's
    names ("Dispatchly <> Coastal Mechanical" names the account beside ours); ``team``: our
    people's names."""
    if parsed.title:
        parsed.call_date = parsed.call_date or title_date(parsed.title)
        parsed.account = parsed.account or named_account(parsed, ours, team)


def named_account(
    parsed: ParsedCall, ours: Sequence[str] = (), team: Sequence[str] = ()
) -> str | None:
    """The account the title names, never a person of the call or of our ``team`` ("Call with
    Karen Holt" names who, not where; "Rolling Fuego - Hannah Brooks" names the rep beside
    the account) nor the brand of the tool that made the file ("RingCentral Call
    Transcript")."""
    people = [
        *(u.speaker for u in parsed.utterances if u.speaker),
        *(p.name for p in parsed.people),
        *team,
    ]
    name = title_account(parsed.title, ours, people) if parsed.title else None
    return None if name is None or is_tool_brand(name) else name


_DOMAIN = re.compile(r"^[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}$", re.IGNORECASE)


def settle_people(
    parsed: ParsedCall,
    roster: Roster,
    account_hint: str | None = None,
    rivals: Sequence[str] = (),
) -> None:
    """Roles, once, after the metadata merge: the file's and the user's names plus the team
    roster, our company and the reps stored calls stated; this call's stated reps are kept
    for the next calls; then the account from the buyer side when none was given.
    ``account_hint``: the account the title names (its people are the buyer's); it is the
    account when the buyer side gives only a web domain ("Mark (oakridgeanimalhospital.com)"
    under "VetDesk demo - Oakridge Animal Hospital": a domain had been the account, and the
    name then went unredacted in published pages)."""
    our_speakers = [*parsed.our_speakers, *roster.names]
    assign_roles(
        parsed,
        our_speakers,
        our_companies=roster.companies,
        account_hint=account_hint,
        remembered=roster.learned,
    )
    if reps := stated_reps(parsed, roster.companies):
        parsed.extra[STATED_REPS] = reps
    name_from_introductions(parsed, our_speakers, roster.companies)
    given = parsed.account
    fill_account(parsed, roster.companies, rivals)
    if not given and account_hint and _DOMAIN.match(parsed.account or ""):
        parsed.account = account_hint
    if parsed.people:
        parsed.extra["people"] = [person.as_json() for person in parsed.people]
