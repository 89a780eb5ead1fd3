"""A phone tool's lines about the call (Aircall, Dialpad, RingCentral): ``Outbound call · Marcus
Reed → +1 (602) 555-0188 (Sunnyside Pet Hospital)`` says who called whom and where the other
party works; ``Handled by Jordan Miles (Sales)`` names our side. Metadata, never speech."""

from __future__ import annotations

import re

from pipeline.ingest.base import Person
from pipeline.ingest.header import FIELD_LABELS, key_value, label_key
from pipeline.ingest.names import bracket_company
from pipeline.ingest.people import parse_person
from pipeline.ingest.role_labels import PHONE_SPEAKER
from pipeline.ingest.values import has_legal_form
from pipeline.redact import contact_spans, is_phone_number

_ARROW = re.compile(r"\s*(?:→|->|⟶|➔)\s*")
_KIND = re.compile(r"^(?P<kind>[^·•|→]{1,40}?)\s*[·•|]\s*(?P<rest>.+)$")
_PARTY = re.compile(
    r"^(?P<name>\+?\(?\d[\d \t().-]{5,22}\d|[^()]+?)\s*(?:\((?P<company>[^()]{1,80})\))?$"
)
_HANDLED_BY = re.compile(
    r"^(?i:handled|answered|taken|made|placed|owned|assigned)\s+(?i:by)\s+"
    r"(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,3})(?:\s*\((?P<team>[^()]{1,60})\))?"
    r"(?:\s*[·•|,]?\s*\(?\+?\(?\d[\d \t().-]{5,22}\d\)?)?$"  # "· +1 …" or "(+1 …)": their line
)
_SEPARATED_PHONE = re.compile(
    r"\s+[·•|–—-]\s+(?P<phone>\+?\(?\d[\d \t().-]{5,22}\d)(?=\s+[·•|–—-]\s+|\s*$)"
)


def handled_by(line: str) -> str | None:
    """Our person a phone tool says took the call ("Handled by Jordan Miles (VetDesk Sales)")."""
    found = _HANDLED_BY.match(line.strip())
    return found.group("name") if found else None


def call_parties(line: str) -> tuple[list[Person], str] | None:
    """The people of a ``caller → callee`` line, and the line as a title without the phone
    number; None for any other line. A number stands for the other party (``Caller``), whose
    company in brackets is the account."""
    found = _KIND.match(line.strip())
    rest = found.group("rest") if found else line.strip()
    sides = _ARROW.split(rest)
    if len(sides) != 2:
        return None
    people: list[Person] = []
    shown: list[str] = []
    for side in sides:
        party = _PARTY.match(side.strip())
        if party is None:
            return None
        name, company = party.group("name").strip(), bracket_company(party.group("company"))
        if is_phone_number(name):
            people.append(Person(PHONE_SPEAKER, company, "buyer"))
            shown.append(company or PHONE_SPEAKER.casefold())
            continue
        person = parse_person(side)
        if person is None or len(name.split()) > 5:
            return None
        people.append(person)
        shown.append(side.strip())
    if not (found and re.search(r"(?i)\bcall\b", found.group("kind"))) and all(
        person.name != PHONE_SPEAKER for person in people
    ):
        return None  # "Cornerstone → VetDesk" in notes: no call's parties
    title = " → ".join(shown)
    return people, f"{found.group('kind')} · {title}" if found else title


def dialled_parties(values: dict[str, str]) -> list[Person]:
    """The company on the other end of a phone tool's ``From:``/``To:`` line: ``To: Fraser
    Valley Freight Ltd. +1 (604) 555-0148`` is the number that speaks as ``Caller``, and its
    company the account (the tool's brand in the title above had been taken for it). A person's
    name beside the number, or our extension (``From: Sophie Tremblay (Ext. 214)``), is none."""
    found: list[Person] = []
    for written, value in values.items():
        if label_key(written) not in ("from", "to"):
            continue
        if not any(is_phone_number(value[s:e]) for s, e in contact_spans(value)):
            continue
        rest = without_numbers(value)
        person = parse_person(rest) if rest else None
        company = person.company if person is not None and person.company else None
        if company is None and has_legal_form(rest):
            company = rest.strip(" ,;·|-")
        if company:
            found.append(Person(PHONE_SPEAKER, company, None))
    return found


