"""``Key: value`` metadata lines at the top of a transcript or notes (and YAML-ish front matter)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.values import (
    clean_optional,
    normalise_outcome,
    outcome_from_stage,
    parse_date,
    split_list,
)

# Normalised label -> ParsedCall field. Also the words that are never a speaker's name.
FIELD_LABELS: dict[str, str] = {
    "date": "date",
    "call date": "date",
    "meeting date": "date",
    "created date": "date",
    "activity date": "date",
    "account": "account",
    "account name": "account",
    "company": "account",
    "customer": "account",
    "client": "account",
    "prospect": "account",
    "organization": "account",
    "organisation": "account",
    "outcome": "outcome",
    "result": "outcome",
    "stage": "deal_stage",
    "deal stage": "deal_stage",
    "deal id": "deal_id",
    "opportunity id": "deal_id",
    "competitors": "competitors",
    "competitor": "competitors",
    "competition": "competitors",
    "title": "title",
    "subject": "title",
    "meeting": "title",
    "our speakers": "our_speakers",
    "rep": "our_speakers",
    "reps": "our_speakers",
    "sales rep": "our_speakers",
    "owner": "our_speakers",
    "attendees": "attendees",
    "participants": "attendees",
}
_LINE = re.compile(r"^\s*[*_]{0,2}([A-Za-z][A-Za-z ]{1,30}?)[*_]{0,2}\s*:[*_]{0,2}\s+(.+?)\s*$")


def label_key(label: str) -> str:
    """``"Deal_Stage"`` -> ``"deal stage"``: how labels and CSV headers are compared."""
    return re.sub(r"[\s_\-]+", " ", label.strip().casefold())


@dataclass
class Header:
    """Metadata read from the top of a text, and the lines after it."""

    fields: dict[str, str] = field(default_factory=dict)
    body: list[str] = field(default_factory=list)


def read_header(lines: list[str]) -> Header:
    """Take the leading ``Key: value`` lines whose key is a known field (front matter too)."""
    fields: dict[str, str] = {}
    index = 0
    fenced = bool(lines) and lines[0].strip() == "---"
    if fenced:
        index = 1
    while index < len(lines):
        line = lines[index]
        if fenced and line.strip() == "---":
            return Header(fields, lines[index + 1 :])
        if not line.strip() and not fields and not fenced:
            index += 1
            continue
        match = _LINE.match(line)
        if not match or label_key(match.group(1)) not in FIELD_LABELS:
            break
        fields.setdefault(FIELD_LABELS[label_key(match.group(1))], match.group(2).strip())
        index += 1
    if fenced:  # no closing fence: it was not front matter after all
        return Header({}, lines)
    return Header(fields, lines[index:])


def apply_fields(call: ParsedCall, fields: dict[str, str]) -> None:
    """Copy header or CSV values into the call; what cannot be read is kept in ``extra``."""
    if "date" in fields:
        call.call_date = parse_date(fields["date"])
        if call.call_date is None and fields["date"].strip():
            call.extra["date_unparsed"] = fields["date"]
    for name in ("account", "deal_id", "deal_stage", "title"):
        if name in fields:
            setattr(call, name, clean_optional(fields[name]))
    if "our_speakers" in fields:
        call.our_speakers = split_list(fields["our_speakers"])
    if "competitors" in fields:
        call.competitors = split_list(fields["competitors"])
    if "attendees" in fields:
        call.extra["attendees"] = split_list(fields["attendees"])
    outcome = normalise_outcome(fields.get("outcome"))
    if outcome in (None, "unknown"):
        outcome = outcome_from_stage(call.deal_stage) or outcome
    call.outcome = outcome
