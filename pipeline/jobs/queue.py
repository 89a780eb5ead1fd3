"""Where long work runs: in this process (SQLite, and PostgreSQL by default), or on a real
job queue, ``procrastinate`` on PostgreSQL (``CALLMINE_JOB_QUEUE=procrastinate``), executed by
``callmine worker`` processes on any machine that reaches the database.

Long work is a named task (``@task("analyse")``) that takes the workspace, JSON arguments and a
progress callback; the rooms that own the work register their tasks (``pipeline/analysis``).
``submit_task`` creates the ``jobs`` row either way, so ``GET /api/jobs`` and ``callmine jobs``
show the same progress whichever process runs it.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from sqlalchemy.engine import make_url

from pipeline.config import Settings
from pipeline.errors import CallmineError
from pipeline.jobs import runs
from pipeline.processes import this_process
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

TaskWork = Callable[[Workspace, dict[str, Any], runs.ProgressCallback], dict[str, Any]]
TASKS: dict[str, TaskWork] = {}
QUEUE_NAME = "callmine"
TASK_NAME = "callmine.run_job"


def task(kind: str) -> Callable[[TaskWork], TaskWork]:
    """Register ``work`` as the task that runs jobs of ``kind`` (here or on a worker)."""

    def register(work: TaskWork) -> TaskWork:
        TASKS[kind] = work
        return work

    return register


def uses_queue(settings: Settings) -> bool:
    return settings.job_queue == "procrastinate"


def submit_task(
    workspace: Workspace,
    kind: str,
    message: str,
    args: dict[str, Any],
    schedule: Callable[..., Any],
    *,
    once: bool = False,
    result: dict[str, Any] | None = None,
) -> str:
    """Run the task ``kind`` as a job; returns the job id to poll. In this process the job is
    handed to ``schedule`` (``BackgroundTasks.add_task``, an executor's ``submit``); on the
    queue it is deferred for a worker. ``once``: join a job of ``kind`` still queued;
    ``result``: what the job shows until it ends."""
    if kind not in TASKS:
        raise CallmineError(f"no task named {kind}")
    if not uses_queue(workspace.settings):

        def work(progress: runs.ProgressCallback) -> dict[str, Any]:
            return TASKS[kind](workspace, args, progress)

        if once:
            return runs.submit_once(workspace, kind, message, work, schedule)
        return runs.submit(workspace, kind, message, work, schedule, result=result)
    with runs.SUBMIT_GUARD:
        queued = runs.queued_job(workspace, kind, owner=runs.QUEUE_OWNER) if once else None
        if queued is not None:
            return queued
        job_id = runs.create_job(workspace, kind, message, owner=runs.QUEUE_OWNER, result=result)
    _run_job_task(workspace.settings).defer(job_id=job_id, kind=kind, args=args)
    return job_id


def require_queue(settings: Settings) -> None:
    if not uses_queue(settings):
        raise CallmineError(
            "callmine worker runs the job queue: set CALLMINE_JOB_QUEUE=procrastinate (and a "
            "PostgreSQL CALLMINE_DATABASE_URL) for the worker and every server"
        )


def procrastinate_conninfo(settings: Settings) -> str:
    """The database URL as libpq reads it (without SQLAlchemy's ``+psycopg``)."""
    url = make_url(settings.resolved_database_url)
    if url.get_backend_name() != "postgresql":
        raise CallmineError("the procrastinate job queue needs a PostgreSQL CALLMINE_DATABASE_URL")
    return url.set(drivername="postgresql").render_as_string(hide_password=False)


_APPS: dict[str, Any] = {}
_WORKER_WORKSPACE: list[Workspace] = []


def queue_app(settings: Settings) -> Any:
    """The procrastinate app on this database (one per process), its schema applied once."""
    conninfo = procrastinate_conninfo(settings)
    if conninfo not in _APPS:
        import procrastinate

        app = procrastinate.App(
            connector=procrastinate.PsycopgConnector(conninfo=conninfo),
            import_paths=[],
        )

        @app.task(name=TASK_NAME, queue=QUEUE_NAME, pass_context=False)
        def run_job_task(job_id: str, kind: str, args: dict[str, Any]) -> None:
            workspace = _WORKER_WORKSPACE[0]
            runs.run_job(workspace, job_id, lambda p: TASKS[kind](workspace, args, p))

        app.open()
        _ensure_schema(app, settings)
        _APPS[conninfo] = app
    return _APPS[conninfo]


def _run_job_task(settings: Settings) -> Any:
    return queue_app(settings).tasks[TASK_NAME]


def _ensure_schema(app: Any, settings: Settings) -> None:
    """procrastinate's tables, created by the first process (under the migration lock)."""
    from sqlalchemy import create_engine, func, inspect, select
    from sqlalchemy.pool import NullPool

    from pipeline.store.database import MIGRATION_LOCK_KEY

    engine = create_engine(settings.resolved_database_url, poolclass=NullPool)
    try:
        with engine.begin() as connection:
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
            if not inspect(connection).has_table("procrastinate_jobs"):
                app.schema_manager.apply_schema()
    finally:
        engine.dispose()


def run_worker(workspace: Workspace, *, concurrency: int = 1, wait: bool = True) -> None:
    """Execute queued jobs until stopped (SIGINT/SIGTERM), or, with ``wait=False``, until the
    queue is empty. Each job runs ``runs.run_job`` here, so its progress, result or error is
    recorded in the ``jobs`` table as for any job."""
    app = queue_app(workspace.settings)
    _WORKER_WORKSPACE[:] = [workspace]
    log.info("worker %s: waiting for jobs on queue %s", this_process(), QUEUE_NAME)
    app.run_worker(
        queues=[QUEUE_NAME],
        concurrency=concurrency,
        wait=wait,
        name=this_process(),
        install_signal_handlers=True,
    )
