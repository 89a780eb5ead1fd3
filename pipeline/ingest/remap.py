"""A CRM export imported again with a better column map updates the calls its first import
stored, instead of storing each row a second time.

A first import without a date or account column stores rows with none; the same file again with
``{"date": ..., "account": ...}`` gives each row a new content hash, and every row had become a
second call. A row whose hash is new is matched to the stored CSV or workbook call whose hash is
this row's with the date/account/deal fields the earlier import lacked set to none
(``store.earlier_hashes``); that call takes the row's fields and its hash. Two rows with the same
short note for different deals still differ: a stored call that had its deal is not matched.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.refresh import take_fields
from pipeline.store.models import Call, Outcome

TABLE_FORMATS = ("csv", "xlsx")
# (the row's new hash, its earlier hashes, the row) -> (stored call id, its state, what changed)
Row = tuple[str, tuple[str, ...], ParsedCall]
Claimed = tuple[int, str, list[str]]


def _row_fields(parsed: ParsedCall) -> dict[str, Any]:
    """The call fields a row gives, as ``refresh.take_fields`` takes them."""
    values: dict[str, Any] = {
        "date": parsed.call_date,
        "account": parsed.account,
        "deal_id": parsed.deal_id,
        "deal_stage": parsed.deal_stage,
        "industry": parsed.industry,
        "outcome": None if parsed.outcome == Outcome.unknown else parsed.outcome,
        "competitors": list(parsed.competitors),
    }
    return {field: value for field, value in values.items() if value not in (None, "", [])}


def claim_earlier(session: Session, rows: Sequence[Row]) -> dict[str, Claimed]:
    """For each row (hash not stored yet) that an earlier import stored with fewer fields: that
    call, updated with the row's fields and given its hash. A stored call is claimed once."""
    wanted = sorted({digest for _new, earlier, _parsed in rows for digest in earlier})
    if not wanted:
        return {}
    stored = {
        call.content_hash: call
        for call in session.scalars(
            select(Call).where(Call.content_hash.in_(wanted), Call.format.in_(TABLE_FORMATS))
        )
    }
    claimed: dict[str, Claimed] = {}
    for new, earlier, parsed in rows:
        match = next((digest for digest in earlier if digest in stored), None)
        if new in claimed or match is None:
            continue
        call = stored.pop(match)
        call.content_hash = new
        claimed[new] = (
            call.id,
            str(call.analysis_state),
            take_fields(session, call, _row_fields(parsed)),
        )
    session.flush()
    return claimed
