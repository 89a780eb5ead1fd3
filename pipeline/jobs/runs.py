"""Background jobs: a row in the ``jobs`` table that long work updates as it goes.

The caller owns the thread (FastAPI ``BackgroundTasks`` or an executor on the app state);
``run_job`` does the bookkeeping so the work function only reports progress. The work itself
reads what to do from the database (the calls still pending), so a job whose process died is
marked failed (``fail_stale_jobs``) and its work is picked up again by the next one.
"""

from __future__ import annotations

import datetime as dt
import logging
import threading
import uuid
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field
from sqlalchemy import func, select, update
from sqlalchemy.exc import OperationalError

from pipeline.errors import CallmineError, NotFound
from pipeline.processes import process_gone, this_process
from pipeline.store.busy import retry_with_backoff
from pipeline.store.database import row_offset
from pipeline.store.models import Job, utcnow
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)
# How long the end of a job keeps trying to record itself when the database is busy.
RECORD_RETRY_S = 120.0

JobStatus = Literal["queued", "running", "done", "failed"]
OPEN_STATUSES = ("queued", "running")
ProgressCallback = Callable[[float, str], None]
JobWork = Callable[[ProgressCallback], dict[str, Any]]

# Jobs created or running in this process and not finished yet: never stale while here.
_LIVE: set[str] = set()
_LIVE_GUARD = threading.Lock()
# submit_once looks for a queued job and creates one as one step: requests arriving together
# join one job.
SUBMIT_GUARD = threading.Lock()
# The owner of a job waiting on the job queue: no process runs it yet (a worker will).
QUEUE_OWNER = "queue"
# How the message of a job whose process is gone begins.
INTERRUPTED = "interrupted"
ANALYSED_AGAIN = "; its calls are analysed again"  # ... by the recovery, which its message ends
# A result's line saying how the work ended ("stored 240 of 240 calls ..."): its last message.
SUMMARY = "summary"


class JobRead(BaseModel):
    model_config = ConfigDict(
        from_attributes=True,
        json_schema_extra={
            "examples": [
                {
                    "id": "5f0c2a9e-8a51-4a53-9d0e-2f6f0f7b1c11",
                    "kind": "analyse",
                    "status": "running",
                    "progress": 0.4,
                    "message": "detect: 1,200 of 3,000 utterances",
                    "result": {},
                    "created_at": "2026-03-15T09:12:00Z",
                    "updated_at": "2026-03-15T09:12:04Z",
                }
            ]
        },
    )

    id: str
    kind: str
    status: JobStatus
    progress: float
    message: str
    result: dict[str, Any]
    created_at: dt.datetime
    updated_at: dt.datetime


class JobStarted(BaseModel):
    """A 202's body: the work runs as a job (queued behind other writers, never timing out)."""

    model_config = ConfigDict(
        json_schema_extra={"examples": [{"job_id": "5f0c2a9e-8a51-4a53-9d0e-2f6f0f7b1c11"}]}
    )

    job_id: str = Field(
        description="Poll `GET /api/jobs/{id}` (a `JobRead`) for progress and the result; "
        "`GET /api/jobs` and `callmine jobs` list it."
    )


class JobPage(BaseModel):
    items: list[JobRead]
    total: int
    page: int
    page_size: int = Field(description="Jobs per page, newest first.")


def create_job(
    workspace: Workspace,
    kind: str,
    message: str = "queued",
    *,
    owner: str | None = None,
    result: dict[str, Any] | None = None,
) -> str:
    """A ``queued`` job run by this process (or by ``owner``: ``QUEUE_OWNER`` for a worker);
    ``result``: what it shows until it ends (an upload's spool folder, for its recovery)."""
    job_id = str(uuid.uuid4())
    if owner is None:
        with _LIVE_GUARD:
            _LIVE.add(job_id)
    with workspace.session() as session:
        session.add(
            Job(
                id=job_id,
                kind=kind,
                status="queued",
                progress=0.0,
                message=message,
                owner=owner or this_process(),
                result=result or {},
            )
        )
    return job_id


def _set(workspace: Workspace, job_id: str, **values: Any) -> None:
    with workspace.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id} not found")
        for name, value in values.items():
            setattr(job, name, value)
        job.updated_at = utcnow()


