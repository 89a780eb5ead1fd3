"""The one ingest service: a file from any surface is read within the size limit, parsed, merged
with the metadata given, its roles assigned once (``prepare``), and stored; then the new calls are
analysed.

The API route, the web upload form, the CLI, the demo and the benchmarks all come through here
(``ingest_uploads`` for uploaded streams, ``ingest_bytes`` for text in memory,
``pipeline.ingest.paths.ingest_paths`` for files and folders).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import time
from collections import deque
from collections.abc import Callable, Iterable, Sequence
from functools import partial
from typing import Any, BinaryIO, TypeVar

from pipeline.analysis import recovery
from pipeline.analysis.once import analyse_once
from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.csv_file import looks_like_manifest
from pipeline.ingest.date_reading import DateContext, file_dates
from pipeline.ingest.deal_rows import read_note_outcomes
from pipeline.ingest.filenames import display_name, upload_name
from pipeline.ingest.parse import read_calls
from pipeline.ingest.prepare import prepare_call
from pipeline.ingest.redating import redate_after_upload
from pipeline.ingest.refresh import refresh_metadata
from pipeline.ingest.schemas import (
    MANIFEST_SKIPPED,
    CallMetadata,
    IngestBatch,
    IngestResult,
    created_ids,
    rejected,
    skipped,
)
from pipeline.ingest.store import (
    StorableCall,
    store_calls,
    store_parsed,
)
from pipeline.ingest.upload_context import UploadContext, read_upload_context
from pipeline.ingest.uploads import (
    Upload,
    manifest_applied,
    read_limited,
    too_large,
)
from pipeline.jobs import runs as jobs
from pipeline.jobs.queue import submit_task
from pipeline.store.busy import database_locked
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

T = TypeVar("T")

PROGRESS_EVERY = 500  # calls stored together, and between two progress reports, in a big file
PROGRESS_SECONDS = 2.0  # ... or fewer, when storing them takes longer: the count keeps moving
STORE_BATCH_UTTERANCES = 20_000  # ... or fewer calls, when they are this long together


def parse_column_map(raw: str | None) -> dict[str, str] | None:
    """``'{"text": "Note Body"}'`` -> a CSV column mapping; blank -> None."""
    if not raw or not raw.strip():
        return None
    try:
        value = json.loads(raw)
    except json.JSONDecodeError as exc:
        # The parser's own words may end in "at" ("Invalid control character at"): say where.
        where = f"{exc.msg.removesuffix(' at')} at character {exc.pos + 1}"
        raise BadInput(f"column_map is not valid JSON: {where}") from exc
    except RecursionError as exc:
        raise BadInput("column_map is nested too deeply") from exc
    if not isinstance(value, dict) or not all(
        isinstance(k, str) and isinstance(v, str) for k, v in value.items()
    ):
        raise BadInput('column_map must be a JSON object of strings, e.g. {"text": "Note Body"}')
    return value


def _guarded(filename: str, index: int | None, step: Callable[[], T]) -> T | IngestResult:
    """The step's outcome, or this call rejected when it fails: one call's fault never costs
    the others in the file."""
    try:
        return step()
    except CallmineError as exc:
        return rejected(filename, exc).model_copy(update={"index": index})
    except Exception as exc:  # noqa: BLE001 - reported per call so the other calls are kept
        if database_locked(exc):
            raise  # another writer's lock is no fault of this call: never a refused row
        log.exception("storing %s failed", filename)
        error = CallmineError(
            f"internal error while storing, nothing saved ({type(exc).__name__}: {exc})",
            filename=filename,
        )
        return rejected(filename, error).model_copy(update={"index": index})


def _store_alone(
    workspace: Workspace, call: StorableCall, spellings: dict[str, str] | None = None
) -> IngestResult:
    def store() -> IngestResult:
        return store_parsed(
            workspace, call.parsed, call.digest, call.filename, call.index, call.earlier, spellings
        )

    return _guarded(call.filename, call.index, lambda: workspace.in_turn(store))


def ingest_data(
    workspace: Workspace,
    data: bytes,
    filename: str,
    metadata: CallMetadata,
    *,
    column_map: dict[str, str] | None = None,
    limit: int | None = None,
    stored: Callable[[int, int], None] | None = None,
    settled: Callable[[list[IngestResult]], None] | None = None,
    skip: int = 0,
    context: UploadContext | None = None,
) -> list[IngestResult]:
    """Parse one file and store each call in it (not analysed yet); a bad file gives one
    ``rejected`` result. ``limit``: the size limit, for data not read through ``read_limited``;
    calls are stored ``PROGRESS_EVERY`` to a transaction (fewer when they are long or slow),
    ``stored(done, total)`` is told after each (a CRM export has 100k rows) and ``settled``
    each result, in the file's order, once its call is committed. ``skip``: results a
    resumed job already has (its first calls are neither stored nor told again).
    ``context``: the upload's (``read_upload_context``), read once for all its files and told
    of this file's calls; read now when the file is an upload of its own."""
    try:
        name = upload_name(filename)
        if limit is not None and len(data) > limit:
            raise too_large(limit, name)
        if looks_like_manifest(data):  # in a folder or a batch, wherever it lies
            return _told([skipped(name, MANIFEST_SKIPPED, None)][skip:], settled)
        parsed_calls = read_calls(data, name, column_map=column_map)
        if not parsed_calls:
            raise BadInput("no calls found in the file", filename=name)
    except CallmineError as exc:
        return _told([rejected(exc.filename or display_name(filename), exc)][skip:], settled)
    many = len(parsed_calls) > 1
    rivals = workspace.settings.rival_names
    if metadata.competitors:  # a re-upload's new metadata is stored as given
        metadata = metadata.model_copy(
            update={"competitors": rivals.canonical_list(metadata.competitors)}
        )
    stored_calls = context if context is not None else read_upload_context(workspace)
    roster, brands = stored_calls.roster, list(stored_calls.brands)
    spellings = stored_calls.spellings  # each new account joins it as it is stored
    dates = DateContext(
        evidence=file_dates(parsed_calls),
        day_first=workspace.settings.date_order == "day-first",
        sure=stored_calls.dates.sure(),
        today=dt.date.today(),
    )
    read_note_outcomes(parsed_calls, brands, rivals.spellings())
    results: list[IngestResult | None] = [None] * len(parsed_calls)
    waiting: list[tuple[int, StorableCall]] = []  # prepared, not stored yet
    waiting_utterances = 0
    told = skip  # results before this one have been told to ``settled``

    def store_waiting(upto: int) -> None:
        """Store the calls waiting, then tell every result up to ``upto`` (excluded)."""
        nonlocal waiting_utterances, told
        store_alone = partial(_store_alone, workspace, spellings=spellings)
        done = store_calls(workspace, [c for _, c in waiting], store_alone, spellings)
        for (position, _), result in zip(waiting, done, strict=True):
            results[position] = result
        waiting.clear()
        waiting_utterances = 0
        _refresh_stored(workspace, results, told, upto, metadata)
        if settled is not None:
            settled([r for r in results[told:upto] if r is not None])
        told = upto

    total = len(parsed_calls)
    # Each call leaves the queue as it goes: once stored, its parsed form is freed, and a
    # 100k-row export's peak is not every parsed row plus every result at once.
    queue = deque(parsed_calls)
    del parsed_calls
    last_report = time.monotonic()
    for index in range(total):
        parsed = queue.popleft()
        if index < skip:
            continue
        number = index if many else None
        prepare = partial(
            prepare_call,
            parsed,
            name,
            metadata,
            number,
            roster,
            rivals,
            dates=dates,
            brands=brands,
            on_file=stored_calls.rivals,
        )
        outcome = _guarded(name, number, prepare)
        if isinstance(outcome, StorableCall):
            waiting.append((index, outcome))
            waiting_utterances += len(outcome.parsed.utterances)
        else:
            results[index] = outcome
        due = time.monotonic() - last_report >= PROGRESS_SECONDS
        if (index + 1 - skip) % PROGRESS_EVERY == 0 or due:
            store_waiting(index + 1)
            last_report = time.monotonic()
            if stored is not None:
                stored(index + 1, total)
        elif waiting_utterances >= STORE_BATCH_UTTERANCES:  # long calls: a smaller transaction
            store_waiting(index + 1)
    store_waiting(total)
    done = [result for result in results if result is not None]
    if context is not None:  # the next file of the upload is read with this one's calls
        context.take_stored(workspace, done, metadata)
    return done


