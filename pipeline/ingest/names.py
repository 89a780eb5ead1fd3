"""Comparing people's names as files write them (``Maya`` ~ ``Maya Chen`` ~ ``MAYA CHEN``)."""

from __future__ import annotations

import re

from pipeline.firm_names import is_legal_form
from pipeline.ingest.base import ParsedCall, Person

# "Bell, Marcus": the "Last, First" display name Teams and Outlook use.
_WORD = r"[^\W\d_][\w.'’-]*"
_WORDS = rf"{_WORD}(?:[ \t]{_WORD})?"  # one or two words of letters
LAST_FIRST = rf"{_WORDS},[ \t]*{_WORDS}"  # for patterns that find a name inside a line
_LAST_FIRST = re.compile(rf"^\s*(?P<last>{_WORDS}),\s*(?P<first>{_WORDS})\s*$")
# What meeting tools put in brackets after a name that is no company: "Sandra Okoye (Guest)",
# "(External)", "(Unverified)", "(Organizer)", pronouns "(she/her)".
_NOT_A_COMPANY = re.compile(
    r"^(?:guest|external|unverified|organi[sz]er|presenter|host|co-?host|moderator|attendee"
    r"|participant|me|you|mobile|phone|dial-?in|[a-z]+/[a-z]+(?:/[a-z]+)?)$",
    re.IGNORECASE,
)
# "Kieran Sutton (Workshop)", "Okafor, Janet (Fleet Services)": a department in brackets, no
# company ("Workshop" had become the account, with a page and a filter entry of its own). Only
# when every word is one of these: "Acme Logistics" keeps its own name and stays a company.
_DEPARTMENT_WORDS = frozenset(
    "workshop procurement purchasing operations accounts accounting payroll legal compliance "
    "logistics transport dispatch warehouse maintenance facilities estates engineering support "
    "planning safety health fleet depot garage office reception admin administration it hr "
    "ops finance sales marketing customer service services team dept department division "
    "and & of".split()
)
# Of those tags, the ones saying the person is outside the meeting's organisation (Teams).
_OUTSIDER = re.compile(r"^(?:guest|external|unverified)$", re.IGNORECASE)


def first_last(name: str) -> str:
    """``Bell, Marcus`` -> ``Marcus Bell``: one person under one name whichever way a file writes
    it; any other name unchanged: a company ("Acme, Inc", "Smith, Jones Ltd") and two people
    sharing a label ("Maya Chen, Tom Okafor": two full names, not a surname and given names)."""
    flipped = _LAST_FIRST.match(name)
    if not flipped or any(is_legal_form(word) for word in flipped.group("first").split()):
        return name
    last, first = flipped.group("last").split(), flipped.group("first").split()
    if len(last) > 1 and len(first) > 1:
        return name
    return f"{flipped.group('first')} {flipped.group('last')}"


def norm_name(name: str) -> str:
    """Lower case, dots and "@" dropped, and "Last, First" read as "First Last": the roster's
    "Marcus Bell" is the "Bell, Marcus" a Teams export names."""
    return " ".join(first_last(name).casefold().replace(".", " ").lstrip("@").split())


def bracket_company(inner: str | None) -> str | None:
    """The company in a speaker's brackets ("Maya Chen (Shiftwise)"), or None when the brackets
    hold a meeting tool's tag ("Sandra Okoye (Guest)" had made "Guest" the account) or a
    department ("(Workshop)", "(Fleet Services)")."""
    inner = (inner or "").strip()
    words = {word.strip(".,;:").casefold() for word in inner.split()}
    if not inner or _NOT_A_COMPANY.match(inner) or words <= _DEPARTMENT_WORDS:
        return None
    return inner


def is_outsider_tag(inner: str | None) -> bool:
    """``(Guest)``, ``(External)``, ``(Unverified)`` by a name: a meeting tool saying the person is
    from outside the organisation."""
    return bool(inner) and _OUTSIDER.match((inner or "").strip()) is not None


def name_matches(speaker: str, our_name: str) -> bool:
    """Same full name, or a lone first name matching the other's (``Maya`` ~ ``Maya Chen``)."""
    a, b = norm_name(speaker).split(), norm_name(our_name).split()
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]


_TAGGED = re.compile(r"^(?P<name>.*?)\s*\((?P<tag>[^()]{1,30})\)\s*$")


def display_name(label: str) -> tuple[str, bool]:
    """The name as people write it, and whether the tool tagged them an outsider:
    ``"Kowalski, Anna (Guest)"`` -> ``("Anna Kowalski", True)``; a company in brackets stays."""
    tagged = _TAGGED.match(label)
    outsider = bool(tagged and is_outsider_tag(tagged.group("tag")))
    tag_only = tagged is not None and bracket_company(tagged.group("tag")) is None
    name = first_last(tagged.group("name") if tagged and tag_only else label)
    return " ".join(name.split()) or label, outsider


def tidy_speaker_names(call: ParsedCall) -> None:
    """Speakers named as people write them ("Kowalski, Anna (Guest)" had been quoted so); one a
    tool tagged a guest or external is listed as the buyer's, which the roster still overrules."""
    for utterance in call.utterances:
        if not utterance.speaker:
            continue
        name, outsider = display_name(utterance.speaker)
        utterance.speaker = name
        if outsider and not any(p.name == name for p in call.people):
            call.people.append(Person(name, None, "buyer"))
