"""Large uploads are stored in a job, not in the request: a 100k-row CRM export took the request
135 s and answered with a 14 MB body. The files are spooled into the data dir (each within the
size limit), the request answers at once with a job, and the job stores every call (a batch to
a transaction, in turn with the other writers), writes each call's result to a file read back a
page at a time (``GET /api/jobs/{id}/results``), and analyses the new calls with honest
progress.

On the procrastinate queue the worker may run on another machine without this data dir, so
there uploads are stored in the request as before and only their analysis is queued.
A crash mid-job leaves every call stored so far whole and pending, each with its result
written; at the next start the job is run again from its spool (``pipeline.ingest.resume``)
and goes on from the first call without a result. The spool folder no job will read again is
removed at the next start (``remove_orphan_spools``).
"""

from __future__ import annotations

import json
import logging
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import select

from pipeline.errors import BadInput, CallmineError, NotFound
from pipeline.ingest.filenames import display_name
from pipeline.ingest.redating import redate_after_upload
from pipeline.ingest.schemas import CallMetadata, IngestBatch, IngestResult, rejected
from pipeline.ingest.service import analyse_with_pending, ingest_data
from pipeline.ingest.upload_context import read_upload_context
from pipeline.ingest.uploads import Upload, manifest_applied, read_limited
from pipeline.ingest.workload import estimated_calls
from pipeline.jobs import runs as jobs
from pipeline.jobs.queue import submit_task, task, uses_queue
from pipeline.memory import return_freed_memory
from pipeline.store.models import Job
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

INCOMING_DIR = "incoming"
MANIFEST = "upload.json"
RESULTS = "results.jsonl"
CHECKPOINT = "storing.json"  # the file being stored and the result lines written before it
STORE_SHARE = 0.5  # of the job's progress: storing the calls, then analysing them
FIRST_RESULTS = 20  # results kept in the job's own result; the rest are paged
# A spool folder touched this recently may be an upload another process is spooling now.
SPOOL_GRACE_S = 10 * 60


def should_defer(workspace: Workspace, uploads: Sequence[Upload], total_bytes: int) -> bool:
    """Whether an upload is stored in a job (in-process jobs only): over the byte threshold, or
    bringing more calls than ``deferred_ingest_calls`` (a 3.9 MB export of 20,000 notes)."""
    settings = workspace.settings
    if uses_queue(settings):
        return False
    if total_bytes > settings.deferred_ingest_bytes:
        return True
    return upload_calls(uploads, settings.max_upload_bytes) > settings.deferred_ingest_calls


def upload_calls(uploads: Sequence[Upload], limit: int) -> int:
    """About how many calls these uploads hold; each stream is left where it was (a file over
    the size limit is not counted: it is refused when stored)."""
    total = 0
    for upload in uploads:
        start = upload.stream.tell()
        try:
            data = read_limited(upload.stream, limit, upload.filename)
        except CallmineError:
            continue
        finally:
            upload.stream.seek(start)
        total += estimated_calls(data, upload.filename)
    return total


def _incoming(workspace: Workspace) -> Path:
    return workspace.settings.data_dir / INCOMING_DIR


def spool_uploads(
    workspace: Workspace,
    uploads: Sequence[Upload],
    metadata: CallMetadata,
    column_map: dict[str, str] | None,
) -> tuple[str, list[IngestResult]]:
    """Copy each upload into a folder of its own under the data dir, each within the size
    limit (a file over it is rejected now, the others kept); returns the folder's name and the
    files rejected."""
    name = uuid.uuid4().hex
    folder = _incoming(workspace) / name
    folder.mkdir(parents=True)
    limit = workspace.settings.max_upload_bytes
    files: list[dict[str, Any]] = []
    uploads, refused = manifest_applied(list(uploads), limit)  # told at once, not spooled
    for number, upload in enumerate(uploads):
        shown = display_name(upload.filename)
        try:
            data = read_limited(upload.stream, limit, shown)
        except CallmineError as exc:
            refused.append(rejected(shown, exc))
            continue
        stored = f"{number:05d}.upload"
        (folder / stored).write_bytes(data)
        given = upload.metadata.model_dump(mode="json") if upload.metadata else None
        files.append({"filename": upload.filename, "stored": stored, "metadata": given})
    manifest = {
        "files": files,
        "metadata": metadata.model_dump(mode="json"),
        "column_map": column_map,
    }
    (folder / MANIFEST).write_text(json.dumps(manifest), "utf-8")
    return name, refused


def spooled_files(workspace: Workspace, name: str) -> list[dict[str, Any]]:
    """The files an upload's folder holds, as ``spool_uploads`` listed them."""
    listed = json.loads((_incoming(workspace) / name / MANIFEST).read_text("utf-8"))
    return list(listed["files"])


