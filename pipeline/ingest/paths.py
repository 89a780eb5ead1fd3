"""Ingest files and folders (the CLI, the demo, the benchmarks): folders searched recursively,
per-file metadata from a manifest CSV, then the same service as an upload."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.filenames import display_name
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.parse import NOT_CALLS, SUPPORTED_EXTENSIONS
from pipeline.ingest.redating import redate_after_upload
from pipeline.ingest.schemas import (
    CallMetadata,
    IngestBatch,
    IngestResult,
    rejected,
    skipped,
)
from pipeline.ingest.service import analyse_with_pending, ingest_data
from pipeline.ingest.upload_context import UploadContext, read_upload_context
from pipeline.ingest.uploads import read_limited, too_large
from pipeline.jobs.runs import ProgressCallback
from pipeline.workspace import Workspace

# Called before each file: (files done, files in all, the file's name).
FileCallback = Callable[[int, int, str], None]


def collect_files(paths: Sequence[Path], *, skip: Sequence[Path] = ()) -> list[Path]:
    """Files named directly, plus known transcript types found recursively in folders."""
    skipped = {p.resolve() for p in skip}
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            candidates = sorted(
                p
                for p in path.rglob("*")
                if p.is_file()
                and p.suffix.lower() in SUPPORTED_EXTENSIONS  # named files are always tried
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and p.name.lower() not in {"readme.md", "readme.txt"}
            )
        elif path.exists():
            candidates = [path]
        else:
            continue  # reported by the caller as a rejected path
        found.extend(p for p in candidates if p.resolve() not in skipped and p not in found)
    return found


def read_file(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing anything over ``limit`` before and while reading."""
    size = path.stat().st_size
    if size > limit:
        raise too_large(limit, path.name, size)
    with path.open("rb") as stream:
        return read_limited(stream, limit, path.name)


def ingest_file(
    workspace: Workspace,
    path: Path,
    metadata: CallMetadata,
    column_map: dict[str, str] | None,
    context: UploadContext | None = None,
) -> list[IngestResult]:
    try:
        data = read_file(path, workspace.settings.max_upload_bytes)
    except CallmineError as exc:
        return [rejected(display_name(path.name), exc)]
    except OSError as exc:
        return [rejected(display_name(path.name), BadInput(f"cannot read: {exc.strerror}"))]
    return ingest_data(workspace, data, path.name, metadata, column_map=column_map, context=context)


def ingest_paths(
    workspace: Workspace,
    paths: Sequence[Path],
    *,
    metadata: CallMetadata | None = None,
    manifest: Path | None = None,
    column_map: dict[str, str] | None = None,
    analyse: bool = True,
    on_file: FileCallback | None = None,
    progress: ProgressCallback | None = None,
) -> IngestBatch:
    """Ingest every file under ``paths`` (a transaction per call), then analyse the new calls
    and any left pending by an earlier run.

    Metadata: the manifest row > ``metadata`` > what the file says itself. ``on_file`` hears
    of each file before it is read, ``progress`` of the analysis.
    """
    general = metadata or CallMetadata()
    rows = Manifest.load(manifest) if manifest is not None else None
    files = collect_files(paths, skip=[manifest] if manifest is not None else [])
    batch = IngestBatch(results=list(rows.problems) if rows else [])
    missing = BadInput("no such file or folder")
    batch.results += [rejected(str(p), missing) for p in paths if not p.exists()]
    empty = BadInput(  # a typo'd or wrong folder must not look like a successful run
        f"no files found in this folder (calls are {', '.join(sorted(SUPPORTED_EXTENSIONS))})"
    )
    batch.results += [
        rejected(str(p), empty) for p in paths if p.is_dir() and not collect_files([p])
    ]
    batch.results += [  # said, not silently passed over: "where is my profile?"
        skipped(display_name(p.name), f"not a call: a {p.suffix.lower()} file is "
                f"{NOT_CALLS[p.suffix.lower()]}", None)
        for folder in paths if folder.is_dir()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in NOT_CALLS
        and not any(part.startswith(".") for part in p.relative_to(folder).parts)
    ]  # fmt: skip
    with workspace.calls_in_flight.ingesting():  # stored, then analysed: held all along
        context = read_upload_context(workspace)  # once for every file, kept current
        for done, path in enumerate(files):
            if on_file is not None:
                on_file(done, len(files), path.name)
            specific = rows.lookup(path) if rows else None
            file_metadata = specific.over(general) if specific is not None else general
            batch.results.extend(ingest_file(workspace, path, file_metadata, column_map, context))
        batch.redated = redate_after_upload(workspace, context.dates)
        if analyse:
            batch.analysis = analyse_with_pending(workspace, batch.created_ids, progress=progress)
    return batch
