"""A ``callmine worker``: executes the long work queued on PostgreSQL (procrastinate) by any
server or CLI on the same database; the analysis room's tasks are registered by importing
their modules here."""

from __future__ import annotations

from pipeline.analysis import corrections, recovery
from pipeline.cluster import grain
from pipeline.jobs import queue
from pipeline.workspace import Workspace

# The tasks a worker runs: analyse, recover, recluster (in recovery), redetect (in corrections),
# grain (in the cluster room's grain).
REGISTERED_BY = (corrections, recovery, grain)


def run_worker(workspace: Workspace, *, concurrency: int = 1, wait: bool = True) -> None:
    """Run queued jobs until stopped (or, ``wait=False``, until the queue is empty); stale
    jobs of this machine are marked failed first and their calls queued again."""
    queue.require_queue(workspace.settings)
    recovery.resume_in_background(workspace, schedule=_no_local_schedule)
    queue.run_worker(workspace, concurrency=concurrency, wait=wait)


def _no_local_schedule(*_args: object) -> None:
    """With the queue on, nothing runs in the worker's own threads: jobs are deferred."""
    raise RuntimeError("a worker defers its jobs to the queue")
