"""Who a recap's heading names: the quotes set under "## Hal on the money", "### What Priya
said" or "## Denise (Ops)" are that attendee's words (they had come back with no speaker)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.ingest.base import Person
from pipeline.ingest.names import name_matches

_NAME_WORD = re.compile(r"\b[A-Z][\w-]*")  # "Hal's" reads as "Hal"


def heading_speaker(heading: str, people: Sequence[Person], reps: Sequence[str]) -> str | None:
    """The one attendee not of ours that ``heading`` names, by full or first name; None when it
    names none of them, one of ours, or several ("## Hal and Denise on price")."""
    words = _NAME_WORD.findall(heading)
    named = [
        person
        for person in people
        if person.name.casefold() in heading.casefold()
        or any(name_matches(word, person.name) for word in words)
    ]
    if len({person.name for person in named}) != 1:
        return None
    person = named[0]
    ours = person.role == "rep" or any(name_matches(person.name, rep) for rep in reps)
    return None if ours else person.name
