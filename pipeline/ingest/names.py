"""Comparing people's names as files write them (``Maya`` ~ ``Maya Chen`` ~ ``MAYA CHEN``)."""

from __future__ import annotations

import re

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
# Of those tags, the ones saying the person is outside the meeting's organisation (Teams).
_OUTSIDER = re.compile(r"^(?:guest|external|unverified)$", re.IGNORECASE)


def first_last(name: str) -> str:
    """``Bell, Marcus`` -> ``Marcus Bell``: one person under one name whichever way a file writes
    it; any other name unchanged."""
    flipped = _LAST_FIRST.match(name)
    return f"{flipped.group('first')} {flipped.group('last')}" if flipped else name


def norm_name(name: str) -> str:
    """Lower case, dots and "@" dropped, and "Last, First" read as "First Last": the roster's
    "Marcus Bell" is the "Bell, Marcus" a Teams export names."""
    return " ".join(first_last(name).casefold().replace(".", " ").lstrip("@").split())


def bracket_company(inner: str | None) -> str | None:
    """The company in a speaker's brackets ("Maya Chen (Shiftwise)"), or None when the brackets
    hold a meeting tool's tag ("Sandra Okoye (Guest)" had made "Guest" the account)."""
    inner = (inner or "").strip()
    return None if not inner or _NOT_A_COMPANY.match(inner) else inner


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
