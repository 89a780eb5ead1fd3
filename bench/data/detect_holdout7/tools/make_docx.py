"""Build calls/03_keystone_teams.docx from docx_src/03_keystone_teams.txt, laid out as a
Microsoft Teams transcript downloaded as .docx: the meeting's title, date and duration lines,
"... started transcription", then for each turn a "Name   m:ss" paragraph and a paragraph of
text. Run from the repository root:
``.venv/bin/python bench/data/detect_holdout7/tools/make_docx.py``. The output is byte-for-byte
reproducible (fixed document properties and zip timestamps)."""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document

HERE = Path(__file__).resolve().parent.parent
SOURCE = HERE / "docx_src" / "03_keystone_teams.txt"
TARGET = HERE / "calls" / "03_keystone_teams.docx"
FIXED_ZIP_TIME = (2026, 1, 1, 0, 0, 0)


def build() -> bytes:
    lines = [line.rstrip() for line in SOURCE.read_text(encoding="utf-8").splitlines()]
    doc = Document()
    props = doc.core_properties
    props.title, props.author, props.last_modified_by = "", "Microsoft Teams", "Microsoft Teams"
    stamp = dt.datetime(2026, 11, 19, 10, 41, 0)
    props.created, props.modified, props.revision = stamp, stamp, 1
    for line in lines:
        if not line:
            continue
        paragraph = doc.add_paragraph()
        paragraph.add_run(line)
    buffer = io.BytesIO()
    doc.save(buffer)
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(buffer.getvalue())) as src,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst,
    ):
        for item in src.infolist():
            info = zipfile.ZipInfo(item.filename, date_time=FIXED_ZIP_TIME)
            info.compress_type = zipfile.ZIP_DEFLATED
            dst.writestr(info, src.read(item.filename))
    return out.getvalue()


if __name__ == "__main__":
    TARGET.write_bytes(build())
