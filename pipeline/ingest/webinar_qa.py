"""Zoom's webinar "Question and Answer Report" (CSV): one webinar is one call.

The report opens with sections (the webinar's topic and start time, its hosts, its panelists)
above the question table (``#, Question, Asker Name, Asker Email, Answer(s)``). Each question is
an attendee's words (a buyer), each typed answer ("Tom Hargreaves: Yes - ...") a panelist's (a
rep); an answer given out loud ("live answered") holds no words. The call is dated by the
webinar's start, titled by its topic; attendees' emails are left out.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.csv_columns import HEADER_WITHIN_ROWS, column_key
from pipeline.ingest.values import parse_date

Row = tuple[int, list[str]]
_TITLE = "question and answer report"
_ANONYMOUS = "Anonymous Attendee"
# "Tom Hargreaves: Yes - ..." (the panelist who typed it, then the answer)
_ANSWERED_BY = re.compile(r"^(?P<name>[^:\n]{2,80}?):\s*(?P<text>\S.*)$", re.DOTALL)
_SPOKEN = {"live answered", "answered live"}


def _keys(cells: list[str]) -> list[str]:
    return [column_key(cell) for cell in cells]


def question_header(rows: Sequence[Row]) -> int | None:
    """The position of the question table's header in a Zoom Q&A report, else None."""
    if not rows or not rows[0][1] or column_key(rows[0][1][0]) != _TITLE:
        return None
    for position, (_number, cells) in enumerate(rows[:HEADER_WITHIN_ROWS]):
        keys = _keys(cells)
        if "question" in keys and any(key.startswith("answer") for key in keys):
            return position
    return None


def _section(rows: Sequence[Row], first_key: str) -> list[dict[str, str]]:
    """The records of every section whose header row starts with ``first_key`` (Zoom repeats
    ``Attendee Type, User Name, Email`` for hosts and for panelists), each up to the next
    shorter or blank row."""
    records: list[dict[str, str]] = []
    header: list[str] | None = None
    for _number, cells in rows:
        if cells and column_key(cells[0]) == first_key:
            header = _keys(cells)
        elif header is not None and len(cells) >= len(header) and any(c.strip() for c in cells):
            records.append(dict(zip(header, (c.strip() for c in cells), strict=False)))
        else:
            header = None
    return records


def _answers(cell: str, panelists: list[str]) -> list[ParsedUtterance]:
    """One utterance per typed answer; spoken answers ("live answered") have no words."""
    answers: list[ParsedUtterance] = []
    for line in filter(None, (line.strip() for line in cell.splitlines())):
        match = _ANSWERED_BY.match(line)
        name: str | None = match["name"].strip() if match else None
        if name is not None and (name in panelists or " " in name):
            line = match["text"].strip() if match else line
        else:
            name = None  # "Note: ..." names no one
        if " ".join(line.casefold().split()) not in _SPOKEN:
            answers.append(ParsedUtterance(line, name, None, "rep", None, True))
    return answers


def webinar_call(rows: Sequence[Row], header: int, raw_text: str) -> ParsedCall:
    """The webinar as one call: questions as buyer utterances, typed answers as rep ones."""
    [details, *_] = _section(rows[:header], "topic") or [{}]
    staff = [
        record.get("user name", "")
        for record in _section(rows[:header], "attendee type")
        if record.get("attendee type", "").casefold() in ("host", "panelist", "co-host")
    ]
    staff = [name for name in dict.fromkeys(staff) if name]
    keys = _keys(rows[header][1])
    question = keys.index("question")
    asker = keys.index("asker name") if "asker name" in keys else None
    answer = next(i for i, key in enumerate(keys) if key.startswith("answer"))
    utterances: list[ParsedUtterance] = []
    askers: list[str] = []
    for _number, cells in rows[header + 1 :]:
        cells = cells + [""] * (len(keys) - len(cells))
        text = " ".join(cells[question].split())
        if not text:
            continue
        name = (cells[asker].strip() if asker is not None else "") or _ANONYMOUS
        askers.append(name)
        utterances.append(ParsedUtterance(text, name, None, "buyer", None, True))
        utterances.extend(_answers(cells[answer], staff))
    call = ParsedCall("csv", raw_text, utterances)
    call.title = details.get("topic") or None
    start = details.get("actual start time") or details.get("start time") or ""
    call.call_date = parse_date(start) if start else None
    call.our_speakers = staff
    call.people = [Person(name, role="rep") for name in staff] + [
        Person(name, role="buyer") for name in dict.fromkeys(askers) if name != _ANONYMOUS
    ]
    call.extra["webinar"] = {
        key: value
        for key, value in details.items()
        if key in ("webinar id", "actual duration (minutes)", "# question") and value
    }
    return call