def defer_ingest(
    workspace: Workspace,
    uploads: Sequence[Upload],
    metadata: CallMetadata,
    schedule: Callable[..., Any],
    *,
    column_map: dict[str, str] | None = None,
) -> IngestBatch:
    """Spool the uploads and store + analyse them in a job; the batch carries its id and any
    file refused for its size."""
    name, refused = spool_uploads(workspace, uploads, metadata, column_map)
    count = len(spooled_files(workspace, name))
    message = f"storing and analysing {count:,} uploaded file{'s' if count != 1 else ''}"
    batch = IngestBatch(results=refused)
    if count:
        batch.job_id = submit_task(
            workspace, "ingest", message, {"upload": name}, schedule, result={"upload": name}
        )
    else:  # every file refused: no job will ever read the folder
        shutil.rmtree(_incoming(workspace) / name, ignore_errors=True)
    return batch


def _last_touched(folder: Path) -> float:
    return max([folder.stat().st_mtime, *(f.stat().st_mtime for f in folder.iterdir())])


def remove_orphan_spools(workspace: Workspace, *, now: float | None = None) -> list[str]:
    """Remove the spool folders no job will read (a crashed job's, an upload's whose job was
    never created); run at start, once stale jobs are failed. Kept: a finished upload's (its
    results are paged from it), any an open ingest job may own (spooled before that job was
    created), any touched in the last ``SPOOL_GRACE_S``. Returns the names removed."""
    incoming = _incoming(workspace)
    if not incoming.is_dir():
        return []
    with workspace.session() as session:
        rows = session.execute(
            select(Job.status, Job.created_at, Job.result).where(Job.kind == "ingest")
        ).all()
    kept = ("done", *jobs.OPEN_STATUSES)  # results paged, or an upload stored now
    results = {str((result or {}).get("upload")) for status, _, result in rows if status in kept}
    open_since = [
        created.timestamp() for status, created, _ in rows if status in jobs.OPEN_STATUSES
    ]
    now = time.time() if now is None else now
    removed: list[str] = []
    for folder in sorted(incoming.iterdir()):
        if not folder.is_dir() or folder.name in results:
            continue
        try:  # a folder another process removes meanwhile is no longer ours to remove
            touched = _last_touched(folder)
            manifest = folder / MANIFEST
            spooled = (manifest if manifest.exists() else folder).stat().st_mtime
        except FileNotFoundError:
            continue
        owned = any(created >= spooled - 1 for created in open_since)  # 1 s: clock rounding
        if owned or now - touched < SPOOL_GRACE_S:
            continue
        shutil.rmtree(folder, ignore_errors=True)
        removed.append(folder.name)
        log.warning("removed the spool folder %s: no job will read it", folder)
    return removed


def spool_folder(workspace: Workspace, name: str) -> Path:
    if not name.isalnum():  # a job's argument names a folder of ours, nothing else
        raise BadInput(f"not an upload folder: {name!r}")
    return _incoming(workspace) / name


@task("ingest")
def ingest_task(
    workspace: Workspace, args: dict[str, Any], progress: jobs.ProgressCallback
) -> dict[str, Any]:
    """Store every spooled file's calls, then analyse the new ones (and any left pending)."""
    with workspace.calls_in_flight.ingesting():  # stored, then analysed: held all along
        return _store_spooled(workspace, args, progress)


def _store_spooled(
    workspace: Workspace, args: dict[str, Any], progress: jobs.ProgressCallback
) -> dict[str, Any]:
    """Each result is written as its call is committed, so a job run again after a crash
    (``pipeline.ingest.resume``) goes on from the first call without one; a file whose spooled
    copy is gone was stored whole."""
    folder = spool_folder(workspace, str(args["upload"]))
    manifest = json.loads((folder / MANIFEST).read_text("utf-8"))
    metadata = CallMetadata.model_validate(manifest["metadata"])
    files = manifest["files"]
    lines = settled_lines(folder / RESULTS)
    earlier = _read_checkpoint(folder)
    context = read_upload_context(workspace)  # once for every file, kept current
    with (folder / RESULTS).open("a", encoding="utf-8") as out:
        for number, entry in enumerate(files):
            spooled = folder / entry["stored"]
            if not spooled.exists():  # stored before an interruption: its results are written
                continue
            skip = lines - earlier["lines_before"] if earlier.get("file") == number else 0
            _write_checkpoint(folder, number, lines - skip)
            progress(
                STORE_SHARE * number / max(len(files), 1),
                f"store: file {number + 1:,} of {len(files):,}",
            )

            def stored(done: int, total: int, number: int = number) -> None:
                share = (number + done / max(total, 1)) / max(len(files), 1)
                progress(
                    STORE_SHARE * share,
                    f"store: {done:,} of {total:,} calls in file {number + 1:,} of {len(files):,}",
                )

            def settled(results: list[IngestResult]) -> None:
                nonlocal lines
                out.writelines(json.dumps(r.model_dump(mode="json")) + "\n" for r in results)
                out.flush()
                lines += len(results)

            given = entry.get("metadata")  # a manifest's row for it, sent with the files
            ingest_data(
                workspace,
                spooled.read_bytes(),
                entry["filename"],
                CallMetadata.model_validate(given).over(metadata) if given else metadata,
                column_map=manifest["column_map"],
                stored=stored,
                settled=settled,
                skip=skip,
                context=context,
            )
            spooled.unlink()  # stored: the copy is no longer needed
            return_freed_memory()  # the file's parsed calls, before the analysis needs room
    counts, first, created = _tally(folder / RESULTS)
    redated = redate_after_upload(workspace, context.dates)
    analysed = analyse_with_pending(
        workspace,
        created,
        progress=lambda share, text: progress(STORE_SHARE + (1 - STORE_SHARE) * share, text),
    )
    return {
        "upload": folder.name,
        "results_total": sum(counts.values()),
        **{status: counts.get(status, 0) for status in ("created", "duplicate", "rejected")},
        "resumed": counts.get("resumed", 0),
        "skipped": counts.get("skipped", 0),
        "first_results": first,
        "analysis": analysed,
        "redated": redated,
        jobs.SUMMARY: upload_summary(counts, first_refusal(folder / RESULTS)),
    }


