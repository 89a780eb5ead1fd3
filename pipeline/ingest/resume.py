"""An upload stored by a job and interrupted (the server killed mid-store) is taken up again at
the next start from its spooled files, under the same job: the calls stored before are not
stored twice (their results are already written), the rest are stored, and the job ends with
the real counts. When the spool is gone or unreadable, the job says how far it got and to
upload the file again (what was stored is then a duplicate)."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from pipeline.errors import BadInput
from pipeline.ingest.deferred import MANIFEST, RESULTS, ingest_task, settled_lines, spool_folder
from pipeline.jobs import runs as jobs
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)


def _readable(folder: Path) -> bool:
    """The spool's manifest is there and lists the files (those gone were stored whole)."""
    try:
        manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    except (OSError, ValueError):
        return False
    return isinstance(manifest, dict) and isinstance(manifest.get("files"), list)


def _lost_spool_message(job: jobs.JobRead, folder: Path | None) -> str:
    results = folder / RESULTS if folder is not None else None
    said = job.message.removesuffix(jobs.ANALYSED_AGAIN)  # how far it got, as it last said
    if results is not None and results.exists():
        said += f"; {settled_lines(results):,} calls of the upload were stored"
    return (
        f"{said}; its spooled files are gone, so the rest were never stored: upload the "
        "file again to add them (the calls already stored are duplicates)"
    )


def resume_interrupted_uploads(workspace: Workspace, schedule: Callable[..., Any]) -> list[str]:
    """Run every interrupted upload job again from its spool (at start, once stale jobs are
    failed); returns the ids taken up. One whose spool is gone says so and stays failed."""
    taken: list[str] = []
    for job in jobs.interrupted_jobs(workspace, "ingest"):
        name = str((job.result or {}).get("upload") or "")
        try:
            folder: Path | None = spool_folder(workspace, name) if name else None
        except BadInput:
            folder = None
        if folder is None or not _readable(folder):
            if name:  # a job from before uploads named their spool cannot be told apart
                jobs.fail(workspace, job.id, _lost_spool_message(job, folder))
            continue

        def work(progress: jobs.ProgressCallback, upload: str = name) -> dict[str, Any]:
            return ingest_task(workspace, {"upload": upload}, progress)

        message = "resuming the upload from its spooled files"
        if jobs.rerun(workspace, job.id, message, work, schedule):
            log.warning("upload job %s was interrupted: resumed from %s", job.id, folder)
            taken.append(job.id)
    return taken
