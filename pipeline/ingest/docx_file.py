"""Word documents (python-docx): paragraphs and table rows, then read like plain text; the
zip is checked for a bomb first (``zipped``)."""

from __future__ import annotations

import io
import zipfile
from typing import TYPE_CHECKING

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.decode import without_mojibake
from pipeline.ingest.stacked import text_calls
from pipeline.ingest.values import parse_timestamp
from pipeline.ingest.zipped import check_zip, holds

if TYPE_CHECKING:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

MAX_UNCOMPRESSED_BYTES = 50 * 1024 * 1024
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def is_docx(data: bytes) -> bool:
    """A zip holding ``word/document.xml`` (read from the central directory only)."""
    return holds(data, "word/document.xml")


def parse_docx(data: bytes, filename: str) -> list[ParsedCall]:
    """The calls in a DOCX (one, unless it holds several under their own headers): speaker-
    labelled lines if present, else notes."""
    check_zip(data, filename, kind="DOCX", max_bytes=MAX_UNCOMPRESSED_BYTES)
    # Imported here: only Word files need python-docx (and lxml), 0.1 s of every start.
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph
    from lxml.etree import LxmlError

    try:
        document = docx.Document(io.BytesIO(data))
        lines: list[str] = []
        for child in document.element.body.iterchildren():
            if child.tag == f"{_W}p":
                lines.extend([_paragraph_line(Paragraph(child, document)), ""])
            elif child.tag == f"{_W}tbl":
                lines.extend(_table_lines(Table(child, document)))
                lines.append("")
        title = (document.core_properties.title or "").strip() or None
    except (KeyError, ValueError, AttributeError, TypeError, zipfile.BadZipFile, LxmlError) as exc:
        # python-docx trusts the package's XML: a malformed part fails in any of these ways.
        raise BadInput(f"not a readable .docx file: {exc}", filename=filename) from exc
    return text_calls(without_mojibake("\n".join(lines)), "docx", title=title)


def _paragraph_line(paragraph: Paragraph) -> str:
    """Each paragraph is its own unit; Word headings and list styles keep their meaning."""
    style = (paragraph.style.name if paragraph.style is not None else "") or ""
    text = paragraph.text.strip()
    if not text:
        return ""
    if style.startswith(("Heading", "Title")):
        return f"# {text}"
    if style.startswith("List"):
        return f"- {text}"
    return text


def _table_lines(table: Table) -> list[str]:
    """Transcript tables become labelled lines: ``Speaker | Text``, ``Time | Speaker | Text``."""
    lines: list[str] = []
    for row in table.rows:
        cells = [cell.text.strip() for cell in row.cells]
        if len(cells) == 3 and parse_timestamp(cells[0]) is not None and cells[1]:
            lines.append(f"[{cells[0]}] {cells[1]}: {cells[2]}")
        elif len(cells) == 2 and cells[0] and len(cells[0]) <= 50:
            lines.append(f"{cells[0]}: {cells[1]}")
        else:
            lines.append(" | ".join(c for c in cells if c))
    return lines
