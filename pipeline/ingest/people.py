"""People named outside the speech: ``Attendees:`` lists, CRM contacts, JSON parties."""

from __future__ import annotations

import re

from pipeline.firm_names import is_legal_form
from pipeline.ingest.base import Person
from pipeline.ingest.names import bracket_company
from pipeline.ingest.tool_brands import is_tool_brand
from pipeline.ingest.tool_lines import is_tool_line

_EMAIL = re.compile(r"^[^\s@<>()]+@[^\s@<>()]+\.[A-Za-z]{2,}$")
_WITH_COMPANY = re.compile(r"^(?P<name>[^()<>]*?)\s*[(<](?P<inner>[^()<>]*)[)>]\s*(?:[.;].*)?$")
_SEPARATORS = re.compile(r"\s*(?:,|\band\b|&)\s*")
_MAX_NAME = 80
# "Ruth Adler (owner)": a role in brackets, not a company.
_TITLE_WORDS = {
    "owner", "co-owner", "founder", "co-founder", "ceo", "cto", "cfo", "coo", "cio", "vp",
    "president", "director", "manager", "head", "lead", "engineer", "admin", "administrator",
    "assistant", "partner", "consultant", "executive", "officer", "analyst", "coordinator",
    "supervisor", "nurse", "doctor", "accountant", "bookkeeper", "rep", "representative",
    "son", "daughter", "wife", "husband", "brother", "sister", "intern", "associate", "chef",
    "principal", "specialist", "it", "hr", "ops", "finance", "sales", "marketing", "buyer",
    "chair", "chairman", "chairwoman", "chairperson", "treasurer", "secretary", "trustee",
    "governor", "councillor", "clerk", "bursar", "registrar", "foreman", "superintendent",
    "controller", "receptionist", "technician", "dispatcher", "planner", "volunteer",
    # Trades' own titles: "Karen Pollard (Harbour Master)" had made "Harbour Master" her company.
    "master", "harbourmaster", "harbormaster", "dockmaster", "brewer", "teacher", "headteacher",
    "dentist", "hygienist", "pharmacist", "vet", "surgeon", "physician", "warden", "caretaker",
    "steward", "skipper", "captain", "driver", "purchaser", "estimator", "surveyor",
}  # fmt: skip


def _split_outside_brackets(text: str, separator: re.Pattern[str]) -> list[str]:
    """Split on ``separator`` except inside ``(...)`` or ``<...>``."""
    parts: list[str] = []
    depth = start = 0
    position = 0
    while position < len(text):
        char = text[position]
        if char in "(<":
            depth += 1
        elif char in ")>":
            depth = max(0, depth - 1)
        elif depth == 0:
            match = separator.match(text, position)
            if match and match.end() > position:
                parts.append(text[start:position])
                start = position = match.end()
                continue
        position += 1
    parts.append(text[start:])
    return [part.strip() for part in parts if part.strip()]


# "Terrence Boyd - Brightlane Delivery": a phone tool's or CRM's contact, a dash before their
# company (RingCentral's "Contact:" had named "Terrence Boyd - Brightlane Delivery" one person).
_DASHED_COMPANY = re.compile(
    r"^(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3})\s+[-–—]\s+(?P<inner>[A-Z][^()<>]{1,80})$"
)


def parse_person(text: str, role: str | None = None) -> Person | None:
    """``"Grace Whitfield (Willow Wellness)"``, ``"Grace Whitfield - Willow Wellness"``,
    ``"@Lena Brooks"``, ``"Ana <ana@x.example>"``."""
    text = text.strip().strip("*_").strip()
    company = None
    match = _WITH_COMPANY.match(text) or _DASHED_COMPANY.match(text)
    if match:
        text, inner = match.group("name").strip(), match.group("inner").strip()
        company = None if _EMAIL.match(inner) else _bracket_company(inner)
    name = text.lstrip("@").strip()
    if not name or _EMAIL.match(name) or len(name) > _MAX_NAME or not name[0].isupper():
        return None
    return Person(name, company, role)


# Between a job title and a company in one bracket: "Managing Director, Wrenmouth Haven",
# "Practice Manager at Elm Street Vets", "Head Groundsman - Oakleigh Golf Club".
_ROLE_SEPARATOR = re.compile(r"\s*(?:,|\s-\s|\s[–—|@]\s|\sat\s)\s*")