def _set_until_recorded(workspace: Workspace, job_id: str, **values: Any) -> None:
    """``_set``, retried while the database is busy: the end of a job must be recorded, or it
    would read ``running`` for ever."""
    retry_with_backoff(
        lambda: _set(workspace, job_id, **values),
        retry_if=lambda exc: isinstance(exc, OperationalError),
        within_s=RECORD_RETRY_S,
    )


def update_progress(workspace: Workspace, job_id: str, progress: float, message: str = "") -> None:
    """Progress is clamped to 0..1; the message says what the job is doing now."""
    _set(
        workspace, job_id, status="running", progress=min(max(progress, 0.0), 1.0), message=message
    )


def report_progress(workspace: Workspace, job_id: str, progress: float, message: str) -> bool:
    """Best-effort progress from inside long work; False when it was skipped.

    The work may hold SQLite's single write lock in its own transaction, so waiting for the
    lock here would stall it: on SQLite the write is tried without waiting.
    """
    values = {
        "status": "running",
        "progress": min(max(progress, 0.0), 1.0),
        "message": message,
        "updated_at": utcnow(),
    }
    with workspace.db.without_waiting() as connection:
        try:
            connection.execute(update(Job).where(Job.id == job_id).values(**values))
            connection.commit()
            return True
        except OperationalError:
            return False


def finish(
    workspace: Workspace, job_id: str, result: dict[str, Any], message: str = "done"
) -> None:
    _set_until_recorded(
        workspace, job_id, status="done", progress=1.0, message=message, result=result
    )


def fail(workspace: Workspace, job_id: str, message: str) -> None:
    _set_until_recorded(workspace, job_id, status="failed", message=message)


def get_job(workspace: Workspace, job_id: str) -> JobRead:
    with workspace.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id} not found")
        return JobRead.model_validate(job)


def list_jobs(
    workspace: Workspace,
    *,
    status: str | None = None,
    kind: str | None = None,
    page: int = 1,
    page_size: int = 50,
) -> JobPage:
    """Jobs newest first, optionally of one status or kind."""
    query = select(Job)
    if status:
        query = query.where(Job.status == status)
    if kind:
        query = query.where(Job.kind == kind)
    with workspace.session() as session:
        total = session.scalar(select(func.count()).select_from(query.subquery())) or 0
        rows = session.scalars(
            query.order_by(Job.created_at.desc(), Job.id)
            .offset(row_offset((page - 1) * page_size))
            .limit(page_size)
        ).all()
        items = [JobRead.model_validate(row) for row in rows]
    return JobPage(items=items, total=total, page=page, page_size=page_size)


def _process_gone(owner: str | None) -> bool:
    """The job's process is gone (``process_gone``); one waiting on the job queue has none."""
    return owner != QUEUE_OWNER and process_gone(owner)


def fail_stale_jobs(workspace: Workspace) -> list[JobRead]:
    """Mark failed every queued or running job whose process is gone (killed, crashed, or a
    failure handler that could not record the end); returns them. Which jobs are live is
    read after the open ones: a job is live before it is stored, so one created meanwhile (a
    server's start recovery beside a first upload) is never taken for a stale one."""
    with workspace.session() as session:
        rows = session.scalars(select(Job).where(Job.status.in_(OPEN_STATUSES))).all()
        with _LIVE_GUARD:
            live = set(_LIVE)
        stale = [job for job in rows if job.id not in live and _process_gone(job.owner)]
        failed = []
        for job in stale:
            message = (
                f"{INTERRUPTED}: the process running it ({job.owner or 'unknown'}) stopped at "
                f"{job.progress:.0%} ({job.message}){ANALYSED_AGAIN}"
            )
            # Only while still open: a job that ended since it was read keeps its end.
            done = session.execute(
                update(Job)
                .where(Job.id == job.id, Job.status.in_(OPEN_STATUSES))
                .values(status="failed", message=message, updated_at=utcnow())
                .execution_options(synchronize_session=False)
            )
            if done.rowcount:  # type: ignore[attr-defined]
                failed.append(job.id)
    return [get_job(workspace, job_id) for job_id in failed]


def open_job(workspace: Workspace, kind: str, *, status: str = "queued") -> str | None:
    """A job of ``kind`` in ``status`` run by this process, if there is one."""
    with _LIVE_GUARD:
        live = set(_LIVE)
    with workspace.session() as session:
        ids = session.scalars(
            select(Job.id)
            .where(Job.kind == kind, Job.status == status)
            .order_by(Job.created_at.desc())
        ).all()
    return next((job_id for job_id in ids if job_id in live), None)


