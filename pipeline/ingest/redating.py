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
from dataclasses import dataclass, field

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


def _unsure_reading(
    call_id: int, day: dt.date | None, readings: object, reason: str | None
) -> _Unsure | None:
    """The call as one of two readings only the setting or timeline chose; None when sure."""
    if reason not in REVISABLE_REASONS or day is None or not isinstance(readings, list):
        return None
    pair = tuple(dt.date.fromisoformat(str(value)) for value in readings)
    if len(pair) == 2 and day in pair:  # a date changed since is no reading of ours
        return _Unsure(call_id, day, (pair[0], pair[1]))
    return None


@dataclass
class DateTally:
    """The days of the calls whose date is sure, and the calls whose date is not: read once per
    upload and kept current as its files are stored (``read_since``), not read whole again for
    each file."""

    sure_days: set[dt.date] = field(default_factory=set)
    unsure: dict[int, _Unsure] = field(default_factory=dict)
    _sorted: list[dt.date] | None = field(default=None, init=False, repr=False)

    def read_since(self, db: Session, after: int = 0, *, up_to: int | None = None) -> DateTally:
        """Take in the dated calls whose id is over ``after`` (every one for 0), up to
        ``up_to`` where given (a call is never taken twice)."""
        query = select(
            Call.id,
            Call.call_date,
            Call.extra["date_readings"].as_json(),
            Call.extra["date_order_by"].as_string(),
        ).where(Call.call_date.is_not(None), Call.id > after)
        if up_to is not None:
            query = query.where(Call.id <= up_to)
        for call_id, day, readings, reason in db.execute(query.execution_options(yield_per=10_000)):
            unsure = _unsure_reading(call_id, day, readings, reason)
            if unsure is not None:
                self.unsure[call_id] = unsure
            elif day not in self.sure_days:
                self.sure_days.add(day)
                self._sorted = None
        return self

    def sure(self) -> list[dt.date]:
        """The sorted dates of the calls whose date is sure: what a new date is read against."""
        if self._sorted is None:
            self._sorted = sorted(self.sure_days)
        return self._sorted


def sure_dates(db: Session) -> list[dt.date]:
    """The sorted dates of the stored calls whose date is sure: what a new date is read against."""
    return DateTally().read_since(db).sure()


def _still_unsure(call: Call, candidate: _Unsure) -> bool:
    """Whether the stored call is as the tally read it (a user may have given its date since)."""
    readings = call.extra.get("date_readings")
    reason = call.extra.get("date_order_by")
    return _unsure_reading(call.id, call.call_date, readings, reason) == candidate


def redate_unsure_calls(db: Session, tally: DateTally | None = None) -> list[Redated]:
    """Give each unsure call whose date is far from every sure date, while its other reading is
    not, that other reading; returned for the surface to say. ``tally``: the upload's, kept
    current (else read now)."""
    tally = tally if tally is not None else DateTally().read_since(db)
    if not tally.unsure:
        return []
    sure = tally.sure()
    redated: list[Redated] = []
    for candidate in tally.unsure.values():
        other = next(day for day in candidate.readings if day != candidate.day)
        if timeline_choice(candidate.day, other, sure) is not True:
            continue
        call = db.get(Call, candidate.call_id)
        if call is None or not _still_unsure(call, candidate):
            continue
        call.call_date = other
        month_first = other == candidate.readings[0]
        order = "month-first" if month_first else "day-first"
        call.extra = {**call.extra, "date_order": order, "date_order_by": TIMELINE_REASON}
        redated.append(Redated(candidate.call_id, candidate.day, other))
    db.flush()
    return redated


def redate_after_upload(workspace: Workspace, tally: DateTally | None = None) -> list[str]:
    """Once a whole upload is stored: the unsure dates read again with all of it in view
    (``pipeline.ingest.redating``); what was re-dated, said. ``tally``: the upload's, current.
    In turn with the other writers (``Workspace.in_turn``): behind a re-cluster's long
    transaction the re-dating had failed the upload with "database is locked"."""

    def redate() -> list[Redated]:
        with workspace.session() as db:
            return redate_unsure_calls(db, tally)

    said = [change.said() for change in workspace.in_turn(redate)]
    for line in said:  # once committed: a try that met the lock changed nothing
        log.info(line)
    return said
