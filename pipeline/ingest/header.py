"""``Key: value`` metadata a file states about its call: which keys mean what, and how their
values fill a ``ParsedCall`` (header lines, front matter, JSON and CSV fields alike)."""

from __future__ import annotations

import re

from pipeline.detect.listed_rivals import listed_rivals
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.people import parse_people
from pipeline.ingest.role_labels import is_role_word
from pipeline.ingest.values import (
    clean_optional,
    normalise_outcome,
    outcome_from_stage,
    parse_date,
    split_list,
)

# "Received:" is a voicemail notification's time: the call's ("Received: 18/03/2026 4:12 PM").
_DATE_LABELS = ("date", "call date", "meeting date", "created date", "activity date", "recorded",
                "sent", "received", "received at", "received on")  # fmt: skip
# Normalised label -> ParsedCall field. Also the words that are never a speaker's name.
FIELD_LABELS: dict[str, str] = {
    **dict.fromkeys(_DATE_LABELS, "date"),
    **dict.fromkeys(
        (
            "account",
            "account name",
            "company",
            "company name",
            "customer",
            "client",
            "prospect",
            "organization",
            "organisation",
            "customer account",
            "client account",
        ),
        "account",
    ),  # fmt: skip
    "outcome": "outcome",
    "result": "outcome",
    "deal outcome": "outcome",
    "status": "status",
    "deal status": "status",
    "stage": "deal_stage",
    "deal stage": "deal_stage",
    **dict.fromkeys(("industry", "vertical"), "industry"),
    "deal id": "deal_id",
    "opportunity id": "deal_id",
    **dict.fromkeys(("competitors", "competitor", "competition"), "competitors"),
    **dict.fromkeys(("title", "subject", "meeting", "meeting title", "call title"), "title"),
    **dict.fromkeys(
        (
            "our speakers",
            "rep",
            "reps",
            "sales rep",
            "owner",
            "agent",
            "account executive",
            "ae",
            "sdr",
            "call owner",
            "activity owner",
            "handled by",
            "answered by",
            # a notes page's writer: "Author: Ellie Marsh" had become its title
            "author",
            "notes by",
            "written by",
            "note taker",
            "notetaker",
        ),
        "our_speakers",
    ),  # fmt: skip
    **dict.fromkeys(("attendees", "participants", "speakers", "invitees"), "attendees"),
    **dict.fromkeys(("contact", "contacts", "customer contact", "buyer", "buyers"), "contacts"),
}
# Keys that are metadata with no field of their own: kept in ``extra["metadata"]``.
METADATA_LABELS = frozenset(
    {
        "duration", "call duration", "length", "call type", "type", "meeting type", "recording",
        "recording note", "recording link", "recording url", "location", "channel", "meeting id",
        "time", "start time", "end time", "host", "organizer", "organiser", "language", "to",
        "cc", "bcc", "from", "sent", "attachment", "attachments", "medium", "source", "link",
        "url", "phone", "email", "priority", "direction", "disposition", "call outcome",
        "call disposition", "keywords", "summary keywords", "tags", "timezone", "time zone",
        "platform", "transcribed by", "campaign", "pipeline", "amount", "deal value", "region",
        # Sales-engagement and CRM activity fields (Salesloft, Outreach, Zoho, Close, Dynamics)
        "sentiment", "cadence", "sequence", "step", "call result", "call purpose", "purpose",
        "lead source", "lead status", "created by", "modified by", "assigned to", "due date",
        "activity type", "call id", "call start time", "call end time", "meeting date",
        "recorded", "recorded on", "created", "created at", "modified", "last modified",
        "workspace", "team", "department", "persona", "territory", "forecast category",
        # A phone tool's call fields (Aircall, Dialpad, RingCentral)
        "line", "phone line", "number", "phone number", "call status", "call direction", "queue",
    }
)  # fmt: skip
KNOWN_LABELS = frozenset(FIELD_LABELS) | METADATA_LABELS
_KEY_LINE = re.compile(
    r"^\s*[*_]{0,2}(?P<key>[A-Za-z][A-Za-z ]{0,30}?)[*_]{0,2}\s*:[*_]{0,2}"
    r"(?:\s+(?P<value>.*?))?\s*$"
)
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])|(?<=[A-Z])(?=[A-Z][a-z])")
_SPEECH_END = re.compile(r"[?!]|\.(?:\s|$)")
_PEOPLE_FIELDS = ("our_speakers", "attendees", "contacts")
_STRICT_STATUS = {"won", "lost", "open", "closed won", "closed lost"}


def label_key(label: str) -> str:
    """``"Deal_Stage"``, ``"DealStage"`` -> ``"deal stage"``: how labels and headers compare."""
    split = _CAMEL.sub(" ", label.strip())
    return re.sub(r"[\s_\-]+", " ", split.casefold()).strip()


