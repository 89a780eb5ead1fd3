"""The people a JSON transcript lists beside its speech, and which side each one is on.

Recorders keep the speakers apart from the turns, which point to them by id: Modjo-like
``speakers[{id, name, type: "user"|"contact"}]`` with ``transcript[{speakerId, content}]``, Gong's
``parties[{speakerId, affiliation: "Internal"|"External"}]``, others' ``participants[{id |
speaker_id, is_internal, role, affiliation}]``, in camelCase or snake_case. Read without the list,
every turn had been a speakerless note and a rep's answer had been counted as a buyer objection.
A user, internal person or host is ours; a contact, external person, customer or prospect the
buyer's (the roster and ``--our-speakers`` still win later, in ``assign_roles``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from pipeline.ingest.base import ParsedUtterance, Person
from pipeline.ingest.call_lines import phone_key
from pipeline.ingest.json_pieces import speaker_name
from pipeline.ingest.role_labels import role_of_word
from pipeline.ingest.values import clean_optional
from pipeline.redact import is_phone_number

PEOPLE_KEYS = ("participants", "speakers", "parties", "attendees")
# How a turn points to its speaker, most specific first; a name works as well as an id.
# Jiminny nests the person itself: ``participant: {"name", "type": "user"|"prospect"}``.
SPEAKER_REF_KEYS = (
    "speaker_id", "speakerId", "participant_id", "participantId", "speaker", "participant",
    "name",
)  # fmt: skip
_SPOKEN_NAME_KEYS = ("speaker", "name")
_ID_KEYS = (
    "id", "speaker_id", "speakerId", "participant_id", "participantId", "user_id", "userId",
    "name",
)  # fmt: skip
_NAME_KEYS = ("name", "display_name", "displayName", "full_name", "fullName")
_COMPANY_KEYS = ("company", "company_name", "companyName", "organization", "organisation")
_SIDE_KEYS = ("affiliation", "type", "role", "side", "speaker_type", "speakerType")
_INTERNAL_FLAGS = ("is_internal", "isInternal", "internal")
# Where a turn itself says which side spoke, with no name: Aircall's ``participant_type``.
_TURN_SIDE_KEYS = (
    "participant_type", "participantType", "speaker_type", "speakerType", "speaker_role",
    "speakerRole", "party", "party_type", "partyType", "side", "direction", "channel_type",
    "channelType", "affiliation",
)  # fmt: skip
# A nameless turn's own id, which tells two people of one side apart: a warm transfer's two
# agents (Aircall's ``user_id``), two numbers of the other party (its ``phone_number``).
_IDENTITY_KEYS = (
    "user_id", "userId", "operator_id", "operatorId", "agent_id", "agentId", "contact_id",
    "contactId", "phone_number", "phoneNumber", "channel", "channel_id", "channelId",
)  # fmt: skip
# The side an id speaks for on a turn that names neither speaker nor side (Dialpad: a user's
# line carries ``user_id``, a contact's ``contact_id``).
_ID_SIDES = {
    "user_id": "rep", "userId": "rep", "operator_id": "rep", "operatorId": "rep",
    "agent_id": "rep", "agentId": "rep", "contact_id": "buyer", "contactId": "buyer",
}  # fmt: skip
_NO_COMPANY = {"unknown", "none", "n/a", "other"}
_REP_SIDES = {
    "internal", "host", "organizer", "organiser", "us", "ours", "our team", "seller", "vendor",
    "rep", "user", "employee", "team member",
}  # fmt: skip
_BUYER_SIDES = {
    "external", "customer", "prospect", "buyer", "client", "guest", "lead", "contact",
}  # fmt: skip


def listed_people(document: Any) -> list[dict[str, Any]]:
    """The first list of people objects beside the speech (``participants``, ``speakers``...)."""
    if not isinstance(document, dict):
        return []
    for key in PEOPLE_KEYS:
        value = document.get(key)
        if isinstance(value, list) and value and all(isinstance(p, dict) for p in value):
            return value
    return []


def people_by_key(people: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Each person under every id and name they carry (case-folded), for a turn to point to."""
    by_key: dict[str, dict[str, Any]] = {}
    for person in people:
        for key in _ID_KEYS:
            value = person.get(key)
            if value is not None and not isinstance(value, dict | list | bool):
                by_key.setdefault(str(value).strip().casefold(), person)
    return by_key


def person_name(person: dict[str, Any]) -> str | None:
    return clean_optional(next((person[k] for k in _NAME_KEYS if person.get(k)), None))


