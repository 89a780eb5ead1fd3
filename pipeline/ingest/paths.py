"""Ingest files and folders (the CLI, the demo, the benchmarks): folders searched recursively,
per-file metadata from a manifest CSV, then the same service as an upload."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.decode import decode_text
from pipeline.ingest.filenames import display_name
from pipeline.ingest.parse import NOT_CALLS, SUPPORTED_EXTENSIONS
from pipeline.ingest.redating import redate_after_upload
from pipeline.ingest.schemas import (
    MANIFEST_COLUMNS,
    CallMetadata,
    IngestBatch,
    IngestResult,
    rejected,
    skipped,
    split_names,
)
from pipeline.ingest.service import (
    analyse_with_pending,
    ingest_data,
    read_limited,
    too_large,
)
from pipeline.ingest.upload_context import UploadContext, read_upload_context
from pipeline.ingest.values import iso_date
from pipeline.jobs.runs import ProgressCallback
from pipeline.store.models import Outcome
from pipeline.workspace import Workspace

# Called before each file: (files done, files in all, the file's name).
FileCallback = Callable[[int, int, str], None]


def _unsafe(relative: str) -> bool:
    path = PurePosixPath(relative.replace("\\", "/"))
    return "\x00" in relative or path.is_absolute() or ".." in path.parts


def _manifest_text(data: bytes, path: Path) -> str:
    """A manifest read as any upload is (Excel's UTF-16 too); UTF-8 with a NUL in a file name
    is read as UTF-8, so that only that row is refused (an unsafe name)."""
    try:
        return decode_text(data, str(path))
    except BadInput:
        try:
            return data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise BadInput(f"cannot read the manifest: {exc}", filename=str(path)) from exc


@dataclass
class Manifest:
    """Per-file metadata from a CSV, matched by path relative to the manifest or by file name."""

    path: Path
    by_path: dict[str, CallMetadata] = field(default_factory=dict)
    by_name: dict[str, CallMetadata | None] = field(default_factory=dict)
    problems: list[IngestResult] = field(default_factory=list)

    @classmethod
    def load(cls, path: Path) -> Manifest:
        try:
            data = path.read_bytes()
        except FileNotFoundError as exc:
            raise BadInput("manifest not found", filename=str(path)) from exc
        except OSError as exc:
            raise BadInput(f"cannot read the manifest: {exc}", filename=str(path)) from exc
        text = _manifest_text(data, path)
        reader = csv.DictReader(io.StringIO(text))
        if not reader.fieldnames or "file" not in reader.fieldnames:
            raise BadInput(
                f"manifest needs a header with the columns {', '.join(MANIFEST_COLUMNS)}",
                filename=str(path),
            )
        manifest = cls(path=path.resolve())
        for line, row in enumerate(reader, start=2):
            manifest._add(line, row)
        return manifest

    def _add(self, line: int, row: dict[str, str | None]) -> None:
        relative = (row.get("file") or "").strip()
        if not relative:
            return
        if _unsafe(relative):
            error = BadInput(
                f"manifest line {line}: unsafe file name (absolute, '..' or NUL); row ignored",
                filename=display_name(relative),
            )
            self.problems.append(rejected(display_name(relative), error))
            return
        outcome = (row.get("outcome") or "").strip().lower() or None
        if outcome is not None and outcome not in {o.value for o in Outcome}:
            raise BadInput(
                f"manifest line {line}: outcome {outcome!r} is not one of {', '.join(Outcome)}",
                filename=str(self.path),
            )
        metadata = CallMetadata(
            date=iso_date(row.get("date"), f"manifest line {line}"),
            account=(row.get("account") or "").strip() or None,
            outcome=outcome,
            our_speakers=split_names(row.get("our_speakers")),
            competitors=split_names(row.get("competitors")),
            industry=(row.get("industry") or "").strip() or None,
        )
        key = PurePosixPath(relative.replace("\\", "/")).as_posix()
        self.by_path[key] = metadata
        name = PurePosixPath(key).name
        # A file name listed twice in different folders is ambiguous: match those by path only.
        self.by_name[name] = None if name in self.by_name else metadata

    def lookup(self, file: Path) -> CallMetadata | None:
        try:
            relative = file.resolve().relative_to(self.path.parent).as_posix()
        except ValueError:
            relative = None
        if relative is not None and relative in self.by_path:
            return self.by_path[relative]
        return self.by_name.get(file.name)


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