def looks_like_speech(value: str) -> bool:
    """A sentence someone said rather than a header value (``Agent: Hi, is that Dr. Aziz?``)."""
    return bool(_SPEECH_END.search(value)) or len(value.split()) > 12


def key_value(line: str) -> tuple[str, str, str] | None:
    """``(key as written, normalised key, value)`` of a metadata ``Key: value`` line, else None.

    ``AGENT:``/``REP:`` in capitals are speaker labels, never metadata; a role word in other
    case (``Agent: Tom Okafor``) is metadata only when its value is not a sentence.
    """
    match = _KEY_LINE.match(line)
    if not match:
        return None
    written, value = match.group("key").strip(), (match.group("value") or "").strip()
    key = label_key(written)
    if key not in KNOWN_LABELS:
        return None
    if is_role_word(key) and (written.isupper() or not value or looks_like_speech(value)):
        return None
    if not value and key not in METADATA_LABELS:
        return None
    return written, key, value.strip("*_ ").strip()


def add_field(fields: dict[str, str], key: str, value: str) -> None:
    """Record a header value under its field; people lists add up, other fields keep the first."""
    field = FIELD_LABELS.get(key)
    if field is None:
        return
    if field in _PEOPLE_FIELDS and field in fields:
        fields[field] = f"{fields[field]}; {value}"
    else:
        fields.setdefault(field, value)


# Metadata that fills a field only when no field of its own is given: a Notion page's
# "Created: February 26, 2026 3:41 PM" and "Created by: Priya Raman" (the note's writer, on our
# side) had left the call undated, out of every trend, and with no rep.
_FALLBACK_LABELS = {
    **dict.fromkeys(("created", "created at", "created on", "created time", "date created"),
                    "date"),
    "created by": "our_speakers",
}  # fmt: skip


def _with_fallbacks(fields: dict[str, str], metadata: dict[str, str]) -> dict[str, str]:
    """``fields`` with what the ``metadata`` (keys as written) gives for the fields they leave
    empty."""
    filled = dict(fields)
    for written, value in metadata.items():
        field = _FALLBACK_LABELS.get(label_key(written))
        if field is not None and value.strip():
            filled.setdefault(field, value)
    return filled


# A word written in lower case outside brackets: a field's value that is prose, not a list.
_PROSE_WORD = re.compile(r"(?<![\w(])[a-z]{3,}\b(?![^()]*\))")


def rivals_field(value: str) -> list[str]:
    """A competitors field's names: a list as written ("Jobber; Housecall Pro", "monday.com"),
    prose as the products it names ("currently quoted by Trakkio and RouteMate")."""
    return [
        name
        for part in split_list(value)
        for name in ((listed_rivals(part) or [part]) if _PROSE_WORD.search(part) else [part])
    ]


def apply_fields(
    call: ParsedCall, fields: dict[str, str], *, metadata: dict[str, str] | None = None
) -> None:
    """Copy header or CSV values into the call; what cannot be read is kept in ``extra``.
    ``metadata`` (keys with no field, as written) fills a field left empty where it can
    ("Created:" the date)."""
    fields = _with_fallbacks(fields, metadata or {})
    if "date" in fields:
        call.call_date = parse_date(fields["date"])
        if call.call_date is not None and "/" in fields["date"]:
            # As written, whichever way it reads: "03/02/2026" is settled by the file's other
            # dates, and a row's "4/14/2026" is one of them (``date_reading``'s rule 1).
            call.extra["date_text"] = fields["date"]
        if call.call_date is None and fields["date"].strip():
            call.extra["date_unparsed"] = fields["date"]
    for name in ("account", "deal_id", "deal_stage", "industry", "title"):
        if name in fields:
            setattr(call, name, clean_optional(fields[name]))
    if "our_speakers" in fields:
        reps = parse_people(fields["our_speakers"], role="rep")
        call.our_speakers = [person.name for person in reps]
        call.people.extend(reps)
    if "competitors" in fields:
        call.competitors = rivals_field(fields["competitors"])
    if "attendees" in fields:
        call.people.extend(parse_people(fields["attendees"]))
    if "contacts" in fields:  # a "To" column names our rep on an inbound call: not a buyer
        ours = {name.casefold() for name in call.our_speakers}
        contacts = parse_people(fields["contacts"], role="buyer")
        call.people.extend(p for p in contacts if p.name.casefold() not in ours)
    outcome = normalise_outcome(fields.get("outcome"))
    status = fields.get("status", "").strip().casefold()
    if outcome in (None, "unknown") and status in _STRICT_STATUS:
        outcome = normalise_outcome(status)
    elif status:  # a task's "In Progress" or "Completed" is not how the deal ended
        call.extra.setdefault("metadata", {}).setdefault("Status", fields["status"].strip())
    if outcome in (None, "unknown"):
        outcome = outcome_from_stage(call.deal_stage) or outcome
    call.outcome = outcome
