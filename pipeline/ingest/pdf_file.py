"""PDF transcripts and notes (Otter, Fireflies, tl;dv and Zoom exports, a recap printed to
PDF): the text layer is read with pypdf, each page's running header and footer left out,
then read like plain text.

A scanned PDF has no text layer: it is refused with what to do instead, never stored empty.
"""

from __future__ import annotations

import io
import re
import struct
import textwrap
import zlib
from collections import Counter

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.decode import without_mojibake
from pipeline.ingest.stacked import text_calls
from pipeline.ingest.turns import match_label

MAX_PAGES = 1000
_EDGE_LINES = 6  # a running header or footer sits in a page's first or last lines (wrapped)
# pypdf trusts the file's structure: a malformed one fails in any of these ways (or its own).
_UNREADABLE = (
    ValueError, KeyError, TypeError, AttributeError, IndexError, AssertionError,
    OSError, RecursionError, zlib.error, struct.error,
)  # fmt: skip
_PAGE_NUMBER = re.compile(r"^(?:page\s*)?\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?$", re.IGNORECASE)


def is_pdf(data: bytes) -> bool:
    return data.lstrip()[:5] == b"%PDF-"


def parse_pdf(data: bytes, filename: str) -> list[ParsedCall]:
    """The calls in a PDF's text (one, unless it holds several under their own headers):
    speaker-labelled lines if present, else notes."""
    pages, title = _page_texts(data, filename)
    lines = _heading_unwrapped(
        [line for page in without_page_furniture(pages, keep_heading=not title) for line in page],
        title,
    )
    text = without_mojibake("\n".join(lines))
    if not text.strip():
        raise BadInput(
            "the PDF has no text to read (a scanned image?): export the transcript as text, "
            "or run OCR on it first",
            filename=filename,
        )
    return text_calls(text, "pdf", title=title)


def _page_texts(data: bytes, filename: str) -> tuple[list[list[str]], str | None]:
    # Imported here: only PDFs need pypdf, and importing it (with the XML and font libraries
    # it brings) cost every process 0.2 s at start.
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BadInput(
                "the PDF is password-protected: save an unprotected copy", filename=filename
            )
        if len(reader.pages) > MAX_PAGES:
            raise BadInput(
                f"the PDF has {len(reader.pages):,} pages (limit {MAX_PAGES:,})", filename=filename
            )
        # Layout mode keeps the page's reading order, a gap between paragraphs as a blank
        # line and a bullet with its item; the plain mode put every bullet at the page's end.
        pages = [_lines(page.extract_text(extraction_mode="layout")) for page in reader.pages]
        title = (reader.metadata.title if reader.metadata else None) or None
    except (PyPdfError, *_UNREADABLE) as exc:
        raise BadInput(f"not a readable PDF: {exc}", filename=filename) from exc
    return pages, _clean_title(title)


def _lines(text: str | None) -> list[str]:
    """A page's lines, without the left margin the layout keeps."""
    return textwrap.dedent((text or "").replace("\xa0", " ")).rstrip().split("\n")


def _heading_unwrapped(lines: list[str], title: str | None) -> list[str]:
    """The document's title on one line where the page wrapped it ("Brightside Dental" /
    "discovery"): the text's first line is its title."""
    if not title:
        return lines
    filled = [i for i, line in enumerate(lines) if line.strip()][:4]
    for count in range(2, len(filled) + 1):
        if " ".join(" ".join(lines[i].split()) for i in filled[:count]) == title:
            return [title] + [line for i, line in enumerate(lines) if i not in filled[:count]]
    return lines


def _clean_title(title: object) -> str | None:
    text = " ".join(str(title).split()) if title else ""
    return text or None


def without_page_furniture(pages: list[list[str]], *, keep_heading: bool = True) -> list[list[str]]:
    """Pages without their running header and footer and page numbers. A running line sits in
    the same place (the first or last few lines) on half the pages or more, digits aside; a
    timed speaker label never counts ("Dana Ruiz 12:07" often opens a page). "Transcribed by
    otter.ai" and "Page 3 of 9" had been read as speech in the middle of a turn.

    ``keep_heading``: the first page's running header stays, as the title, where the document
    names no title of its own."""
    slots = [_slots(page) for page in pages]
    counts = Counter(slot for page in slots for slot in {s for at in page.values() for s in at})
    needed = max(2, len(pages) / 2)
    cleaned: list[list[str]] = []
    for number, (page, page_slots) in enumerate(zip(pages, slots, strict=True)):
        filled = [i for i, line in enumerate(page) if line.strip()]
        # The first page's heading is the title even when it runs on every page.
        heading = set(filled[:_EDGE_LINES]) if number == 0 and keep_heading else set()
        cleaned.append(
            [
                line
                for index, line in enumerate(page)
                if index not in page_slots
                or not (
                    (
                        _PAGE_NUMBER.match(line.strip())
                        and any(place in (0, -1) for place, _key in page_slots[index])
                    )
                    or (
                        any(counts[slot] >= needed for slot in page_slots[index])
                        and index not in heading
                    )
                )
            ]
        )
    return cleaned


def _slots(page: list[str]) -> dict[int, list[tuple[int, str]]]:
    """Line index -> its places at the page's edges (from the top, and from the bottom as
    negative), each with its text with digits as "#", for the lines that could be running."""
    filled = [i for i, line in enumerate(page) if line.strip()]
    places: dict[int, list[int]] = {}
    for place, i in enumerate(filled[:_EDGE_LINES]):
        places.setdefault(i, []).append(place)
    for place, i in enumerate(reversed(filled[-_EDGE_LINES:])):
        places.setdefault(i, []).append(-1 - place)
    return {
        i: [(place, re.sub(r"\d+", "#", " ".join(page[i].split()).casefold())) for place in at]
        for i, at in places.items()
        if not _timed_label(page[i])
    }


def _timed_label(line: str) -> bool:
    turn = match_label(line)
    return turn is not None and turn.start is not None
