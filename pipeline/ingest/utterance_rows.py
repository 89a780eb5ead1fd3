"""Transcript tables with one utterance per row (``utterance_columns``): the rows grouped into
one call per call key (its id, else its title), in the order the file gives them; each row a
speaker's words, their side from an affiliation or internal/external column when there is one.
Read as one call per row, a Chorus export of one call had been stored as 17 calls of one
speakerless rep note each."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from pipeline.errors import BadInput
from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.csv_columns import COLUMN_FIELDS, column_key, listed
from pipeline.ingest.domain_account import ATTENDEE_DOMAINS
from pipeline.ingest.header import apply_fields
from pipeline.ingest.json_people import stated_side
from pipeline.ingest.json_pieces import piece, speaker_name, to_turns
from pipeline.ingest.utterance_columns import (
    OURS_FLAGS,
    THEIRS_FLAGS,
    TURN_FIELDS,
    in_milliseconds,
    turn_columns,
    without_unit,
)
from pipeline.ingest.values import html_to_text, parse_date, parse_timestamp

Row = tuple[int, list[str]]
# Per-call fields a CRM column may give beside the turns (the deal's outcome, its stage).
_CALL_FIELDS = ("account", "outcome", "deal_stage", "deal_id", "industry", "competitors")
_TRUE = frozenset({"true", "yes", "y", "1", "x"})
_FALSE = frozenset({"false", "no", "n", "0"})


def utterance_columns(
    header: list[str], column_map: dict[str, str], filename: str
) -> dict[str, int] | None:
    """Field -> column index when the table holds one utterance per row: the column map names
    a speaker, call or role column, or the header has a speaker and a words column (and the
    map, if any, names no transcript column). ``None`` for any other table."""
    keys = [column_key(name) for name in header]
    mapped = {field: column for field, column in column_map.items() if field != "transcript"}
    if not any(field in TURN_FIELDS for field in column_map):
        found = turn_columns(keys, ("speaker", "text"))
        if "transcript" in column_map or "speaker" not in found:
            return None
    columns: dict[str, int] = {}
    for field, column in mapped.items():
        if column_key(column) not in keys:
            raise BadInput(
                f"column map: no column named {column!r}; the columns are {listed(header)}",
                filename=filename,
            )
        columns[field] = keys.index(column_key(column))
    taken = set(columns.values())
    untaken = [key if index not in taken else "" for index, key in enumerate(keys)]
    for field, index in turn_columns(untaken).items():
        columns.setdefault(field, index)
    for field in _CALL_FIELDS:
        names = COLUMN_FIELDS[field]
        free = [i for i, key in enumerate(keys) if key in names and i not in columns.values()]
        if free and field not in columns:
            columns[field] = free[0]
    if "text" not in columns:
        raise BadInput(
            "a table of one utterance per row needs the words' column: "
            f'map it with a column map, {{"text": "<column>"}} (the columns are {listed(header)})',
            filename=filename,
        )
    return columns


def filled_rows(header: list[str], body: Iterable[Row], filename: str) -> Iterator[Row]:
    """The rows that say something, each as long as the header; a row longer than the header is
    refused, naming its line (an unquoted delimiter or newline split it)."""
    for number, row in body:
        if not any(cell.strip() for cell in row):
            continue
        if len(row) > len(header):
            raise BadInput(
                f"malformed CSV: the row ending on line {number} has {len(row)} fields but the "
                f"header has {len(header)} (an unquoted delimiter or newline?)",
                filename=filename,
            )
        yield number, row + [""] * (len(header) - len(row))


def utterance_calls(
    header: list[str], body: list[Row], columns: dict[str, int], filename: str
) -> list[ParsedCall]:
    """One call per call key, its rows' words as turns in file order."""
    groups: dict[str, list[Row]] = {}
    key_column = columns.get("call", columns.get("title"))
    for number, row in filled_rows(header, body, filename):
        key = row[key_column].strip() if key_column is not None else ""
        if key_column is not None and not key:
            raise BadInput(
                f"the row ending on line {number} has no {header[key_column].strip()!r}: "
                "each row of an utterance table says which call it belongs to",
                filename=filename,
            )
        groups.setdefault(key, []).append((number, row))
    if not groups:
        raise BadInput("CSV has a header but no rows", filename=filename)
    return [_call(header, rows, columns) for rows in groups.values()]


def _call(header: list[str], rows: list[Row], columns: dict[str, int]) -> ParsedCall:
    start_column = columns.get("start")
    milliseconds = start_column is not None and in_milliseconds(column_key(header[start_column]))
    pieces: list[ParsedUtterance | None] = []
    people: dict[str, Person] = {}
    domains: dict[str, str] = {}
    for _number, row in rows:
        speaker = speaker_name(row[columns["speaker"]]) if "speaker" in columns else None
        start = parse_timestamp(row[start_column]) if start_column is not None else None
        if start is not None and milliseconds:
            start /= 1000
        found = piece(html_to_text(row[columns["text"]]), speaker, start)
        side = _side(header, row, columns.get("role"))
        if found is not None and side is not None:
            found.role, found.role_from_source = side, True
        if speaker and speaker not in people:
            people[speaker] = Person(speaker, role=side)
        if speaker and "@" in (email := row[columns["email"]] if "email" in columns else ""):
            domains.setdefault(speaker, email.rpartition("@")[2].strip().casefold())
        pieces.append(found)
    utterances = to_turns(pieces)
    raw = "\n".join(f"{u.speaker or ''}: {u.text}" for u in utterances)
    call = ParsedCall("csv", raw, utterances, people=list(people.values()))
    fields = {
        field: cell
        for field in ("date", "title", *_CALL_FIELDS)
        if field in columns and (cell := _first_filled(rows, columns[field]))
    }
    if "date" not in fields and start_column is not None:  # "Start Time": when, not how far in
        when = _first_filled(rows, start_column)
        if parse_timestamp(when) is None and parse_date(when) is not None:
            fields["date"] = when
    apply_fields(call, fields)
    if domains:
        call.extra[ATTENDEE_DOMAINS] = [list(pair) for pair in domains.items()]
    call.extra["row_line"] = rows[0][0]
    return call


def _first_filled(rows: list[Row], index: int) -> str:
    return next((row[index].strip() for _number, row in rows if row[index].strip()), "")


def _side(header: list[str], row: list[str], index: int | None) -> str | None:
    """``rep`` or ``buyer`` as the row's role column says: Internal/External, a speaker type or
    role ("Host", "Customer"), or a yes/no flag ("Is Internal": TRUE)."""
    if index is None:
        return None
    value = " ".join(row[index].casefold().split())
    flag = without_unit(column_key(header[index]))
    if flag in OURS_FLAGS | THEIRS_FLAGS and value in _TRUE | _FALSE:
        return "rep" if (value in _TRUE) == (flag in OURS_FLAGS) else "buyer"
    return stated_side({"side": value}) if value else None
