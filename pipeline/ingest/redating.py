"""Stored calls whose ambiguous date ("12/03/2026") only the setting or the timeline settled are
read again once an upload is stored: a reading a quarter from every call whose date is sure,
while the other reading is not, gives way to the other (``date_reading``'s rule 4). A file read
before any other call was stored (the first upload) had only the setting to go by, and its
3 December stayed eight months after every March call.

A call's date is sure when it reads one way only, its file told the order, or a user gave it
(an upload's date, ``call-update``, the call page): such a date is never changed here."""

from __future__ import annotations

import datetime as dt
import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.ingest.date_reading import REVISABLE_REASONS, TIMELINE_REASON, timeline_choice
from pipeline.store.models import Call
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

SET_BY_HAND = "set by hand"  # extra.date_order_by of a date a user gave


@dataclass(frozen=True)
class Redated:
    """One call given the other reading of its date."""

    call_id: int
    before: dt.date
    after: dt.date

    def said(self) -> str:
        return (
            f"call {self.call_id} re-dated {self.before.isoformat()} → {self.after.isoformat()}: "
            f"{self.before.isoformat()} was a quarter from every other call"
        )


@dataclass(frozen=True)
class _Unsure:
    call_id: int
    day: dt.date
    readings: tuple[dt.date, dt.date]


def mark_set_by_hand(extra: dict[str, object]) -> dict[str, object]:
    """``extra`` for a call whose date a user gave: never read again (a new dict, so the JSON
    column sees the change)."""
    kept = {key: value for key, value in extra.items() if key != "date_readings"}
    return {**kept, "date_order_by": SET_BY_HAND}


def _unsure(db: Session) -> list[_Unsure]:
    """The stored calls whose date is one of two readings only the setting or timeline chose."""
    rows = db.execute(
        select(
            Call.id,
            Call.call_date,
            Call.extra["date_readings"].as_json(),
            Call.extra["date_order_by"].as_string(),
        ).where(Call.extra["date_readings"].as_string().is_not(None))
    )
    unsure: list[_Unsure] = []
    for call_id, day, readings, reason in rows:
        if reason not in REVISABLE_REASONS or day is None or not isinstance(readings, list):
            continue
        pair = tuple(dt.date.fromisoformat(str(value)) for value in readings)
        if len(pair) == 2 and day in pair:  # a date changed since is no reading of ours
            unsure.append(_Unsure(call_id, day, (pair[0], pair[1])))
    return unsure


def _sure(db: Session, unsure: Sequence[_Unsure]) -> list[dt.date]:
    """The sorted dates of every other dated call."""
    counts: Counter[dt.date] = Counter()
    query = select(Call.call_date).where(Call.call_date.is_not(None))
    for day in db.scalars(query.execution_options(yield_per=10_000)):
        if day is not None:
            counts[day] += 1
    counts.subtract(call.day for call in unsure)
    return sorted(day for day, count in counts.items() if count > 0)


def sure_dates(db: Session) -> list[dt.date]:
    """The sorted dates of the stored calls whose date is sure: what a new date is read against."""
    return _sure(db, _unsure(db))


def redate_unsure_calls(db: Session) -> list[Redated]:
    """Give each unsure call whose date is far from every sure date, while its other reading is
    not, that other reading; logged, and returned for the surface to say."""
    unsure = _unsure(db)
    if not unsure:
        return []
    sure = _sure(db, unsure)
    redated: list[Redated] = []
    for candidate in unsure:
        other = next(day for day in candidate.readings if day != candidate.day)
        if timeline_choice(candidate.day, other, sure) is not True:
            continue
        call = db.get(Call, candidate.call_id)
        if call is None:
            continue
        call.call_date = other
        month_first = other == candidate.readings[0]
        order = "month-first" if month_first else "day-first"
        call.extra = {**call.extra, "date_order": order, "date_order_by": TIMELINE_REASON}
        redated.append(Redated(candidate.call_id, candidate.day, other))
        log.info(redated[-1].said())
    db.flush()
    return redated


def redate_after_upload(workspace: Workspace) -> list[str]:
    """Once a whole upload is stored: the unsure dates read again with all of it in view
    (``pipeline.ingest.redating``); what was re-dated, said."""
    with workspace.session() as db:
        return [change.said() for change in redate_unsure_calls(db)]
