"""Routes for background jobs: poll a job started by a long upload or re-analysis."""

from __future__ import annotations

from fastapi import APIRouter

from api.deps import WorkspaceDep
from api.problems import PROBLEM
from pipeline.jobs import JobRead, get_job

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get(
    "/{job_id}",
    summary="Status, progress and result of a background job",
    response_model=JobRead,
    responses={404: PROBLEM},
)
def read_job(workspace: WorkspaceDep, job_id: str) -> JobRead:
    """``status`` is queued, running, done or failed; ``progress`` runs from 0 to 1."""
    return get_job(workspace, job_id)
