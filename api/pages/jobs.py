"""The jobs page: what the background jobs (long uploads, analyses, detecting again) are doing,
from the same service as ``GET /api/jobs``, in words a marketer reads."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.auth import READ
from api.deps import WorkspaceDep
from api.web import render
from pipeline.errors import NotFound
from pipeline.jobs.runs import JobRead, get_job, list_jobs
from pipeline.types import PageNumber
from pipeline.workspace import Workspace

router = APIRouter()

JOBS_PER_PAGE = 50
MAX_JOB_ID = 64  # a uuid is 36 characters
WHAT = {
    "analyse": "Finding objections in new calls",
    "ingest": "Reading a large upload",
    "redetect": "Detecting again on every call",
    "recover": "Finishing work left when the server stopped",
    "recluster": "Grouping quotes into themes again",
    "grain": "Changing the number of themes",
    "refit": "Learning from your review answers",
}
STATE = {"queued": "Waiting", "running": "Running", "done": "Finished", "failed": "Failed"}


def job_row(job: JobRead) -> dict[str, Any]:
    """One job as the page shows it: plain words, times to the minute (UTC)."""
    ended = job.status in ("done", "failed")
    note = job.message
    if job.status == "failed" and note.startswith("interrupted"):
        note = "Stopped when the server stopped; its calls are analysed again."
    elif job.status == "done":
        note = ""
    return {
        "what": WHAT.get(job.kind, job.kind.replace("_", " ").capitalize()),
        "state": STATE[job.status],
        "failed": job.status == "failed",
        "progress": round(job.progress * 100),
        "started": job.created_at.strftime("%Y-%m-%d %H:%M"),
        "finished": job.updated_at.strftime("%Y-%m-%d %H:%M") if ended else "",
        "note": note[:1].upper() + note[1:],
    }


def followed_job(workspace: Workspace, job_id: str) -> JobRead | None:
    """The job a page follows (its ``?job=``) until it ends, if there is one by that id."""
    if not job_id or len(job_id) > MAX_JOB_ID:
        return None
    try:
        return get_job(workspace, job_id)
    except NotFound:
        return None


def job_notice(job: JobRead) -> dict[str, Any]:
    """An ended job as the page's notice (its last message), for ``render``'s ``flash``."""
    if job.status == "failed":
        return {"flash": f"That did not finish: {job.message}", "flash_kind": "error"}
    return {"flash": job.message, "flash_kind": "ok"}


@router.get("/jobs", response_class=HTMLResponse, dependencies=[READ])
def jobs_page(request: Request, workspace: WorkspaceDep, page: PageNumber = 1) -> HTMLResponse:
    found = list_jobs(workspace, status=None, kind=None, page=page, page_size=JOBS_PER_PAGE)
    return render(
        request,
        "jobs.html",
        title="Jobs",
        jobs=[job_row(job) for job in found.items],
        total=found.total,
        page=page,
        pages=max(1, -(-found.total // JOBS_PER_PAGE)),
    )
