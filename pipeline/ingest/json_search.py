"""JSON of a tool with no reader of its own (Fireflies, tl;dv, Aircall, Dialpad, an in-house
recorder): the transcript is the longest list of objects that carry both a text and a speaker
(a name, or only the side they spoke for: Aircall's ``participant_type: internal|external``),
wherever it is nested; the title and date come from the object holding that list, else the
first line's own time, the speakers' names and sides from a people list beside it when the
turns point to them by id (``json_people``). A tool's own labels among the lines (moments,
highlights) are no speech (``spoken_entries``)."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance, Person
from pipeline.ingest.domain_account import ATTENDEE_DOMAINS
from pipeline.ingest.email_sides import HOST_DOMAINS
from pipeline.ingest.header import apply_fields
from pipeline.ingest.json_people import (
    as_people,
    id_side,
    keep_apart,
    listed_people,
    listed_speaker,
    people_by_key,
    stated_side,
    take_side,
    turn_identity,
)
from pipeline.ingest.json_pieces import as_dict, dicts, piece, seconds, spoken_entries, to_turns
from pipeline.ingest.phone_lines import name_numbered
from pipeline.ingest.role_labels import PHONE_SPEAKER
from pipeline.ingest.values import clean_optional, parse_date

TEXT_KEYS = (
    "text", "raw_text", "transcript", "content", "sentence", "body", "display", "snippet",
)  # fmt: skip
_SPEAKER_KEYS = (
    "speaker_name", "speakerName", "speaker", "speaker_label", "speakerLabel", "participant",
    "speaker_id", "speakerId", "participant_id", "participantId", "user", "name",
)  # fmt: skip
_NAME_KEYS = ("name", "display_name", "displayName", "full_name")
_START_KEYS = (("start_time", 1), ("startTime", 1), ("start", 1), ("offset", 1))
_MS_KEYS = (("start_ms", 1000), ("startMs", 1000), ("offsetMilliseconds", 1000))
_DATE_KEYS = (
    "date", "dateString", "started", "start_time", "meeting_date", "created_at", "date_time",
    "datetime", "started_at", "startedAt", "start_date", "scheduled_at", "happenedAt",
    "happened_at", "occurredAt", "occurred_at", "recordedAt", "recorded_at", "call_created_at",
    "callCreatedAt",
)  # fmt: skip
# A line's own time of day, when the tool writes it as a date and time (Dialpad's ``time``).
_LINE_TIME_KEYS = ("time", "timestamp", "date", "datetime", "created_at", "createdAt",
                   "start_time", "startTime", "started_at", "startedAt")  # fmt: skip
_ISO_MOMENT = re.compile(r"^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}")
# What a turn with no speaker's name is called, by the side the tool says it spoke for.
_SIDE_SPEAKERS = {"rep": "Agent", "buyer": PHONE_SPEAKER}
# An object for the meeting itself, whose "name" is its title (tl;dv's ``meeting.name``).
_MEETING_KEYS = frozenset({"meeting", "call", "recording", "conversation", "session", "event"})
# Who was invited, with their addresses (tl;dv's ``meeting.organizer`` and ``.invitees``).
_PARTY_KEYS = frozenset(
    {"organizer", "organiser", "host", "invitees", "attendees", "participants", "guests"}
)
# Where else in the document the call's fields sit (Chorus: engagement.subject, .account_name,
# .opportunity.stage and .competitors).
_FIELD_KEYS = {
    # A speech service names its job (AWS Transcribe's ``jobName``): a title, when none better.
    "title": (
        *("title", "subject", "meeting_title", "call_title", "meeting_name", "meetingName"),
        *("jobName", "job_name"),
    ),
    "account": ("account_name", "accountName", "account", "company_name", "organization"),
    "deal_stage": ("stage", "deal_stage", "opportunity_stage", "stage_name", "stageName"),
    "outcome": ("outcome", "result", "deal_outcome"),
    "competitors": ("competitors", "competitor"),
}
_FIELD_DEPTH = 3
_MAX_DEPTH = 5
_EPOCH_MS = 10**11  # larger numbers are milliseconds since 1970, smaller ones seconds


def _first_key(entry: dict[str, Any], keys: tuple[str, ...]) -> Any:
    return next((entry[key] for key in keys if entry.get(key) not in (None, "")), None)


def _speaker(entry: dict[str, Any]) -> str | None:
    value = _first_key(entry, _SPEAKER_KEYS)
    if isinstance(value, dict):
        value = _first_key(value, _NAME_KEYS)
    return None if value is None else clean_optional(value)


def _is_turn(entry: dict[str, Any]) -> bool:
    text = _first_key(entry, TEXT_KEYS)
    return isinstance(text, str) and (_speaker(entry) is not None or _side(entry) is not None)


def _side(entry: dict[str, Any]) -> str | None:
    """The side a turn states, else, with no speaker named, the side its one id speaks for."""
    return stated_side(entry) or (id_side(entry) if _speaker(entry) is None else None)


def _turn_lists(
    value: Any, holder: dict[str, Any], depth: int = 0
) -> list[tuple[list[dict[str, Any]], dict[str, Any]]]:
    """Every list where most objects are turns, with the object that holds it."""
    if depth > _MAX_DEPTH:
        return []
    found: list[tuple[list[dict[str, Any]], dict[str, Any]]] = []
    if isinstance(value, list):
        entries = dicts(value)
        if entries and sum(map(_is_turn, entries)) * 2 > len(entries):
            found.append((entries, holder))
        else:
            for item in entries:
                found.extend(_turn_lists(item, item, depth + 1))
    elif isinstance(value, dict):
        for child in value.values():
            found.extend(_turn_lists(child, value, depth + 1))
    return found


def _start(entry: dict[str, Any]) -> float | None:
    for key, scale in (*_MS_KEYS, *_START_KEYS):
        if entry.get(key) is not None:
            return seconds(entry[key], scale)
    return None


def date_value(value: Any) -> dt.date | None:
    """An ISO or written date, or a Unix time in seconds or milliseconds (Fireflies' ``date``)."""
    if isinstance(value, int | float) and not isinstance(value, bool) and value > 10**8:
        scale = 1000 if value > _EPOCH_MS else 1
        try:
            return dt.datetime.fromtimestamp(value / scale, tz=dt.UTC).date()
        except (OverflowError, ValueError, OSError):  # far outside any calendar
            return None
    return parse_date(value) if isinstance(value, str) else None


def _turn(entry: dict[str, Any], people: dict[str, dict[str, Any]]) -> ParsedUtterance | None:
    """A turn; one that points to a listed person takes their name and side."""
    side = _side(entry)
    speaker = _speaker(entry) or (_SIDE_SPEAKERS[side] if side else None)
    found = piece(_first_key(entry, TEXT_KEYS), speaker, _start(entry))
    name, person = listed_speaker(entry, people)  # a nested ``participant`` object too
    if found is not None and person:
        found.speaker = name or found.speaker
        take_side(found, person)
    elif found is not None and side is not None:
        found.role = side
        # A nameless side is the file's word; a named speaker's is weighed with the roster.
        found.role_from_source = _speaker(entry) is None
    return found


def list_stated_sides(call: ParsedCall) -> None:
    """A named speaker whose turns state a side is listed with it, for ``assign_roles`` to weigh
    after the roster and ``--our-speakers``."""
    listed = {person.name for person in call.people}
    for utterance in call.utterances:
        speaker, side = utterance.speaker, utterance.role
        if speaker and side in ("rep", "buyer") and not utterance.role_from_source:
            if speaker not in listed:
                call.people.append(Person(speaker, None, side))
                listed.add(speaker)


def first_line_date(entries: list[dict[str, Any]]) -> dt.date | None:
    """The day of the first line that carries a date and time of its own (Dialpad's ``time``:
    "2026-02-17T14:02:11.482Z"), for a call whose file gives no date of its own."""
    for entry in entries:
        for key in _LINE_TIME_KEYS:
            value = entry.get(key)
            if isinstance(value, str) and _ISO_MOMENT.match(value.strip()):
                return parse_date(value)
    return None


def search_speech(document: Any, text: str) -> list[ParsedCall] | None:
    """The call held in the longest list of speaker turns, or ``None`` when there is none."""
    lists = _turn_lists(document, as_dict(document))
    if not lists:
        return None
    entries, holder = max(lists, key=lambda found: len(found[0]))
    entries = spoken_entries(entries)
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    listed = listed_people(holder) or listed_people(document)
    call.people.extend(as_people(listed))
    people = people_by_key(listed)
    turns = [(_turn(entry, people), turn_identity(entry)) for entry in entries]
    keep_apart(turns, _SIDE_SPEAKERS.values())
    call.utterances = to_turns(found for found, _who in turns)
    name_numbered(call)
    list_stated_sides(call)
    found = nearby_fields(as_dict(document))
    apply_fields(call, {k: v for k, v in found.items() if k not in ("title", "date")})
    domains, hosts = _party_domains(as_dict(document))
    if domains:
        call.extra[ATTENDEE_DOMAINS] = domains
    if hosts:
        call.extra[HOST_DOMAINS] = hosts
    call.title = clean_optional(holder.get("title")) or clean_optional(found.get("title"))
    call.call_date = (
        next(
            (date for key in _DATE_KEYS if (date := date_value(holder.get(key))) is not None), None
        )
        or date_value(found.get("date"))
        or first_line_date(entries)
    )
    return [call]


TURN_SHAPE = (
    "expected a list of turns, each an object with a text and a speaker (a name such as "
    "'speaker' or 'name', or a side such as 'participant_type': 'internal'), or the callmine "
    "schema's 'utterances'"
)


def held(items: list[Any]) -> str:
    """What a list holds, in words ("7 numbers", "2 texts and 1 list"), for a rejection."""
    kinds: dict[str, int] = {}
    for item in items:
        kind = next((word for types, word in _HELD_KINDS if isinstance(item, types)), "empty value")
        kinds[kind] = kinds.get(kind, 0) + 1
    said = [f"{n} {kind}{'' if n == 1 else 's'}" for kind, n in kinds.items()]
    return " and ".join(said) or "nothing"


_HELD_KINDS: tuple[tuple[type | tuple[type, ...], str], ...] = (
    (bool, "true/false value"),
    ((int, float), "number"),
    (str, "text"),
    (list, "list"),
    (dict, "object"),
)


def missing_speech(document: Any) -> str:
    """Why no turns were read, naming the longest list of objects found (where, how many, what
    keys) and what a turn needs: a rejection that points to the file's real shape."""
    lists = sorted(_object_lists(document, ""), key=lambda found: -len(found[1]))
    expected = TURN_SHAPE
    if not lists and isinstance(document, list):  # [0.12, 0.5, 3]: no turn is an object
        return f"JSON transcript not found: the top list holds {held(document)}; {expected}"
    if not lists:
        return f"JSON transcript not found: the JSON holds no list of objects; {expected}"
    where, entries = lists[0]
    keys = list(dict.fromkeys(key for entry in entries[:20] for key in entry))[:8]
    texts = sum(isinstance(_first_key(entry, TEXT_KEYS), str) for entry in entries)
    lacking = "text" if texts * 2 <= len(entries) else "speaker"
    return (
        f"JSON transcript not found: the longest list of objects, '{where or 'the top'}', holds "
        f"{len(entries)} with keys {', '.join(repr(k) for k in keys)}, but most have no "
        f"{lacking}; {expected}"
    )


def _object_lists(value: Any, where: str, depth: int = 0) -> list[tuple[str, list[dict[str, Any]]]]:
    if depth > _MAX_DEPTH:
        return []
    found: list[tuple[str, list[dict[str, Any]]]] = []
    if isinstance(value, list):
        entries = dicts(value)
        if entries:
            found.append((where, entries))
        for index, item in enumerate(entries[:50]):
            found.extend(_object_lists(item, f"{where}[{index}]", depth + 1))
    elif isinstance(value, dict):
        for key, child in value.items():
            found.extend(_object_lists(child, f"{where}.{key}" if where else str(key), depth + 1))
    return found


def nearby_fields(document: dict[str, Any]) -> dict[str, Any]:
    """The call's fields from the objects around its speech, nearest the top first."""
    found: dict[str, Any] = {}
    level: list[tuple[str, dict[str, Any]]] = [("", document)]
    for _depth in range(_FIELD_DEPTH):
        for under, entry in level:
            for field, keys in (*_FIELD_KEYS.items(), ("date", _DATE_KEYS)):
                value = _first_key(entry, keys)
                if field not in found and isinstance(value, str | int | float | list):
                    found[field] = _joined(value) if field != "date" else value
            if under in _MEETING_KEYS and isinstance(entry.get("name"), str):
                found.setdefault("title", entry["name"])
        level = [
            (key, child)
            for _under, entry in level
            for key, child in entry.items()
            if isinstance(child, dict)
        ]
    return found


def _party_domains(document: dict[str, Any]) -> tuple[list[list[str]], list[str]]:
    """``[name, domain]`` of each invited person with an address, from the objects around the
    speech (a party object's name, else the address's name part: Fireflies' ``participants``
    are bare addresses), and the domains of the host and organiser (``host_email``,
    ``organizer``): where nothing else says which side is ours, the addresses may."""
    found: list[list[str]] = []
    hosts: list[str] = []
    level = [document]
    for _depth in range(_FIELD_DEPTH):
        for entry in level:
            for key, value in entry.items():
                party = _HOST_ADDRESS.fullmatch(key)
                if key not in _PARTY_KEYS and party is None:
                    continue
                hosting = key in _HOST_KEYS or party is not None
                for name, mail in _addresses(value if isinstance(value, list) else [value]):
                    found.append([name, mail.rpartition("@")[2].casefold()])
                    if hosting:
                        hosts.append(found[-1][1])
        level = [child for entry in level for child in entry.values() if isinstance(child, dict)]
    return found, hosts


_HOST_KEYS = frozenset({"organizer", "organiser", "host"})
_HOST_ADDRESS = re.compile(r"(?i:host|organi[sz]er)_?(?i:email|mail|address)")
_ADDRESS = re.compile(r"[\w.+'-]+@[\w-]+(?:\.[\w-]+)+")


def _addresses(values: list[Any]) -> list[tuple[str, str]]:
    """``(name, address)`` of each party: an object's name and ``email``, or a bare address
    (its name part standing for the name)."""
    found: list[tuple[str, str]] = []
    for value in values:
        if isinstance(value, dict):
            mail = str(value.get("email") or "")
            if "@" in mail:
                found.append((str(_first_key(value, _NAME_KEYS) or mail.partition("@")[0]), mail))
        elif isinstance(value, str):
            found.extend((m.partition("@")[0], m) for m in _ADDRESS.findall(value))
    return found


def _joined(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)
