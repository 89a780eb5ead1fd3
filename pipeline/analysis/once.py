"""Each call analysed once, however many processes stored, resumed or swept it: the calls to
analyse are read again under the writer lock (one analysis at a time, on every process and,
on PostgreSQL, every machine), and a call another process analysed meanwhile is left alone."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select

from pipeline.analysis import flow as analysis
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import AnalysisState, Call
from pipeline.workspace import Workspace


def analyse_once(
    workspace: Workspace,
    call_ids: Sequence[int],
    *,
    left_pending: bool = True,
    progress: ProgressCallback | None = None,
) -> dict[str, int] | None:
    """Analyse these calls, those not analysed yet once this process holds the writer lock,
    and with ``left_pending`` every pending call nobody else is about to analyse. None when
    nothing was left to analyse."""
    with workspace.writer():
        with workspace.session() as session:
            ids = set(
                session.scalars(
                    select(Call.id).where(
                        Call.id.in_(sorted(set(call_ids))),
                        Call.analysis_state != AnalysisState.analysed,
                    )
                )
            )
        if left_pending:
            ids.update(analysis.pending_call_ids(workspace))
        if not ids:
            return None
        return analysis.analyse_calls(workspace, sorted(ids), progress=progress)