def _told(
    results: list[IngestResult], settled: Callable[[list[IngestResult]], None] | None
) -> list[IngestResult]:
    if settled is not None:
        settled(results)
    return results


def _refresh_stored(
    workspace: Workspace,
    results: list[IngestResult | None],
    start: int,
    end: int,
    metadata: CallMetadata,
) -> None:
    """The calls of ``results[start:end]`` stored before, updated with the metadata given now."""
    batch = [r for r in results[start:end] if r is not None]
    if not any(r.status in ("duplicate", "resumed") for r in batch):
        return

    def refresh() -> list[IngestResult]:
        with workspace.session() as session:
            return refresh_metadata(session, batch, metadata)

    refreshed = iter(workspace.in_turn(refresh))
    for position in range(start, end):
        if results[position] is not None:
            results[position] = next(refreshed)


def ingest_bytes(
    workspace: Workspace,
    data: bytes,
    filename: str,
    metadata: CallMetadata | None = None,
    *,
    column_map: dict[str, str] | None = None,
    analyse: bool = True,
) -> list[IngestResult]:
    """Store the calls of one file held in memory; with ``analyse`` the new calls (and any
    left pending before) then go through the insight stages (surfaces that take many files
    pass ``False`` and analyse the whole batch at once)."""
    limit = workspace.settings.max_upload_bytes
    metadata = metadata or CallMetadata()
    with workspace.calls_in_flight.ingesting():  # the same content meanwhile: a duplicate
        context = read_upload_context(workspace)
        results = ingest_data(
            workspace,
            data,
            filename,
            metadata,
            column_map=column_map,
            limit=limit,
            context=context,
        )
        redate_after_upload(workspace, context.dates)
        if analyse:
            analyse_with_pending(workspace, created_ids(results))
    return results


