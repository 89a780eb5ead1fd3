"""Background jobs: a row in the ``jobs`` table that long work updates as it goes.

The caller owns the thread (FastAPI ``BackgroundTasks`` or an executor on the app state);
``run_job`` does the bookkeeping so the work function only reports progress.
"""

from __future__ import annotations

import datetime as dt
import logging
import uuid
from collections.abc import Callable
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict
from sqlalchemy import update
from sqlalchemy.exc import OperationalError

from pipeline.errors import CallmineError, NotFound
from pipeline.store import Job, utcnow
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)
SQLITE_BUSY_TIMEOUT_MS = 10_000  # what pipeline.store sets on every connection

JobStatus = Literal["queued", "running", "done", "failed"]
ProgressCallback = Callable[[float, str], None]
JobWork = Callable[[ProgressCallback], dict[str, Any]]


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
                    "message": "embedding 1,200 utterances",
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


def create_job(workspace: Workspace, kind: str, message: str = "queued") -> str:
    job_id = str(uuid.uuid4())
    with workspace.session() as session:
        session.add(Job(id=job_id, kind=kind, status="queued", progress=0.0, message=message))
    return job_id


def _set(workspace: Workspace, job_id: str, **values: Any) -> None:
    with workspace.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id} not found")
        for name, value in values.items():
            setattr(job, name, value)
        job.updated_at = utcnow()


def update_progress(workspace: Workspace, job_id: str, progress: float, message: str = "") -> None:
    """Progress is clamped to 0..1; the message says what the job is doing now."""
    _set(
        workspace, job_id, status="running", progress=min(max(progress, 0.0), 1.0), message=message
    )


def report_progress(workspace: Workspace, job_id: str, progress: float, message: str) -> bool:
    """Best-effort progress from inside long work; False when it was skipped.

    The work may hold SQLite's single write lock in its own transaction (analysis does), so
    waiting for the lock here would stall it: on SQLite the write is tried without waiting.
    """
    values = {
        "status": "running",
        "progress": min(max(progress, 0.0), 1.0),
        "message": message,
        "updated_at": utcnow(),
    }
    sqlite = workspace.db.engine.dialect.name == "sqlite"
    with workspace.db.engine.connect() as connection:
        if sqlite:
            connection.exec_driver_sql("PRAGMA busy_timeout=0")
        try:
            connection.execute(update(Job).where(Job.id == job_id).values(**values))
            connection.commit()
            return True
        except OperationalError:
            connection.rollback()
            return False
        finally:
            if sqlite:
                connection.exec_driver_sql(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")


def finish(
    workspace: Workspace, job_id: str, result: dict[str, Any], message: str = "done"
) -> None:
    _set(workspace, job_id, status="done", progress=1.0, message=message, result=result)


def fail(workspace: Workspace, job_id: str, message: str) -> None:
    _set(workspace, job_id, status="failed", message=message)


def get_job(workspace: Workspace, job_id: str) -> JobRead:
    with workspace.session() as session:
        job = session.get(Job, job_id)
        if job is None:
            raise NotFound(f"job {job_id} not found")
        return JobRead.model_validate(job)


def submit(
    workspace: Workspace, kind: str, message: str, work: JobWork, schedule: Callable[..., Any]
) -> str:
    """Create a job and hand ``run_job`` to ``schedule`` (``BackgroundTasks.add_task``, an
    executor's ``submit``); returns the id to poll at ``GET /api/jobs/{id}``."""
    job_id = create_job(workspace, kind, message)
    schedule(run_job, workspace, job_id, work)
    return job_id


def run_job(workspace: Workspace, job_id: str, work: JobWork) -> None:
    """Run ``work`` to the end, recording progress, result or the error; never raises."""
    try:
        update_progress(workspace, job_id, 0.0, "started")

        def progress(fraction: float, message: str) -> None:
            report_progress(workspace, job_id, fraction, message)

        result = work(progress)
    except CallmineError as exc:
        fail(workspace, job_id, exc.detail)
    except Exception as exc:  # noqa: BLE001 - a background thread has nobody else to tell
        log.exception("job %s failed", job_id)
        fail(workspace, job_id, f"{type(exc).__name__}: {exc}")
    else:
        finish(workspace, job_id, result)
