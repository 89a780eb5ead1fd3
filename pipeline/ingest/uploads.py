"""An upload's files: each a name and a stream, read within the size limit; a manifest CSV
among them (``file,date,account,...``, what ``--manifest`` gives the CLI) is applied to the
files it names, as the CLI's is, rather than refused as no call.

Why: an API or web user has no ``--manifest`` flag; the manifest sent with the files had been
answered "skipped: give it with --manifest".
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from pipeline.errors import CallmineError, TooLarge
from pipeline.ingest.csv_file import looks_like_manifest
from pipeline.ingest.filenames import display_name
from pipeline.ingest.manifest import Manifest
from pipeline.ingest.schemas import CallMetadata, IngestResult, rejected, skipped
from pipeline.wording import file_size

READ_CHUNK_BYTES = 64 * 1024
_SHOWN_NAMES = 5


@dataclass(frozen=True)
class Upload:
    """One uploaded file: the name the client gave, a stream to read it from, and the metadata
    a manifest sent with it gives it (over the upload's own fields)."""

    filename: str
    stream: BinaryIO
    metadata: CallMetadata | None = None


def too_large(limit: int, filename: str, size: int | None = None) -> TooLarge:
    """The refusal of a file over the limit, sizes in MB; the file's own where it is known."""
    what = f"file is {file_size(size)}, over" if size else "file is larger than"
    limits = f"the {file_size(limit)} upload limit (CALLMINE_MAX_UPLOAD_BYTES: {limit:,} bytes)"
    return TooLarge(f"{what} {limits}", filename=filename)


def read_limited(stream: BinaryIO, limit: int, filename: str) -> bytes:
    """Read in chunks; raise ``TooLarge`` as soon as more than ``limit`` bytes arrive."""
    chunks: list[bytes] = []
    size = 0
    while chunk := stream.read(READ_CHUNK_BYTES):
        size += len(chunk)
        if size > limit:
            raise too_large(limit, filename)
        chunks.append(chunk)
    return b"".join(chunks)


def manifest_applied(uploads: list[Upload], limit: int) -> tuple[list[Upload], list[IngestResult]]:
    """The uploads other than a manifest, each with the metadata of the manifest's row naming
    it, and a result per manifest saying which files it gave metadata to (or why it could not
    be read, the files then stored without it)."""
    manifests = [upload for upload in uploads if _is_manifest(upload)]
    files = [upload for upload in uploads if upload not in manifests]
    told: list[IngestResult] = []
    for upload in manifests:
        shown = display_name(upload.filename)
        try:
            rows = Manifest.from_data(read_limited(upload.stream, limit, shown), Path(shown))
        except CallmineError as exc:
            told.append(rejected(shown, exc))
            continue
        given = [rows.lookup_upload(f.filename) if f.metadata is None else None for f in files]
        files = [replace(f, metadata=m) if m else f for f, m in zip(files, given, strict=True)]
        named = [display_name(f.filename) for f, m in zip(files, given, strict=True) if m]
        told += [*rows.problems, skipped(shown, _applied(named, rows, files), None)]
    return files, told


def _is_manifest(upload: Upload) -> bool:
    """A manifest by its header row, read from the start of the stream (then rewound)."""
    head = upload.stream.read(READ_CHUNK_BYTES)
    upload.stream.seek(0)
    return looks_like_manifest(head)


def _applied(named: list[str], rows: Manifest, files: list[Upload]) -> str:
    """What the manifest did: "applied to 3 files (a.vtt, b.txt, c.md)", and the files it
    names that are not in this upload."""
    sent = {display_name(f.filename).casefold() for f in files}
    absent = [name for name in rows.by_name if name.casefold() not in sent]
    said = (
        f"a manifest: its metadata applied to {len(named)} file{'s' if len(named) != 1 else ''}"
        f" ({_names(named)})"
        if named
        else "a manifest: it names none of the files in this upload"
    )
    if absent:
        said += (
            f"; {len(absent)} file{'s' if len(absent) != 1 else ''} it names not in this upload"
            f" ({_names(absent)}): send the manifest in the same upload as its files"
        )
    return said


def _names(names: list[str]) -> str:
    shown = ", ".join(names[:_SHOWN_NAMES])
    return shown + (f" and {len(names) - _SHOWN_NAMES} more" if len(names) > _SHOWN_NAMES else "")
