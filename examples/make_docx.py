"""Build the DOCX example calls from the plain-text sources in docx_src/.

Run from the repository root: ``.venv/bin/python examples/make_docx.py``. The output is
byte-for-byte reproducible (fixed document properties and zip timestamps), so re-running it
leaves git clean.

Source format, one line each: the first line is the title, the second the date
(YYYY-MM-DD); ``## text`` is a heading, ``- text`` a bullet, ``Name: text`` a speaker turn
(speaker in bold), anything else a plain paragraph. Blank lines are skipped.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import zipfile
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "docx_src"
OUTPUT = HERE / "calls"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)
SPEAKER_TURN = re.compile(r"^([A-Z][\w.'-]*(?: [A-Z][\w.'-]*){0,3}): (.+)$")


def build(source: Path) -> bytes:
    """Render one source file to DOCX bytes with deterministic metadata."""
    lines = source.read_text(encoding="utf-8").splitlines()
    title, date = lines[0], dt.date.fromisoformat(lines[1])
    doc = Document()
    stamp = dt.datetime(date.year, date.month, date.day, 12, 0, 0)
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = title, "Shiftwise sales", "Shiftwise sales"
    props.created, props.modified, props.revision = stamp, stamp, 1
    doc.add_heading(title, level=1)
    doc.add_paragraph(date.isoformat())
    for line in lines[2:]:
        line = line.strip()
        turn = SPEAKER_TURN.match(line)
        if not line:
            continue
        if line.startswith("## "):
            doc.add_heading(line[3:], level=2)
        elif line.startswith("- "):
            doc.add_paragraph(line[2:], style="List Bullet")
        elif turn:
            paragraph = doc.add_paragraph()
            paragraph.add_run(f"{turn.group(1)}:").bold = True
            paragraph.add_run(f" {turn.group(2)}")
        else:
            doc.add_paragraph(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    return normalise_zip(buffer.getvalue())


def normalise_zip(data: bytes) -> bytes:
    """Rewrite the archive with fixed entry timestamps; python-docx stamps the current time."""
    out = io.BytesIO()
    source = zipfile.ZipFile(io.BytesIO(data))
    with source as src, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


def main() -> None:
    for source in sorted(SOURCES.glob("*.txt")):
        target = OUTPUT / f"{source.stem}.docx"
        target.write_bytes(build(source))


if __name__ == "__main__":
    main()
