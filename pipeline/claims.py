"""Who analyses a stored call: the process that stored it claims it in the same transaction
(``Call.claimed_by``/``claimed_at``), so an upload of the same content by another process
meanwhile (a second CLI ingest, a server, a worker on the same PostgreSQL) is a duplicate and
is not analysed there. A claim whose owner died (its pid gone on this machine, or older than
``CLAIM_STALE_AFTER`` wherever it ran) is taken over, once, by whoever meets the call next.

In this process the claims of the ingests still running are known exactly
(``CallsInFlight``); across processes the database is the only place both can see.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.in_flight import CallsInFlight
from pipeline.processes import process_gone, this_process
from pipeline.store.models import AnalysisState, Call, utcnow

# A live owner on another machine cannot be asked: after this long its claim is taken to be a
# crash. Too short costs nothing worse than a label: analysis runs one writer at a time and
# analyses only what is still unanalysed then (``pipeline.analysis.once``).
CLAIM_STALE_AFTER = dt.timedelta(hours=1)


def claim_columns() -> dict[str, object]:
    """The columns that make the process storing a call its owner."""
    return {"claimed_by": this_process(), "claimed_at": utcnow()}


def claim_live(
    in_flight: CallsInFlight,
    call_id: int,
    owner: str | None,
    since: dt.datetime | None,
    now: dt.datetime | None = None,
) -> bool:
    """Someone else is about to analyse this call: an ingest of this process still holds it,
    or another process that is still alive claimed it not too long ago."""
    if not owner:
        return False
    if owner == this_process():
        return call_id in in_flight
    if since is None or (now or utcnow()) - since > CLAIM_STALE_AFTER:
        return False
    return not process_gone(owner)


def take_over(session: Session, call_id: int, owner: str | None, since: dt.datetime | None) -> bool:
    """Make this process the owner of an unanalysed call, if the claim read (``owner``,
    ``since``) is still the call's: of two processes taking over the same dead claim, one
    wins and the other sees a duplicate."""
    claimed = update(Call).where(
        Call.id == call_id,
        Call.analysis_state != AnalysisState.analysed,
        Call.claimed_by.is_(None) if owner is None else Call.claimed_by == owner,
        Call.claimed_at.is_(None) if since is None else Call.claimed_at == since,
    )
    done = session.execute(claimed.values(**claim_columns()))
    return bool(done.rowcount)  # type: ignore[attr-defined]


def unclaimed(
    session: Session, in_flight: CallsInFlight, call_ids: Iterable[int] | None = None
) -> list[int]:
    """The pending calls (of ``call_ids``, or all) nobody else is about to analyse."""
    query = select(Call.id, Call.claimed_by, Call.claimed_at).where(
        Call.analysis_state == AnalysisState.pending
    )
    if call_ids is not None:
        query = query.where(Call.id.in_(sorted(set(call_ids))))
    now = utcnow()
    return [
        int(call_id)
        for call_id, owner, since in session.execute(query.order_by(Call.id))
        if not claim_live(in_flight, int(call_id), owner, since, now)
    ]
