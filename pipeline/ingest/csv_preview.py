"""What the upload page shows of a CSV or an .xlsx before it is read: its headers, the field
each one maps to (the reader's own detection) and a few rows, so the user can correct the
mapping. A table of one utterance per row (Chorus, Gong) is shown as the calls, speakers and
sides it will give: it had been shown as "no notes column", with no speaker or call picker."""

from __future__ import annotations

from typing import Any

from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.business_columns import with_business_account
from pipeline.ingest.csv_columns import (
    COLUMN_FIELDS,
    find_columns,
    without_group_rows,
    without_report_footer,
)
from pipeline.ingest.csv_file import WEBINAR_QA, csv_rows, from_header
from pipeline.ingest.decode import decode_text
from pipeline.ingest.spreadsheet import is_xlsx, sheet_rows
from pipeline.ingest.utterance_columns import TURN_FIELDS
from pipeline.ingest.utterance_rows import Row, utterance_calls, utterance_columns
from pipeline.ingest.values import html_to_text
from pipeline.ingest.webinar_qa import question_header

# Every field a column map may name, as the CLI's ``--column-map`` and the API take them.
MAP_FIELDS = (*TURN_FIELDS, *COLUMN_FIELDS)
_SPEAKERS_SHOWN = 12


def _as_read(cell: str) -> str:
    """A cell as the importer reads it (HTML note bodies as their text), on one line."""
    return " ".join(html_to_text(cell).split())


def _speakers(calls: list[ParsedCall]) -> list[tuple[str, str]]:
    """Each speaker once, with the side the file states for them (``rep``, ``buyer``) or
    ``unknown`` when it states none."""
    sides: dict[str, str] = {}
    for call in calls:
        for person in call.people:
            sides.setdefault(person.name, person.role or "unknown")
    return list(sides.items())


def utterance_shape(rows: list[Row], filename: str) -> dict[str, Any] | None:
    """The calls a table of one utterance per row gives (one per call key), its speakers with
    their sides, and the column each field takes; ``None`` for any other table."""
    header = rows[0][1]
    columns = utterance_columns(header, {}, filename)
    if columns is None:
        return None
    calls = utterance_calls(header, without_group_rows(header, rows[1:]), columns, filename)
    key = columns.get("call", columns.get("title"))
    speakers = _speakers(calls)
    return {
        "columns": {field: header[index].strip() for field, index in columns.items()},
        "calls": len(calls),
        "key": header[key].strip() if key is not None else None,
        "speakers": speakers[:_SPEAKERS_SHOWN],
        "more_speakers": max(len(speakers) - _SPEAKERS_SHOWN, 0),
    }


def csv_preview(data: bytes, filename: str) -> dict[str, Any]:
    """Headers, the field each one maps to, a few sample rows and, for an utterance table,
    its ``shape`` (``utterance_shape``)."""
    rows = (
        sheet_rows(data, filename)
        if is_xlsx(data)
        else csv_rows(decode_text(data, filename), filename)
    )
    questions = None if is_xlsx(data) else question_header(rows)
    rows = without_report_footer(
        rows[questions:] if questions is not None else from_header(rows, None)
    )
    if not rows:
        raise BadInput("the CSV is empty", filename=filename)
    headers = [h.strip() for h in rows[0][1]]
    detected: dict[str, str] = {}
    shape, problem = None, None
    try:
        shape = None if questions is not None else utterance_shape(rows, filename)
        if shape is not None:
            detected = shape["columns"]
        else:
            found = find_columns(headers, {}, filename)
            found = with_business_account(headers, [row for _, row in rows[1:]], found)
            detected = {field: headers[found[field][0]] for field in found if found[field]}
    except CallmineError as exc:  # no notes or words column found: the user picks one below
        problem = exc.detail
    if questions is not None:
        detected, problem = {}, WEBINAR_QA
    samples = [[_as_read(cell)[:80] for cell in row] for _line, row in rows[1:4]]
    examples = {
        header: next((row[i] for row in samples if i < len(row) and row[i]), "")
        for i, header in enumerate(headers)
    }
    return {
        "headers": headers,
        "fields": [(field, detected.get(field, "")) for field in MAP_FIELDS],
        "samples": samples,
        "examples": examples,
        "rows": len(rows) - 1,
        "problem": problem,
        "shape": shape,
        # Shown whether or not a column was found: the notes, and for an utterance table who
        # spoke, which call and which side
        "pinned": ["text", *TURN_FIELDS] if shape is not None else ["text"],
    }
