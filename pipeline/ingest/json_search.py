"""JSON of a tool with no reader of its own (Fireflies, tl;dv, an in-house recorder): the
transcript is the longest list of objects that carry both a text and a speaker, wherever it
is nested; the title and date come from the object holding that list, the speakers' names
and sides from a people list beside it when the turns point to them by id (``json_people``)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pipeline.ingest.base import ParsedCall, ParsedUtterance
from pipeline.ingest.domain_account import ATTENDEE_DOMAINS
from pipeline.ingest.header import apply_fields
from pipeline.ingest.json_people import (
    as_people,
    listed_people,
    listed_speaker,
    people_by_key,
    take_side,
)
from pipeline.ingest.json_pieces import as_dict, dicts, piece, seconds, to_turns
from pipeline.ingest.values import clean_optional, parse_date

_TEXT_KEYS = (
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
    "happened_at", "occurredAt", "occurred_at", "recordedAt", "recorded_at",
)  # fmt: skip
# An object for the meeting itself, whose "name" is its title (tl;dv's ``meeting.name``).
_MEETING_KEYS = frozenset({"meeting", "call", "recording", "conversation", "session", "event"})
# Who was invited, with their addresses (tl;dv's ``meeting.organizer`` and ``.invitees``).
_PARTY_KEYS = frozenset(
    {"organizer", "organiser", "host", "invitees", "attendees", "participants", "guests"}
)
# Where else in the document the call's fields sit (Chorus: engagement.subject, .account_name,
# .opportunity.stage and .competitors).
_FIELD_KEYS = {
    "title": ("title", "subject", "meeting_title", "call_title"),
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
    text = _first_key(entry, _TEXT_KEYS)
    return isinstance(text, str) and _speaker(entry) is not None


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
    found = piece(_first_key(entry, _TEXT_KEYS), _speaker(entry), _start(entry))
    name, person = listed_speaker(entry, people) if people else (None, {})
    if found is not None and person:
        found.speaker = name or found.speaker
        take_side(found, person)
    return found


def search_speech(document: Any, text: str) -> list[ParsedCall] | None:
    """The call held in the longest list of speaker turns, or ``None`` when there is none."""
    lists = _turn_lists(document, as_dict(document))
    if not lists:
        return None
    entries, holder = max(lists, key=lambda found: len(found[0]))
    call = ParsedCall(format="json", raw_text=text, utterances=[])
    listed = listed_people(holder) or listed_people(document)
    call.people.extend(as_people(listed))
    people = people_by_key(listed)
    call.utterances = to_turns(_turn(entry, people) for entry in entries)
    found = nearby_fields(as_dict(document))
    apply_fields(call, {k: v for k, v in found.items() if k not in ("title", "date")})
    domains = _party_domains(as_dict(document))
    if domains:
        call.extra[ATTENDEE_DOMAINS] = domains
    call.title = clean_optional(holder.get("title")) or clean_optional(found.get("title"))
    call.call_date = next(
        (date for key in _DATE_KEYS if (date := date_value(holder.get(key))) is not None), None
    ) or date_value(found.get("date"))
    return [call]


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


def _party_domains(document: dict[str, Any]) -> list[list[str]]:
    """``[name, domain]`` of each invited person with an address, from the objects around the
    speech: where nothing else names the account, the buyer's domain may."""
    found: list[list[str]] = []
    level = [document]
    for _depth in range(_FIELD_DEPTH):
        for entry in level:
            for key in _PARTY_KEYS & entry.keys():
                value = entry[key]
                for party in dicts(value if isinstance(value, list) else [value]):
                    mail = str(party.get("email") or "")
                    if "@" in mail:
                        name = str(_first_key(party, _NAME_KEYS) or mail.partition("@")[0])
                        found.append([name, mail.rpartition("@")[2].casefold()])
        level = [child for entry in level for child in entry.values() if isinstance(child, dict)]
    return found


def _joined(value: Any) -> str:
    return ";".join(map(str, value)) if isinstance(value, list) else str(value)
