"""CRM exports (HubSpot, Salesforce, Pipedrive): one call note per row, columns found by header.

``column_map`` names the column for a field when the headers are unusual, e.g.
``{"text": "Call Summary", "account": "Practice"}``; its keys are ``COLUMN_FIELDS``.
"""

from __future__ import annotations

import csv
import io
from typing import Any

from pipeline.errors import BadInput, CallmineError
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.decode import decode_text
from pipeline.ingest.header import apply_fields, label_key
from pipeline.ingest.txt import parse_text
from pipeline.ingest.values import html_to_text, normalise_outcome, outcome_from_stage

# Field -> header names tried in order (compared with ``label_key``).
COLUMN_FIELDS: dict[str, tuple[str, ...]] = {
    "text": (
        "note body", "body", "notes", "note", "call notes", "description", "call summary",
        "summary", "comments", "comment", "activity notes", "meeting notes", "transcript",
        "text", "content", "details", "call body", "note text",
    ),
    "date": (
        "created date", "activity date", "call date", "meeting date", "date", "create date",
        "created at", "created", "timestamp", "activity timestamp", "start time",
    ),
    "account": (
        "company", "account", "account name", "company name", "associated company",
        "organization", "organisation", "customer", "client",
    ),
    "outcome": ("outcome", "deal outcome", "result", "closed won", "won", "is won", "status"),
    "deal_stage": ("deal stage", "stage", "opportunity stage", "pipeline stage"),
    "deal_id": ("deal id", "opportunity id", "deal", "associated deal id", "deal record id"),
    "competitors": ("competitors", "competitor", "competition"),
    "title": ("subject", "title", "call title", "activity subject", "call name", "meeting name"),
    "our_speakers": (
        "our speakers", "activity owner", "call owner", "owner", "assigned to", "sales rep",
        "rep", "created by",
    ),
}  # fmt: skip
_BOOLEAN_OUTCOME = {"closed won", "won", "is won", "is closed won"}
_DELIMITERS = ",;\t|"


def looks_like_csv(text: str) -> bool:
    """A delimited header row naming a notes column, whatever the file is called."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    for delimiter in _DELIMITERS:
        if first.count(delimiter) >= 1:
            headers = {label_key(h.strip().strip('"')) for h in first.split(delimiter)}
            if headers & set(COLUMN_FIELDS["text"]) and len(headers) >= 2:
                return True
    return False


def parse_csv(
    text: str, filename: str, column_map: dict[str, str] | None = None
) -> list[ParsedCall]:
    """One call per non-blank row; the note cell is read as a transcript or as notes."""
    rows = _rows(text.lstrip("\ufeff"), filename)
    if not rows:
        raise BadInput("CSV has no header row", filename=filename)
    header, body = rows[0][1], rows[1:]
    columns = _columns(header, column_map or {}, filename)
    calls: list[ParsedCall] = []
    for number, row in body:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise BadInput(
                f"malformed CSV: the row ending on line {number} has {len(row)} fields but the "
                f"header has {len(header)} (an unquoted delimiter or newline?)",
                filename=filename,
            )
        row = row + [""] * (len(header) - len(row))
        calls.append(_call(header, row, columns, number))
    return calls


def _rows(text: str, filename: str) -> list[tuple[int, list[str]]]:
    """``(line number the record ends on, cells)``; quoted commas and newlines are kept."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            text[:8192].split("\n", 1)[0], delimiters=_DELIMITERS
        )
    except csv.Error:
        dialect = csv.excel
    reader = csv.reader(
        io.StringIO(text, newline=""),
        delimiter=dialect.delimiter,
        quotechar='"',
        doublequote=True,
        skipinitialspace=False,
        strict=True,
    )
    rows: list[tuple[int, list[str]]] = []
    try:
        for row in reader:
            if rows or any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        raise BadInput(
            f"malformed CSV near line {reader.line_num}: {exc} (an unclosed quote?)",
            filename=filename,
        ) from exc
    return rows


def _columns(names: list[str], column_map: dict[str, str], filename: str) -> dict[str, int]:
    """Field -> column index: the explicit map first, then the known header names."""
    keys = [label_key(name) for name in names]
    columns: dict[str, int] = {}
    for field, column in column_map.items():
        if field not in COLUMN_FIELDS:
            raise BadInput(
                f"column map: unknown field {field!r}; use {', '.join(COLUMN_FIELDS)}",
                filename=filename,
            )
        if label_key(column) not in keys:
            raise BadInput(
                f"column map: no column named {column!r}; the columns are {_listed(names)}",
                filename=filename,
            )
        columns[field] = keys.index(label_key(column))
    for field, candidates in COLUMN_FIELDS.items():
        if field in columns:
            continue
        taken = set(columns.values())
        for candidate in candidates:
            if candidate in keys and keys.index(candidate) not in taken:
                columns[field] = keys.index(candidate)
                break
    if "text" not in columns:
        raise BadInput(
            f"CSV has no notes column: expected one of Note Body, Body, Notes, Description, "
            f"Call Notes (the columns are {_listed(names)}); map one with text=<column>",
            filename=filename,
        )
    return columns


def _listed(names: list[str]) -> str:
    return ", ".join(repr(n) for n in names[:20]) + (" ..." if len(names) > 20 else "")


def _call(names: list[str], row: list[str], columns: dict[str, int], line: int) -> ParsedCall:
    note = html_to_text(row[columns["text"]]).strip()
    call = parse_text(note, "csv")
    fields = {f: row[i] for f, i in columns.items() if f not in ("text", "outcome") and row[i]}
    apply_fields(call, fields)
    if "outcome" in columns:
        boolean = label_key(names[columns["outcome"]]) in _BOOLEAN_OUTCOME
        outcome = normalise_outcome(row[columns["outcome"]], boolean_column=boolean)
        if outcome in (None, "unknown"):
            outcome = outcome_from_stage(call.deal_stage) or outcome
        call.outcome = outcome
    used = set(columns.values())
    call.extra["row_line"] = line
    call.extra["columns"] = {
        names[i]: value for i, value in enumerate(row) if i not in used and value.strip()
    }
    return call


def csv_preview(data: bytes, filename: str) -> dict[str, Any]:
    """Headers, the field each one maps to (this reader's own detection) and a few sample rows:
    what the upload page shows so the user can correct the mapping before uploading."""
    rows = _rows(decode_text(data, filename), filename)
    if not rows:
        raise BadInput("the CSV is empty", filename=filename)
    headers = [h.strip() for h in rows[0][1]]
    try:
        detected = _columns(headers, {}, filename)
        problem = None
    except CallmineError as exc:  # no notes column found: the user picks one below
        detected, problem = {}, exc.detail
    fields = [
        (field, headers[detected[field]] if field in detected else "") for field in COLUMN_FIELDS
    ]
    samples = [[cell[:80] for cell in row] for _line, row in rows[1:4]]
    return {
        "headers": headers,
        "fields": fields,
        "samples": samples,
        "rows": len(rows) - 1,
        "problem": problem,
    }
