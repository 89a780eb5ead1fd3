"""Office files are zips (DOCX, XLSX): what one holds and whether it is safe to open.

The zip is checked from its central directory before anything is decompressed: a zip bomb
would otherwise expand to gigabytes inside python-docx or openpyxl.
"""

from __future__ import annotations

import io
import zipfile

from pipeline.errors import BadInput

MAX_COMPRESSION_RATIO = 100
MAX_MEMBERS = 2000
_RATIO_CHECK_FROM_BYTES = 1024 * 1024  # tiny members compress absurdly well and are harmless


def holds(data: bytes, member: str) -> bool:
    """Is this a zip holding ``member`` (``word/document.xml``, ``xl/workbook.xml``)?"""
    if not data.startswith(b"PK\x03\x04"):
        return False
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return member in archive.namelist()
    except (zipfile.BadZipFile, ValueError):
        return False


def check_zip(data: bytes, filename: str, *, kind: str, max_bytes: int) -> None:
    """Refuse a ``kind`` file (``"DOCX"``) whose declared sizes or compression ratio say it is
    a bomb, or that is no zip at all."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except (zipfile.BadZipFile, ValueError) as exc:
        raise BadInput(f"not a valid .{kind.lower()} file: {exc}", filename=filename) from exc
    if len(members) > MAX_MEMBERS:
        raise BadInput(
            f"{kind} rejected: {len(members)} zip members (limit {MAX_MEMBERS})", filename=filename
        )
    total = sum(m.file_size for m in members)
    if total > max_bytes:
        raise BadInput(
            f"{kind} rejected as a possible zip bomb: it would expand to {total:,} bytes "
            f"(limit {max_bytes:,})",
            filename=filename,
        )
    for member in members:
        if member.file_size < _RATIO_CHECK_FROM_BYTES:
            continue
        ratio = member.file_size / max(member.compress_size, 1)
        if ratio > MAX_COMPRESSION_RATIO:
            raise BadInput(
                f"{kind} rejected as a possible zip bomb: {member.filename} is compressed "
                f"{ratio:,.0f}:1 (limit {MAX_COMPRESSION_RATIO}:1)",
                filename=filename,
            )
