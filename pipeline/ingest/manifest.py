"""A manifest CSV (``file,date,account,outcome,our_speakers,competitors,industry``): per-file
metadata for the files it names, given with ``--manifest`` on the CLI or uploaded beside the
files (``upload_manifest``). Split from ``paths`` so an upload reads it without the CLI's file
walking."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from pipeline.errors import BadInput
from pipeline.ingest.decode import decode_upload
from pipeline.ingest.filenames import display_name
from pipeline.ingest.schemas import (
    MANIFEST_COLUMNS,
    CallMetadata,
    IngestResult,
    rejected,
    split_names,
)
from pipeline.ingest.values import iso_date
from pipeline.store.models import Outcome


def _unsafe(relative: str) -> bool:
    path = PurePosixPath(relative.replace("\\", "/"))
    return "\x00" in relative or path.is_absolute() or ".." in path.parts


def _manifest_text(data: bytes, path: Path) -> str:
    """A manifest read as any upload is (Excel's UTF-16 too); UTF-8 with a NUL in a file name
    is read as UTF-8, NUL kept, so that only that row is refused (an unsafe name)."""
    try:
        read = decode_upload(data, str(path))
        if not read.nuls_removed:
            return read.text
    except BadInput:
        pass
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
        return cls.from_data(data, path)

    @classmethod
    def from_data(cls, data: bytes, path: Path) -> Manifest:
        """A manifest's bytes, read from ``path`` or uploaded under that name."""
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

    def lookup_upload(self, filename: str) -> CallMetadata | None:
        """The row for a file uploaded with the manifest: by the path the client sent, else
        by its name."""
        key = PurePosixPath(filename.replace("\\", "/")).as_posix()
        return self.by_path.get(key) or self.by_name.get(PurePosixPath(key).name)
