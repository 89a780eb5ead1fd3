"""Route for the dashboard figures: the same as the web page's, as JSON."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import READ
from api.deps import SessionDep, WorkspaceDep
from pipeline.dashboard import Dashboard, dashboard_view
from pipeline.types import IsoDate

router = APIRouter(tags=["dashboard"])


@router.get(
    "/api/dashboard",
    summary="Top objections in a period against the one before, lost deals, competitors",
    dependencies=[READ],
)
def read_dashboard(
    db: SessionDep,
    workspace: WorkspaceDep,
    date_from: IsoDate | None = None,
    date_to: IsoDate | None = None,
    industry: str | None = None,
) -> Dashboard:
    """Objection clusters' mentions in a period (default: the 30 days up to the latest call;
    ``date_from``/``date_to`` choose another) against the period of equal length just before it,
    with the home page's trend rule; objections in lost deals, competitors named, the totals
    (``industry``: only calls of that industry); and ``out_of_date``: the documents later calls
    changed materially, with what changed (regenerate with
    ``POST /api/documents/{id}/regenerate``)."""
    return dashboard_view(
        workspace.views,
        db,
        date_from=date_from,
        date_to=date_to,
        industry=industry,
        confident_at=workspace.settings.confident_at,
    )
