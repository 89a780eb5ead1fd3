"""The first name one side calls the other in its opening turns: a rep who opens "Hi Paul, it's
Nadia from PatchPilot" or "Thanks, Paul" names the ``PROSPECT:`` they talk to. A transcript
labelled only by role words had kept "PROSPECT" as the buyer's name in quotes and themes."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.first_names import is_first_name, only_a_name
from pipeline.person_positions import CALENDAR

GREETING_TURNS = 3  # a name is said in the other side's first few turns, not at goodbye
# How a greeting addresses a group, never one person: "Hi everyone", "Morning all", "Hey team".
_GROUPS = frozenset(
    "all everyone everybody team guys folks there both you again ladies gentlemen".split()
)
_WORD = r"[A-Z][a-z'’-]+"
_GREETS = (
    r"hi|hello|hey|hiya|morning|good morning|afternoon|good afternoon|evening|good evening"
    r"|thanks|thank you|thanks so much|thank you so much|cheers|welcome"
    r"|(?:nice|great|good|lovely) to (?:meet|see|speak (?:with|to)|talk (?:with|to)) you"
)
# "Hi Paul, ...", "Thank you, Paul.", "Morning Paul!": the name then the clause's end, so "Thanks,
# Tuesday works" and "Hi Greystone team" name no one.
_ADDRESSED = re.compile(
    rf"\b(?i:{_GREETS})[,!]?\s+(?!(?i:{_GREETS})\b)(?P<name>{_WORD})(?=\s*(?:[,.!?;:]|\s-\s|—|$))"
)
# A caller checking who picked up: "Hi, is that Owen?", "Am I speaking to Owen?"; the name
# must end the question, so "Is that Owen's team?" and "is that Owen from finance?" name no one.
_CHECKED = re.compile(
    rf"(?:^|[,.!?]\s+)(?i:is that|is this|am i speaking (?:to|with)|am i talking (?:to|with))"
    rf"\s+(?P<name>{_WORD})\s*\?"
)
# "Paul, thanks for calling back.": a word before the thanks is as often an interjection
# ("Great, thanks", "Hello, thanks"), so only a listed first name counts there.
_NAME_FIRST = re.compile(rf"^(?P<name>{_WORD}),\s+(?i:{_GREETS})\b")


def _named(text: str) -> list[str]:
    """The names a turn greets or thanks, as written."""
    text = text.replace("’", "'")
    names = [match.group("name") for match in _ADDRESSED.finditer(text)]
    names += [m.group("name") for m in _CHECKED.finditer(text) if is_first_name(m.group("name"))]
    first = _NAME_FIRST.match(text)
    if first and is_first_name(first.group("name")):
        names.append(first.group("name"))
    return names


def _a_name(word: str, not_names: frozenset[str]) -> bool:
    """Where a greeting puts a name only a person stands, as in ``hide_unplaced_names``: any
    word but a group ("Hi All"), a day ("Thanks, Tuesday.") or one the call uses as no one."""
    low = word.casefold()
    if only_a_name(word):
        return True
    return len(low) > 1 and low not in not_names and low not in _GROUPS and low not in CALENDAR


def greeted_name(
    other_side: Sequence[str], not_names: Iterable[str] = (), common: Iterable[str] = ()
) -> str | None:
    """The one first name ``other_side``'s first turns call someone, else None (none said, or
    two: "Hi Paul, hi Sarah" greets two people behind one label). ``not_names``: words that
    name no one here (the account's); ``common``: words the call writes in lower case."""
    skip = frozenset(word.casefold() for word in [*not_names, *common])
    said = {
        name for text in other_side[:GREETING_TURNS] for name in _named(text) if _a_name(name, skip)
    }
    return next(iter(said)) if len(said) == 1 else None