def analyse_with_pending(
    workspace: Workspace, call_ids: Sequence[int], *, progress: jobs.ProgressCallback | None = None
) -> dict[str, int] | None:
    """Analyse these calls and every call left pending before (a crash, a killed job), inline;
    stale jobs are marked failed. None when there was nothing to analyse."""
    jobs.fail_stale_jobs(workspace)
    return analyse_once(workspace, call_ids, progress=progress)


def ingest_stream(
    workspace: Workspace,
    stream: BinaryIO,
    filename: str,
    metadata: CallMetadata,
    *,
    column_map: dict[str, str] | None = None,
    context: UploadContext | None = None,
) -> tuple[list[IngestResult], int]:
    """Read an upload in chunks up to the size limit, then store it (not analysed yet) with
    the upload's ``context``.

    Returns the results and the bytes read, which decide whether analysis runs in the background.
    """
    limit = workspace.settings.max_upload_bytes
    shown = display_name(filename)
    try:
        data = read_limited(stream, limit, shown)
    except CallmineError as exc:
        return [rejected(shown, exc)], limit
    results = ingest_data(
        workspace, data, filename, metadata, column_map=column_map, context=context
    )
    return results, len(data)


def ingest_uploads(
    workspace: Workspace,
    uploads: Iterable[Upload],
    metadata: CallMetadata | None = None,
    *,
    column_map: dict[str, str] | None = None,
) -> IngestBatch:
    """Store every uploaded file (a transaction per call); analysis is the caller's next step
    (``analyse_new_calls`` or ``analyse_in_background``), best inside the same
    ``workspace.calls_in_flight.ingesting()``: an upload of a call stored meanwhile is then a
    duplicate. A call in two of the files is stored once, the second a ``duplicate``."""
    uploads, told = manifest_applied(list(uploads), workspace.settings.max_upload_bytes)
    batch = IngestBatch(results=told)  # a manifest among the files: what it gave which
    metadata = metadata or CallMetadata()
    with workspace.calls_in_flight.ingesting():
        context = read_upload_context(workspace)
        for upload in uploads:
            results, size = ingest_stream(
                workspace,
                upload.stream,
                upload.filename,
                upload.metadata.over(metadata) if upload.metadata else metadata,
                column_map=column_map,
                context=context,
            )
            batch.results.extend(results)
            batch.total_bytes += size
        batch.redated = redate_after_upload(workspace, context.dates)
    return batch


def analyse_in_background(
    workspace: Workspace, call_ids: Sequence[int], schedule: Callable[..., Any]
) -> str | None:
    """Analyse these calls, and any left pending before, as a job handed to ``schedule``
    (``BackgroundTasks.add_task``, an executor's ``submit``); returns the job id to poll, None
    when there is nothing to do. Stale jobs are marked failed."""
    ids = list(call_ids)
    if not ids:
        return recovery.resume_in_background(workspace, schedule)
    jobs.fail_stale_jobs(workspace)
    message = f"analysing {len(ids):,} new calls"
    return submit_task(workspace, "analyse", message, {"call_ids": ids}, schedule)


def analyse_new_calls(
    workspace: Workspace, batch: IngestBatch, schedule: Callable[..., Any]
) -> IngestBatch:
    """Analyse the batch's new calls: inline for small uploads (``batch.analysis``), else as a
    background job (``batch.job_id``). Calls left pending before are analysed too: in that
    job, or, after an inline analysis, in a ``recover`` job of their own."""
    ids = batch.created_ids
    if ids and batch.total_bytes <= workspace.settings.background_ingest_bytes:
        batch.analysis = analyse_once(workspace, ids, left_pending=False)
        recovery.resume_in_background(workspace, schedule, exclude=ids)
    else:
        batch.job_id = analyse_in_background(workspace, ids, schedule)
    return batch
