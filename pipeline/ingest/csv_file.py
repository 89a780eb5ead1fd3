"""CRM exports (HubSpot, Salesforce, Pipedrive) and transcript tables: one call per row, columns
found by header.

A notes column (``Note body``, ``Description``, ``hs_note_body``) is the rep's words; a
transcript column (``Transcript``, ``TranscriptText``) is read as a transcript with speakers
and turns. ``column_map`` names the column for a field when the headers are unusual, e.g.
``{"text": "Call Summary", "account": "Practice"}``; its keys are ``COLUMN_FIELDS``.
"""

from __future__ import annotations

import csv
import io
import re

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.business_columns import with_business_account
from pipeline.ingest.csv_columns import (
    COLUMN_FIELDS,
    HEADER_WITHIN_ROWS,
    column_key,
    column_label,
    find_columns,
    header_names_text,
    header_position,
    unplaced,
    without_group_rows,
    without_report_footer,
)
from pipeline.ingest.csv_quotes import quote_opened
from pipeline.ingest.deal_names import read_deal_name
from pipeline.ingest.deal_rows import (
    fold_reason_rows,
    is_the_account,
    parent_is_a_deal,
    share_deal_outcomes,
)
from pipeline.ingest.decode import head_text
from pipeline.ingest.header import apply_fields
from pipeline.ingest.people import parse_people
from pipeline.ingest.record_ids import id_columns, note_id_columns
from pipeline.ingest.row_quotes import add_buyer_quotes, add_steps, sign_notes, unread_notice
from pipeline.ingest.schemas import MANIFEST_COLUMNS
from pipeline.ingest.ticket_rows import (
    column_side,
    is_ours,
    reply_words,
    requester_message,
    requester_name,
)
from pipeline.ingest.txt import parse_text
from pipeline.ingest.typed_records import typed_fields
from pipeline.ingest.utterance_rows import filled_rows, utterance_calls, utterance_columns
from pipeline.ingest.values import html_to_text, normalise_outcome, outcome_from_stage, parse_date
from pipeline.ingest.webinar_qa import question_header, webinar_call

_BOOLEAN_OUTCOME = {"closed won", "won", "is won", "is closed won"}
_TRUE = {"true", "yes", "y", "1", "x"}
_DELIMITERS = ",;\t|"
_TEXT_FIELDS = (
    "text", "transcript", "reasons", "outcome", "closed", "records", "replies", "reply_by",
    "buyer_quote", "steps",
)  # fmt: skip
NO_TEXT = "row has no notes or transcript text (only record fields), nothing to store"
WEBINAR_QA = (
    "a Zoom webinar Q&A report: read as one call, each question the attendee's words and each "
    "typed answer the panelist's; mapping a column reads it as one call per question instead"
)


def looks_like_csv(text: str) -> bool:
    """A delimited header row naming a notes column, whatever the file is called."""
    first = text.lstrip("\ufeff").split("\n", 1)[0]
    return any(
        first.count(delimiter) >= 1 and header_names_text(first.split(delimiter))
        for delimiter in _DELIMITERS
    )


def looks_like_manifest(data: bytes) -> bool:
    """A callmine manifest (``file,date,account,...``): metadata for other files, not calls."""
    first = head_text(data).lstrip("\ufeff").split("\n", 1)[0]
    columns = {cell.strip().strip('"').casefold() for cell in first.split(",")}
    return "file" in columns and columns <= set(MANIFEST_COLUMNS)


def parse_csv(
    text: str, filename: str, column_map: dict[str, str] | None = None
) -> list[ParsedCall]:
    """One call per non-blank row (a report's title block above the header left out); a row
    with no text at all is kept as a skipped record. A Zoom webinar Q&A report is one call."""
    text = text.lstrip("\ufeff")
    rows = csv_rows(text, filename)
    questions = None if column_map else question_header(rows)
    if questions is not None:
        return [webinar_call(rows, questions, text)]
    return calls_from_rows(from_header(rows, column_map), filename, column_map)


def from_header(
    rows: list[tuple[int, list[str]]], column_map: dict[str, str] | None
) -> list[tuple[int, list[str]]]:
    """The rows from the table's header on (``header_position``), else all of them: the
    first row is then taken for the header and the error lists its cells."""
    return rows[header_position(rows, column_map) or 0 :]