def queued_job(workspace: Workspace, kind: str, *, owner: str) -> str | None:
    """The newest job of ``kind`` still queued for ``owner`` (the job queue), if any."""
    with workspace.session() as session:
        return session.scalar(
            select(Job.id)
            .where(Job.kind == kind, Job.status == "queued", Job.owner == owner)
            .order_by(Job.created_at.desc())
            .limit(1)
        )


def interrupted_jobs(workspace: Workspace, kind: str) -> list[JobRead]:
    """Jobs of ``kind`` failed because their process stopped (``fail_stale_jobs``), oldest first."""
    with workspace.session() as session:
        rows = session.scalars(
            select(Job)
            .where(Job.kind == kind, Job.status == "failed", Job.message.startswith(INTERRUPTED))
            .order_by(Job.created_at)
        ).all()
        return [JobRead.model_validate(row) for row in rows]


def rerun(
    workspace: Workspace, job_id: str, message: str, work: JobWork, schedule: Callable[..., Any]
) -> bool:
    """Run an interrupted job's ``work`` again here, under its own id (its result is then the
    whole work's); False when another process took it back first."""
    with _LIVE_GUARD:
        _LIVE.add(job_id)  # from now on never stale while this process lives
    with workspace.session() as session:
        taken = session.execute(
            update(Job)
            .where(Job.id == job_id, Job.status == "failed", Job.message.startswith(INTERRUPTED))
            .values(status="queued", message=message, owner=this_process(), updated_at=utcnow())
            .execution_options(synchronize_session=False)
        )
    if not taken.rowcount:  # type: ignore[attr-defined]
        with _LIVE_GUARD:
            _LIVE.discard(job_id)
        return False
    schedule(run_job, workspace, job_id, work)
    return True


def submit(
    workspace: Workspace,
    kind: str,
    message: str,
    work: JobWork,
    schedule: Callable[..., Any],
    *,
    result: dict[str, Any] | None = None,
) -> str:
    """Create a job and hand ``run_job`` to ``schedule`` (``BackgroundTasks.add_task``, an
    executor's ``submit``); returns the id to poll at ``GET /api/jobs/{id}``."""
    job_id = create_job(workspace, kind, message, result=result)
    schedule(run_job, workspace, job_id, work)
    return job_id


def submit_once(
    workspace: Workspace, kind: str, message: str, work: JobWork, schedule: Callable[..., Any]
) -> str:
    """``submit``, unless a job of ``kind`` is already queued here: then that one is returned
    (it has not started, so it will see everything asked of it until now)."""
    with SUBMIT_GUARD:
        queued = open_job(workspace, kind)
        if queued is not None:
            return queued
        job_id = create_job(workspace, kind, message)
    schedule(run_job, workspace, job_id, work)
    return job_id


def run_job(workspace: Workspace, job_id: str, work: JobWork) -> None:
    """Run ``work`` to the end, recording progress, result or the error; never raises."""
    with _LIVE_GUARD:
        _LIVE.add(job_id)
    try:
        _run(workspace, job_id, work)
    finally:
        with _LIVE_GUARD:
            _LIVE.discard(job_id)


def _run(workspace: Workspace, job_id: str, work: JobWork) -> None:
    """The job stays ``queued`` until its work reports progress: work that first waits for the
    writer lock (another analysis) has not begun, so a new request may still join it."""
    try:
        _set_until_recorded(workspace, job_id, message="waiting to start", owner=this_process())

        def progress(fraction: float, message: str) -> None:
            report_progress(workspace, job_id, fraction, message)

        result = work(progress)
        ending = str(result.get(SUMMARY) or "done")
    except CallmineError as exc:
        _record_failure(workspace, job_id, exc.detail)
    except Exception as exc:  # noqa: BLE001 - a background thread has nobody else to tell
        log.exception("job %s failed", job_id)
        _record_failure(workspace, job_id, f"{type(exc).__name__}: {exc}")
    else:
        try:
            finish(workspace, job_id, result, ending)
        except Exception:  # noqa: BLE001 - left to fail_stale_jobs, which sees it is not live
            log.exception("job %s finished but its end could not be recorded", job_id)


def _record_failure(workspace: Workspace, job_id: str, message: str) -> None:
    try:
        fail(workspace, job_id, message)
    except Exception:  # noqa: BLE001 - left to fail_stale_jobs, which sees it is not live
        log.exception("job %s failed and its failure could not be recorded", job_id)
