"""Nothing stored is left unanalysed: what a crash, a killed job or a failing neighbour left
``pending`` is analysed again at server start and by the next upload or ingest, stale jobs are
marked failed, and the faiss index is brought back in step with the database."""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from typing import Any

from pipeline.analysis import flow as analysis
from pipeline.analysis.once import analyse_once
from pipeline.cluster.index import CLUSTERED_KINDS, index_in_step, rebuild_index
from pipeline.jobs import runs as jobs
from pipeline.jobs.queue import submit_task, task
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

# Stale jobs of these kinds were re-clustering in full: the recovery re-clusters too.
REBUILDING_KINDS = ("redetect", "recluster", "recover")


def ensure_index(workspace: Workspace) -> bool:
    """Rebuild the faiss index from the database's vectors when it is missing or out of step
    (a crash between a commit and the index write); True when it was rebuilt."""
    with workspace.writer(), workspace.session() as session:
        if index_in_step(workspace, session):
            return False
        rebuild_index(workspace, session)
        return True


def resume_in_background(
    workspace: Workspace, schedule: Callable[..., Any], *, exclude: Sequence[int] = ()
) -> str | None:
    """Mark stale jobs failed; when calls other than ``exclude`` are pending (or a stale job
    was re-clustering), start one ``recover`` job, or join the one queued. Returns its id, None
    when there is nothing to do."""
    stale = jobs.fail_stale_jobs(workspace)
    rebuild = any(job.kind in REBUILDING_KINDS for job in stale)
    others = set(analysis.pending_call_ids(workspace)) - set(exclude)
    if not (others or rebuild):
        return None

    message = f"analysing {len(others):,} calls left pending"
    return submit_task(workspace, "recover", message, {"rebuild": rebuild}, schedule, once=True)


@task("recover")
def recover_task(
    workspace: Workspace, args: dict[str, Any], progress: jobs.ProgressCallback
) -> dict[str, Any]:
    """Analyse every pending call (re-clustering in full when ``rebuild``)."""
    return analysis.analyse_pending(workspace, progress=progress, rebuild=bool(args.get("rebuild")))


@task("recluster")
def recluster_task(
    workspace: Workspace, args: dict[str, Any], progress: jobs.ProgressCallback
) -> dict[str, Any]:
    """Re-cluster ``kinds`` (default: every clustered kind) in full, as a job: the home page's
    "Re-cluster now" gives mentions in no theme a place without waiting for more to pile up."""
    kinds = args.get("kinds") or list(CLUSTERED_KINDS)
    return analysis.run_clustering(workspace, rebuild=True, kinds=kinds, progress=progress)


def submit_recluster(
    workspace: Workspace, schedule: Callable[..., Any], kinds: Sequence[str] = ()
) -> str:
    """Start ``recluster_task`` as a background job; returns the job id to poll."""
    message = f"re-clustering {', '.join(kinds) or 'every kind'} in full"
    return submit_task(workspace, "recluster", message, {"kinds": list(kinds)}, schedule)


@task("analyse")
def analyse_task(
    workspace: Workspace, args: dict[str, Any], progress: jobs.ProgressCallback
) -> dict[str, Any]:
    """Analyse the new calls (``call_ids``, handed over by the process that stored them) and
    any left pending before, as read once this job holds the writer lock: a call another
    job (another worker) analysed in the meantime is left alone, so none is analysed twice."""
    ids = [int(call_id) for call_id in args.get("call_ids", [])]
    return dict(analyse_once(workspace, ids, progress=progress) or {"calls": 0})


def recover_at_start(workspace: Workspace, schedule: Callable[..., Any]) -> str | None:
    """What a server does as it starts (in a thread of its own): the index checked against
    the database, stale jobs failed, pending calls analysed in a ``recover`` job."""
    try:
        if analysis.has_calls(workspace) and ensure_index(workspace):
            log.warning("the faiss index was out of step with the database: rebuilt")
        return resume_in_background(workspace, schedule)
    except Exception:  # noqa: BLE001 - a thread of its own: logged, and tried at the next start
        log.exception("recovery at start failed")
        return None