def calls_from_rows(
    rows: list[tuple[int, list[str]]], filename: str, column_map: dict[str, str] | None = None
) -> list[ParsedCall]:
    """A table's calls, from ``(line or row number, cells)`` with the header row first: a CSV's
    or a spreadsheet's (``spreadsheet``) rows are read alike."""
    rows = without_report_footer(rows)
    if not rows:
        raise BadInput("CSV has no header row", filename=filename)
    header = rows[0][1]
    body = without_group_rows(header, rows[1:])
    if not any(cell.strip() for _, row in body for cell in row):
        raise BadInput(_headers_only(header), filename=filename)
    turns = utterance_columns(header, column_map or {}, filename)
    if turns is not None:
        return utterance_calls(header, body, turns, filename)
    columns = find_columns(header, column_map or {}, filename)
    columns = with_business_account(header, [row for _, row in body], columns)
    unread = unplaced(header, columns)
    calls: list[ParsedCall] = []
    has_text: list[bool] = []
    for number, row in filled_rows(header, body, filename):
        calls.append(_call(header, row, columns, number))
        calls[-1].unplaced = unread
        spoken = ("text", "transcript", "buyer_quote")
        has_text.append(bool(_first(row, [i for f in spoken for i in columns.get(f, [])])))
    fold_reason_rows(calls, has_text)
    share_deal_outcomes(calls)
    return calls


def _headers_only(header: list[str]) -> str:
    """Why a table with its header row alone is refused: an export of no records (a filter
    that matched none) reads so, not as text with no turns."""
    names = [cell.strip() for cell in header if cell.strip()]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return f"the file has column headers ({shown}) but no rows: export it again with its records"