def without_phone_numbers(title: str) -> str:
    """``Call with Karen Holt · +1 (830) 555-0172`` -> ``Call with Karen Holt``: a title names
    no one's number."""
    return _SEPARATED_PHONE.sub(
        lambda found: "" if is_phone_number(found.group("phone")) else found.group(0), title
    )


_LINE_KEYS = frozenset({"line", "phone line"})  # the number the call came in on or went out from
_KEY_DIGITS = 9  # "+1 (737) 555-0100" and "737.555.0100", "+44 7700 900412" and "07700 900412"


def phone_key(number: str) -> str:
    """How one phone number written two ways compares: its last digits. Held only while a
    call is read, to tell its numbers apart; never stored."""
    return re.sub(r"\D", "", number)[-_KEY_DIGITS:]


def our_numbers(header_lines: list[str]) -> dict[str, str | None]:
    """The numbers a phone tool's header gives our side, each with our person it names, if
    any: ``Handled by Theo Grant (+1 737 555 0100)``, ``Agent: Theo Grant · +1 …``, ``Line:
    Trailhead Sales (+1 …)``, and the end of the call that is ours by its direction (the number
    called on an inbound call, the one calling on an outbound). A customer's "Number:" is not
    among them."""
    found: dict[str, str | None] = _directed_numbers(header_lines)
    for line in header_lines:
        pair = key_value(line)
        name = handled_by(line)
        if name is None and pair is not None and FIELD_LABELS.get(pair[1]) == "our_speakers":
            name = without_numbers(pair[2]) or None
        elif name is None and (pair is None or pair[1] not in _LINE_KEYS):
            continue
        for start, end in contact_spans(line):
            if is_phone_number(line[start:end]):
                found.setdefault(phone_key(line[start:end]), name)
    return found


# "Inbound call", "Direction: Outgoing": which way the call went; our end is the callee of an
# inbound call and the caller of an outbound one.
_DIRECTION = re.compile(r"\b(?P<way>in(?:bound|coming)|out(?:bound|going))\b", re.IGNORECASE)
_DIRECTION_KEYS = frozenset({"direction", "call direction", "call type", "type"})


def _direction(header_lines: list[str]) -> str | None:
    """ "in" or "out" when the header says which way the call went, else None."""
    for line in header_lines:
        pair = key_value(line)
        if pair is not None:
            said = pair[2] if pair[1] in _DIRECTION_KEYS else ""
        else:
            kind = _KIND.match(line.strip())
            said = kind.group("kind") if kind is not None else ""
        if way := _DIRECTION.search(said):
            return "in" if way.group("way").casefold().startswith("in") else "out"
    return None


def _directed_numbers(header_lines: list[str]) -> dict[str, str | None]:
    """Our end of a call whose header gives both ends as numbers (``Inbound call · +44 161 …
    → +44 20 …``; ``From: +1 …`` / ``To: +1 …`` under ``Direction: Outbound``): the callee of
    an inbound call, the caller of an outbound. Without a direction the file does not say."""
    way = _direction(header_lines)
    if way is None:
        return {}
    ends: dict[str, str] = {}  # "from" / "to" -> the number written there
    for line in header_lines:
        pair = key_value(line)
        if pair is not None and label_key(pair[0]) in ("from", "to"):
            ends.setdefault(label_key(pair[0]), _number_in(pair[2]) or "")
            continue
        kind = _KIND.match(line.strip())
        sides = _ARROW.split(kind.group("rest") if kind else line.strip())
        if pair is None and len(sides) == 2:
            ends.setdefault("from", _number_in(sides[0]) or "")
            ends.setdefault("to", _number_in(sides[1]) or "")
    ours = ends.get("to" if way == "in" else "from")
    return {phone_key(ours): without_numbers(ours) or None} if ours else {}


def _number_in(value: str) -> str | None:
    """The whole value when it is a phone number, with at most a name beside it."""
    numbers = [value[s:e] for s, e in contact_spans(value) if is_phone_number(value[s:e])]
    return value if len(numbers) == 1 else None


def without_numbers(value: str) -> str:
    """``Theo Grant (+1 737 555 0100)`` -> ``Theo Grant``."""
    spans = [(s, e) for s, e in contact_spans(value) if is_phone_number(value[s:e])]
    for start, end in reversed(spans):
        value = value[:start] + value[end:]
    return re.sub(r"\(\s*\)|\s*[·•|,]\s*$", "", value).strip(" ·•|,")