def _bracket_company(inner: str) -> str | None:
    """The company a bracket names beside a job title or department: ("Managing Director,
    Wrenmouth Haven") had named no company, and the list's last company (ours) had been given
    to both buyers; ("Procurement, Ardley DC") had named "Procurement, Ardley DC"."""
    parts = [part for part in _ROLE_SEPARATOR.split(inner) if part]
    places = [part for part in parts if not _is_role(part)]
    if len(places) == len(parts):
        return bracket_company(inner)
    return bracket_company(places[0]) if len(places) == 1 else None


def _is_role(part: str) -> bool:
    """A job title or a department (``Harbour Master``, ``Procurement``), not a company; one
    with a legal form ("Acme Sales Ltd") is a company whatever its words."""
    if any(is_legal_form(word) for word in part.split()[1:]):
        return False
    return _is_title(part) or bracket_company(part) is None


def _is_title(text: str) -> bool:
    """``owner``, ``Ops Director``, ``son, runs the second shop``: who they are, not where."""
    words = {word.strip(".,;:").casefold() for word in text.split()}
    return not text or bool(words & _TITLE_WORDS) or text == text.casefold()


# Words a job title is made of beside its title word ("General Manager", "Head of Operations").
_TITLE_PARTS = frozenset(
    "general chief senior junior deputy vice managing regional account project product office "
    "practice property facility facilities operations fleet site store building of and &".split()
)


def _only_title(name: str) -> bool:
    """``General Manager``, ``Chief Engineer``: a job title after a comma, not a person
    ("Elena Vasquez, General Manager (The Marlowe Hotel)" had named "General Manager")."""
    words = [word.strip(".,;:").casefold() for word in name.split()]
    return bool(set(words) & _TITLE_WORDS) and set(words) <= _TITLE_WORDS | _TITLE_PARTS


def _is_a_person(name: str) -> bool:
    """Neither a job title alone nor the note-taker the meeting let in ("Fireflies.ai
    Notetaker", "Otter.ai", "Fathom"): a participants line had listed the bot as a person."""
    return not (_only_title(name) or is_tool_brand(name) or is_tool_line(name))


def parse_people(text: str, role: str | None = None) -> list[Person]:
    """``"Maria Chen, Tom Okafor (Shiftwise); Grace Whitfield (Willow Wellness)"`` -> people.

    Groups are separated by ``;``; within a group, a company given after a name also applies
    to the names before it that have none (``Maria Chen, Tom Okafor (Shiftwise)``).
    """
    people: list[Person] = []
    for group in _split_outside_brackets(text, re.compile(r"\s*;\s*")):
        parts = _split_outside_brackets(group, _SEPARATORS)
        members = [(parse_person(part, role), _WITH_COMPANY.match(part)) for part in parts]
        found = [(person, bool(bracket)) for person, bracket in members if person is not None]
        carried: str | None = None
        for person, bracketed in reversed(found):
            if person.company:
                carried = person.company
            elif bracketed:  # "Jo Kettering (owner)": her own bracket, not the next company
                carried = None
            elif carried:
                person.company = carried
        people.extend(person for person, _ in found if _is_a_person(person.name))
    return people


_NAME_WORD = re.compile(r"^[A-Z][\w'’.-]*$")
# Words beside a date that name the meeting, not who came ("May 5, 2026 · Zoom Meeting").
_MEETING_WORDS = frozenset(
    "meeting call demo sync notes review standup interview zoom teams meet webinar".split()
)


def all_plain_names(people: list[Person]) -> bool:
    """Every name two to four capitalised words and no meeting word: who came, not a title."""
    return all(
        2 <= len(words := person.name.split()) <= 4
        and all(_NAME_WORD.match(word) for word in words)
        and not {word.casefold() for word in words} & _MEETING_WORDS
        for person in people
    )


def listed_people(line: str) -> list[Person]:
    """The people a line lists and nothing else ("Priya Nair, Ray Delgado"), else none: a
    sentence that names people is speech."""
    pieces = [
        piece
        for group in _split_outside_brackets(line.strip(), re.compile(r"\s*;\s*"))
        for piece in _split_outside_brackets(group, _SEPARATORS)
        if piece.strip()
    ]
    people = parse_people(line)
    return people if len(people) == len(pieces) and all_plain_names(people) else []
