"""Route for the dashboard figures: the same as the web page's, as JSON."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import READ
from api.deps import SessionDep
from pipeline.dashboard import Dashboard, dashboard

router = APIRouter(tags=["dashboard"])


@router.get(
    "/api/dashboard",
    summary="Top objections by month, lost deals, competitors",
    dependencies=[READ],
)
def read_dashboard(db: SessionDep) -> Dashboard:
    """This month (the month of the latest call) against last month, objections in lost deals,
    competitors buyers named, and the totals."""
    return dashboard(db)