def csv_rows(text: str, filename: str) -> list[tuple[int, list[str]]]:
    """``(line number the record ends on, cells)``; quoted commas and newlines are kept."""
    try:
        dialect: type[csv.Dialect] | csv.Dialect = csv.Sniffer().sniff(
            _header_line(text[:65536]), delimiters=_DELIMITERS
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
    ended = 0  # the line the last row read ended on
    try:
        for row in reader:
            ended = reader.line_num
            if rows or any(cell.strip() for cell in row):
                rows.append((reader.line_num, row))
    except csv.Error as exc:
        opened = quote_opened(text, ended + 1, dialect.delimiter)
        stopped = "" if opened == reader.line_num else f" on line {reader.line_num}"
        where = "" if opened == reader.line_num else f" on line {opened}"
        raise BadInput(
            f"malformed CSV near line {opened}: {exc}{stopped} (an unclosed quote{where}?)",
            filename=filename,
        ) from exc
    return rows


def _header_line(sample: str) -> str:
    """The line to learn the delimiter from: the first one naming a notes column (below a
    report's title block), else the first."""
    lines = sample.split("\n", HEADER_WITHIN_ROWS)[:HEADER_WITHIN_ROWS]
    return next((line for line in lines if looks_like_csv(line)), lines[0])


def _first(row: list[str], indexes: list[int]) -> str:
    return next((row[i].strip() for i in indexes if row[i].strip()), "")


def _deal_parent(names: list[str], columns: dict[str, list[int]], fields: dict[str, str]) -> str:
    """The kind of record the deal column names, when it is a note's parent record."""
    deal = columns.get("deal_id", [])
    if deal and column_key(names[deal[0]]) == "parent id":
        return fields.get("parent_module", "")
    return ""


def _named_deal(names: list[str], columns: dict[str, list[int]], fields: dict[str, str]) -> str:
    """The deal id when its column holds the deal's name ("Associated Deal"), not a number."""
    deal = columns.get("deal_id", [])
    named = deal and column_key(names[deal[0]]) in COLUMN_FIELDS["deal_name"]
    return fields.get("deal_id", "") if named else ""


def _text_call(
    names: list[str], row: list[str], columns: dict[str, list[int]], fields: dict[str, str]
) -> ParsedCall:
    """The row's transcript, else its notes (a ticket's requester's message, when the row
    names one), plus won/lost reasons as notes of their own."""
    transcript = html_to_text(_first(row, columns.get("transcript", []))).strip()
    text = html_to_text(_first(row, columns.get("text", [])), blocks_apart=True).strip()
    requester = fields.get("requester", "")
    ours = [person.name for person in parse_people(fields.get("our_speakers", ""), role="rep")]
    if transcript:
        call = parse_text(transcript, "csv", kind="transcript")
    elif requester and not is_ours(requester, ours):
        call = requester_message(text, requester, fields.get("account"))
    else:
        call = parse_text(text, "csv", kind="note")
    writer = _first(row, columns.get("reply_by", []))
    for index in columns.get("replies", []):
        cell = html_to_text(row[index]).strip()
        side = column_side(names[index])
        call.utterances += reply_words(cell, side, writer, requester, ours) if cell else []
    for index in columns.get("reasons", []):
        if reason := " ".join(row[index].split()):
            call.utterances.append(
                ParsedUtterance(
                    f"{column_label(names[index])}: {reason}", None, None, "rep_note", None, True
                )
            )
    return call


def _outcome(
    names: list[str], row: list[str], columns: dict[str, list[int]], stage: str | None
) -> str | None:
    """The outcome column (yes/no in a ``Won`` column), else ``IsClosed`` without a win, else
    the deal stage."""
    outcome: str | None = None
    for index in columns.get("outcome", []):
        boolean = column_key(names[index]) in _BOOLEAN_OUTCOME
        outcome = normalise_outcome(row[index], boolean_column=boolean)
    if outcome in (None, "unknown") and columns.get("closed"):
        if _first(row, columns["closed"]).casefold() in _TRUE:
            outcome = "lost" if "outcome" in columns else outcome
    if outcome in (None, "unknown"):
        outcome = outcome_from_stage(stage) or outcome
    return outcome


def _call(names: list[str], row: list[str], columns: dict[str, list[int]], line: int) -> ParsedCall:
    ids = id_columns(names, row, columns)  # never a name: "AccountId" 0018d00000Qw3ErAAJ
    fields = {
        field: value
        for field, indexes in columns.items()
        if field not in _TEXT_FIELDS
        and (value := _first(row, [i for i in indexes if i not in ids]))
    }
    call = _text_call(names, row, columns, fields)
    note_id_columns(call, names, row, ids)
    if (requester := requester_name(fields.pop("requester", ""))) is not None:
        fields["contacts"] = "; ".join(filter(None, (fields.get("contacts"), requester)))
    records = columns.get("records", [])
    typed = typed_fields(row, list(zip(records[::2], records[1::2], strict=True)))
    apply_fields(call, {**typed, **fields})  # a column of its own says it first
    read_deal_name(call, fields.get("deal_name") or _named_deal(names, columns, fields))
    sign_notes(call)
    add_buyer_quotes(call, [row[i] for i in columns.get("buyer_quote", [])])
    if call.utterances:  # a next step alone is no call: nothing was said
        add_steps(call, [row[i] for i in columns.get("steps", [])])
    if is_the_account(call) or not parent_is_a_deal(_deal_parent(names, columns, fields)):
        call.deal_id = None
    if not call.title and call.account:  # a row of many in one file: not the file's name
        spoken = _first(row, columns.get("transcript", []))
        call.title = f"{'Call with' if spoken else 'Notes on'} {call.account}"
    call.outcome = _outcome(names, row, columns, call.deal_stage) or call.outcome
    _no_forecast_date(call, names, row, columns.get("date", []))
    used = {index for indexes in columns.values() for index in indexes} - ids.keys()
    call.extra["row_line"] = line
    call.extra["columns"] = {
        names[i]: value for i, value in enumerate(row) if i not in used and value.strip()
    }
    unread = unread_notice(call.extra["columns"])
    call.notice = "; ".join(filter(None, (call.notice, unread))) or None
    if not call.utterances:
        call.skip_reason = NO_TEXT
    elif reached := _not_reached(names, row, call):
        call.skip_reason = f"a call attempt with no one reached ({reached}), nothing said to store"
    return call


# A dialler's or CRM's word for a call that reached no one.
_NOT_REACHED = re.compile(
    r"^(?:left (?:a )?(?:voice ?mail|vm|message)|lvm|no answer|not answered|no response|busy"
    r"|wrong number|not available|unavailable|call attempt|attempted|no show|gatekeeper"
    r"|disconnected|hung up)\b",
    re.IGNORECASE,
)
_DISPOSITIONS = frozenset(
    {"call outcome", "disposition", "call disposition", "call result", "call status", "result"}
)
_ATTEMPT_WORDS = 12  # "LVM re: January demo" is a log line; a real note says more


def _not_reached(names: list[str], row: list[str], call: ParsedCall) -> str | None:
    """The disposition saying a call reached no one, when its note is as short as a log line
    (a HubSpot "Left voicemail" row had become a call of its own, counted with the deal's)."""
    text = " ".join(u.text for u in call.utterances)
    if len(text.split()) > _ATTEMPT_WORDS:
        return None
    for index, header in enumerate(names):
        value = row[index].strip() if index < len(row) else ""
        if column_key(header) in _DISPOSITIONS and _NOT_REACHED.match(value):
            return f"{column_label(header)}: {value}"
    return text if _NOT_REACHED.match(text) else None


# A deal's close date: when it was won or lost, or, while it is open, when it is expected to
# close (HubSpot's "Close Date" on an "Appointment Scheduled" deal).
_CLOSE_DATES = frozenset(
    {
        "close date",
        "closed date",
        "closed on",
        "close on",
        "won on",
        "lost on",
        "closing date",
        "expected close date",
    }
)


def _no_forecast_date(call: ParsedCall, names: list[str], row: list[str], dated: list[int]) -> None:
    """An open deal's close date is a forecast, not when the call was: a row dated the end of
    next month had made every theme "falling" on the dashboard. Another date column is used
    when there is one; the forecast is kept as ``expected_close``."""
    if call.outcome in ("won", "lost"):
        return
    close = [i for i in dated if column_key(names[i]) in _CLOSE_DATES]
    forecast = _first(row, close)
    if not forecast:
        return
    other = _first(row, [i for i in dated if i not in close])
    if _first(row, dated) != forecast:
        return  # an earlier column gave the date
    call.extra["expected_close"] = forecast
    call.call_date = parse_date(other) if other else None
