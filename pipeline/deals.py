"""Calls grouped into deals, each with its latest outcome: what "deals where buyers named X"
counts on the comparison page, the dashboard and the API alike.

Why: a comparison had said "4 deals where buyers named NinjaOne: 0 won, 1 lost, 3 open" where a
discovery call and the notes that closed it lost were one deal, counted twice, once as open.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.store.models import Call, Mention

# An outcome nobody gave: a later call without one does not undo an earlier "lost".
_UNSAID = "unknown"


@dataclass(frozen=True)
class Deal:
    """One deal: its calls, oldest first, and how the latest of them that says ended it."""

    key: str
    call_ids: tuple[int, ...]
    outcome: str
    listed: frozenset[str]  # the rivals its calls' records list (casefolded)


@dataclass(frozen=True)
class DealCall:
    """What keys a call to its deal and dates its outcome."""

    id: int
    account: str | None
    deal_id: str | None
    outcome: str | None
    call_date: dt.date | None
    competitors: Sequence[str] = ()


def _account_key(account: str | None) -> str:
    return re.sub(r"\s+", " ", (account or "").strip()).casefold()


def deal_keys(calls: Iterable[DealCall]) -> dict[int, str]:
    """Each call's deal. A deal is keyed by the source's deal id where it gives one (a CRM's
    deal or opportunity id, within the account); else by the account, joining the account's
    one deal id when it has exactly one (a notes file of the deal a CRM export named); else
    the call is a deal of its own (no account: nothing says two calls are one deal)."""
    calls = list(calls)
    ids: dict[str, set[str]] = {}
    for call in calls:
        if call.deal_id and call.deal_id.strip():
            ids.setdefault(_account_key(call.account), set()).add(call.deal_id.strip().casefold())
    keys: dict[int, str] = {}
    for call in calls:
        account = _account_key(call.account)
        given = (call.deal_id or "").strip().casefold()
        only = ids.get(account, set())
        if given:
            keys[call.id] = f"deal:{account}:{given}"
        elif account and len(only) == 1:
            keys[call.id] = f"deal:{account}:{next(iter(only))}"
        elif account:
            keys[call.id] = f"account:{account}"
        else:
            keys[call.id] = f"call:{call.id}"
    return keys


def group_deals(calls: Iterable[DealCall]) -> list[Deal]:
    """The calls as deals; a deal's outcome is its latest call's that gives one (by date, then
    as stored), "unknown" when none does."""
    calls = sorted(calls, key=lambda c: (c.call_date or dt.date.min, c.id))
    keys = deal_keys(calls)
    grouped: dict[str, list[DealCall]] = {}
    for call in calls:
        grouped.setdefault(keys[call.id], []).append(call)
    return [
        Deal(
            key=key,
            call_ids=tuple(c.id for c in members),
            outcome=next(
                (c.outcome for c in reversed(members) if c.outcome and c.outcome != _UNSAID),
                _UNSAID,
            ),
            listed=frozenset(str(n).casefold() for c in members for n in c.competitors or []),
        )
        for key, members in grouped.items()
    ]


def stored_deals(session: Session, *segment: Any) -> list[Deal]:
    """The stored calls (of ``segment``: conditions on ``Call``) as deals."""
    rows = session.execute(
        select(
            Call.id, Call.account, Call.deal_id, Call.outcome, Call.call_date, Call.competitors
        ).where(*segment)
    )
    return group_deals(DealCall(*row[:5], competitors=row[5] or []) for row in rows)


# Ids or names per IN (...) list: under SQLite's and PostgreSQL's parameter limits.
IN_CHUNK = 5000


def deal_outcomes(session: Session, call_ids: Iterable[int]) -> dict[int, str]:
    """Each of ``call_ids``' outcome as its deal's (``group_deals``: the latest said): what a
    quote's badge, an outcome filter and a theme's counts read. The discovery call of a deal
    lost later had shown "open" and counted as open. Only the calls of the same accounts are
    read (an account is stored in one spelling: ``pipeline.ingest.spellings``)."""
    wanted = sorted(set(call_ids))
    calls: dict[int, DealCall] = {}

    def read(condition: Any) -> None:
        columns = (Call.id, Call.account, Call.deal_id, Call.outcome, Call.call_date)
        for row in session.execute(select(*columns).where(condition)):
            calls[row[0]] = DealCall(*row)

    for start in range(0, len(wanted), IN_CHUNK):
        read(Call.id.in_(wanted[start : start + IN_CHUNK]))
    accounts = sorted({c.account for c in calls.values() if c.account})
    for start in range(0, len(accounts), IN_CHUNK):
        read(Call.account.in_(accounts[start : start + IN_CHUNK]))
    keep = set(wanted)
    return {
        call_id: deal.outcome
        for deal in group_deals(calls.values())
        for call_id in deal.call_ids
        if call_id in keep
    }


def tagged_calls(session: Session, rivals: Iterable[str]) -> dict[str, set[int]]:
    """The calls whose buyers named each rival (the mentions' tag), by casefolded name."""
    names = sorted({r.casefold() for r in rivals})
    rows = session.execute(
        select(func.lower(Mention.competitor), Mention.call_id)
        .where(func.lower(Mention.competitor).in_(names), Mention.excluded.is_(False))
        .distinct()
    )
    tagged: dict[str, set[int]] = {name: set() for name in names}
    for name, call_id in rows:
        tagged.setdefault(str(name), set()).add(int(call_id))
    return tagged


def naming(deals: Iterable[Deal], rival: str, tagged: set[int]) -> list[Deal]:
    """The deals in which a buyer named the rival (a call in ``tagged``) or whose records list
    it among the deal's competitors."""
    name = rival.casefold()
    return [d for d in deals if name in d.listed or tagged.intersection(d.call_ids)]


def deals_naming(session: Session, rival: str, *segment: Any) -> list[Deal]:
    """The deals of ``segment`` in which buyers named the rival (``naming``)."""
    tagged = tagged_calls(session, [rival])[rival.casefold()]
    return naming(stored_deals(session, *segment), rival, tagged)


def outcome_counts(deals: Iterable[Deal]) -> Counter[str]:
    """How many of the deals ended each way."""
    return Counter(d.outcome for d in deals)