def settled_lines(path: Path) -> int:
    """The whole lines of a results file (one a kill cut short is cut off the file)."""
    if not path.exists():
        return 0
    data = path.read_bytes()
    whole = data.rfind(b"\n") + 1
    if whole < len(data):
        with path.open("r+b") as handle:
            handle.truncate(whole)
    return data.count(b"\n")


def _read_checkpoint(folder: Path) -> dict[str, int]:
    path = folder / CHECKPOINT
    return dict(json.loads(path.read_text("utf-8"))) if path.exists() else {}


def _write_checkpoint(folder: Path, number: int, lines_before: int) -> None:
    """The file being stored and how many result lines came before it, replaced atomically."""
    staged = folder / f"{CHECKPOINT}.new"
    staged.write_text(json.dumps({"file": number, "lines_before": lines_before}), "utf-8")
    staged.replace(folder / CHECKPOINT)


def _tally(path: Path) -> tuple[dict[str, int], list[dict[str, Any]], list[int]]:
    """Counts per status, the first ``FIRST_RESULTS`` results and the calls to analyse."""
    counts: dict[str, int] = {}
    first: list[dict[str, Any]] = []
    created: list[int] = []
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            counts[row["status"]] = counts.get(row["status"], 0) + 1
            if len(first) < FIRST_RESULTS:
                first.append(row)
            if row["status"] in ("created", "resumed") and row.get("call_id") is not None:
                created.append(int(row["call_id"]))
    return counts, first, created


def first_refusal(path: Path) -> str:
    """Where and why the first call refused was refused ("crm.csv row 7: ..."), or ""."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            row = json.loads(line)
            if row["status"] == "rejected":
                where = "" if row.get("index") is None else f" row {row['index'] + 1:,}"
                return f"{row['filename']}{where}: {row.get('reason') or 'refused'}"
    return ""


def upload_summary(counts: dict[str, int], refusal: str = "") -> str:
    """The job's last message: every call of the upload accounted for."""
    total = sum(counts.values())
    new = counts.get("created", 0)
    before = counts.get("duplicate", 0) + counts.get("resumed", 0)
    text = f"stored {new + before:,} of {total:,} calls ({new:,} new, {before:,} already stored)"
    if counts.get("skipped"):
        text += f"; {counts['skipped']:,} with nothing to store"
    refused = counts.get("rejected", 0)
    if refused:
        text += f"; {refused:,} refused, the first: {refusal}"
    return text


def ingest_results(
    workspace: Workspace, job_id: str, *, offset: int = 0, limit: int = 100
) -> dict[str, Any]:
    """A page of an ingest job's per-call results (as the upload would have answered them)."""
    job = jobs.get_job(workspace, job_id)
    if job.kind != "ingest":
        raise NotFound(f"job {job_id} is not an upload")
    name = (job.result or {}).get("upload")
    path = spool_folder(workspace, str(name)) / RESULTS if name else None
    if path is None or not path.exists():
        raise NotFound(f"job {job_id} has no results yet (status {job.status})")
    rows: list[dict[str, Any]] = []
    total = 0
    with path.open(encoding="utf-8") as lines:
        for total, line in enumerate(lines, start=1):
            if offset < total <= offset + limit:
                rows.append(json.loads(line))
    return {"job_id": job_id, "total": total, "offset": offset, "limit": limit, "results": rows}
