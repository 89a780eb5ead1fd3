"""Routes for background jobs: list them, poll one started by a long upload or re-analysis."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from api.auth import READ
from api.deps import WorkspaceDep
from api.problems import PROBLEM
from pipeline.ingest.deferred import ingest_results
from pipeline.ingest.schemas import IngestResult
from pipeline.jobs.runs import JobPage, JobRead, JobStatus, get_job, list_jobs
from pipeline.types import MAX_ROW_ID, PageNumber

router = APIRouter(prefix="/api/jobs", tags=["jobs"])


@router.get(
    "", summary="Background jobs, newest first", response_model=JobPage, dependencies=[READ]
)
def read_jobs(
    workspace: WorkspaceDep,
    status: JobStatus | None = None,
    kind: Annotated[str | None, Query(max_length=32, examples=["analyse"])] = None,
    page: PageNumber = 1,
    page_size: Annotated[int, Query(ge=1, le=500)] = 50,
) -> JobPage:
    """Every job this data dir has run (analyse, ingest, redetect, recover): its status, progress
    and last message. A job whose process stopped reads ``failed`` with ``interrupted``."""
    return list_jobs(workspace, status=status, kind=kind, page=page, page_size=page_size)


@router.get(
    "/{job_id}",
    summary="Status, progress and result of a background job",
    response_model=JobRead,
    responses={404: PROBLEM},
    dependencies=[READ],
)
def read_job(workspace: WorkspaceDep, job_id: str) -> JobRead:
    """``status`` is queued, running, done or failed; ``progress`` runs from 0 to 1."""
    return get_job(workspace, job_id)


class IngestResultsPage(BaseModel):
    job_id: str
    total: int = Field(description="Results so far (every call of every file, once stored).")
    offset: int
    limit: int
    results: list[IngestResult]


@router.get(
    "/{job_id}/results",
    summary="A page of a large upload's per-call results",
    response_model=IngestResultsPage,
    responses={404: PROBLEM},
    dependencies=[READ],
)
def read_ingest_results(
    workspace: WorkspaceDep,
    job_id: str,
    offset: Annotated[int, Query(ge=0, le=MAX_ROW_ID)] = 0,
    limit: Annotated[int, Query(ge=1, le=1000)] = 100,
) -> dict[str, Any]:
    """What the upload would have answered for each call (``created``, ``duplicate``,
    ``rejected`` with why...), for an upload stored by an ``ingest`` job (one over
    ``CALLMINE_DEFERRED_INGEST_BYTES``), a page at a time."""
    return ingest_results(workspace, job_id, offset=offset, limit=limit)
