"""How many calls an upload will make, counted cheaply before storing any: a 3.9 MB CRM export
of 20,000 notes is under the deferred byte threshold yet held the request 30 s and answered
3.5 MB of per-row results, so an upload is deferred by the work it brings, not only its bytes.

The count is an estimate from the file's shape (CSV records, workbook rows, a JSON export's
list of calls, a mailbox's messages); anything else is one call. It never raises: a file it
cannot read counts as one, and the parser says why later.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from typing import Any

from pipeline.errors import CallmineError
from pipeline.ingest.decode import decode_text
from pipeline.ingest.docx_file import is_docx
from pipeline.ingest.mailbox import looks_like_mailbox, split_messages
from pipeline.ingest.parse import sniff_format
from pipeline.ingest.pdf_file import is_pdf
from pipeline.ingest.spreadsheet import is_xlsx, open_workbook


def estimated_calls(data: bytes, filename: str) -> int:
    """About how many calls this file holds (at least one)."""
    try:
        return max(1, _count(data, filename))
    except (CallmineError, ValueError, TypeError, KeyError, OSError, csv.Error, RecursionError):
        return 1  # unreadable here: the parser says why, one rejected result
    except zipfile.BadZipFile:
        return 1


def _count(data: bytes, filename: str) -> int:
    if is_docx(data) or is_pdf(data):
        return 1
    if is_xlsx(data):
        return _workbook_rows(data)
    fmt = sniff_format(data, filename)
    text = decode_text(data, filename)
    if fmt == "csv":
        return sum(1 for _ in csv.reader(io.StringIO(text, newline=""))) - 1
    if fmt == "json":
        return _json_calls(json.loads(text))
    if fmt == "txt" and looks_like_mailbox(text):
        return len(split_messages(text))
    return 1


def _workbook_rows(data: bytes) -> int:
    """Data rows of every sheet, as the workbook's dimensions give them (no cell is read)."""
    workbook = open_workbook(data)
    try:
        return sum(max((sheet.max_row or 1) - 1, 0) for sheet in workbook.worksheets)
    finally:
        workbook.close()


def _json_calls(document: Any) -> int:
    """A list of calls, or an export object whose longest top-level list holds them."""
    if isinstance(document, list):
        return len(document)
    if isinstance(document, dict):
        lists = [len(value) for value in document.values() if isinstance(value, list)]
        return max(lists, default=1)
    return 1