def listed_speaker(
    entry: dict[str, Any], people: dict[str, dict[str, Any]]
) -> tuple[str | None, dict[str, Any]]:
    """The turn's speaker name and the listed person it points to (``{}`` when none is
    listed: then the name it gives, or ``Speaker 3`` for a bare id)."""
    refs = [entry[key] for key in SPEAKER_REF_KEYS if entry.get(key) not in (None, "")]
    for ref in refs:
        person = ref if isinstance(ref, dict) else people.get(str(ref).strip().casefold())
        if person:
            return person_name(person) or speaker_name(None if ref is person else ref), person
    named = next((entry[k] for k in _SPOKEN_NAME_KEYS if isinstance(entry.get(k), str)), None)
    return clean_optional(named) or (speaker_name(refs[0]) if refs else None), {}


def side_of(person: dict[str, Any]) -> str | None:
    """``rep`` or ``buyer`` when the person's flag, type, affiliation or role says which side."""
    for flag in _INTERNAL_FLAGS:
        if isinstance(person.get(flag), bool):
            return "rep" if person[flag] else "buyer"
    for key in _SIDE_KEYS:
        words = " ".join(str(person.get(key) or "").replace("_", " ").casefold().split())
        if words in _REP_SIDES:
            return "rep"
        if words in _BUYER_SIDES:
            return "buyer"
        if key == "role" and (role := role_of_word(words)) is not None:
            return role
    return None


def stated_side(entry: dict[str, Any]) -> str | None:
    """``rep`` or ``buyer`` when a turn's own side field says which (``participant_type:
    "internal"``, ``party: "customer"``, ``speaker_role: "agent"``); ``None`` otherwise.
    Aircall's turns carry only this, and had been refused as speakerless."""
    for key in _TURN_SIDE_KEYS:
        value = entry.get(key)
        if not isinstance(value, str):
            continue
        words = " ".join(value.replace("_", " ").casefold().split())
        if words in _REP_SIDES:
            return "rep"
        if words in _BUYER_SIDES:
            return "buyer"
        if (role := role_of_word(words)) is not None:
            return role
    return None


def company_of(person: dict[str, Any]) -> str | None:
    """The person's company: a company field, or an affiliation that names no side."""
    named = next((person[k] for k in _COMPANY_KEYS if isinstance(person.get(k), str)), None)
    if clean_optional(named):
        return clean_optional(named)
    affiliation = clean_optional(person.get("affiliation"))
    if (
        affiliation
        and affiliation.casefold() not in _NO_COMPANY
        and not side_of({"affiliation": affiliation})
    ):
        return affiliation
    return None


def as_people(people: list[dict[str, Any]]) -> list[Person]:
    """The listed people with a name, for the call's people list (account, roster matching)."""
    found = []
    for person in people:
        name = person_name(person)
        if name:
            found.append(Person(name, company_of(person), side_of(person)))
    return found


def take_side(utterance: ParsedUtterance, person: dict[str, Any]) -> None:
    """The listed person's company and side on their turn. A named person's side is weighed in
    ``assign_roles`` through the call's people, after the roster and ``--our-speakers``; only a
    nameless one's is kept as the file's word."""
    utterance.company = utterance.company or company_of(person)
    side = side_of(person)
    if side is not None:
        utterance.role = side
        utterance.role_from_source = person_name(person) is None


def _id_value(entry: dict[str, Any], key: str) -> str | None:
    value = entry.get(key)
    if value is None or isinstance(value, dict | list | bool) or not str(value).strip():
        return None
    return str(value).strip()


def id_side(entry: dict[str, Any]) -> str | None:
    """``rep`` or ``buyer`` by the one id a nameless turn carries (``user_id``: ours,
    ``contact_id``: theirs); ``None`` when it carries none, or ids of both sides."""
    sides = {side for key, side in _ID_SIDES.items() if _id_value(entry, key) is not None}
    return sides.pop() if len(sides) == 1 else None


def turn_identity(entry: dict[str, Any]) -> str | None:
    """Who spoke a turn, by the first id it carries (a number in any written form counts as
    one); ``None`` when it carries none."""
    for key in _IDENTITY_KEYS:
        value = _id_value(entry, key)
        if value is not None:
            return f"{key}:{phone_key(value) if is_phone_number(value) else value.casefold()}"
    return None


def keep_apart(
    turns: list[tuple[ParsedUtterance | None, str | None]], labels: Iterable[str]
) -> None:
    """Nameless speakers of one side (``Agent``, ``Caller``) told apart by the ids their turns
    carry: ``Agent``, ``Agent 2`` in the order they first speak (a warm transfer's two agents
    had merged into one). One speaker as before when any of the side's turns carries none."""
    for label in labels:
        side = [
            (found, who) for found, who in turns if found is not None and found.speaker == label
        ]
        ids = [who for _found, who in side]
        if None in ids or len(set(ids)) < 2:
            continue
        order = list(dict.fromkeys(ids))
        for found, who in side:
            place = order.index(who)
            found.speaker = label if place == 0 else f"{label} {place + 1}"
