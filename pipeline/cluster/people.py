"""People in theme names: a theme is what its buyers say, never whom they say it to or of.

Why: a question put to the rep Dana had named a theme "Buyer worries (dana)" and one naming a
buyer's colleague "Can you send me something I can show Ruth's sister": a name that says a
person tells a marketer nothing of the theme, and a document heading it would name someone.
The people are the calls' (speakers, attendees, our reps and team: ``redact.call_people``)
and any first name the project knows (``pipeline/data/first_names.toml``), in any case.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Sequence

from pipeline.first_names import is_also_a_word_name, is_first_name, only_a_name
from pipeline.person_positions import TITLE

_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_POSSESSIVE = re.compile(r"['’]s?$")
_TITLE = re.compile(rf"^{TITLE}$")
# A word said as a name inside a sentence: after a lower-case word, a figure or a comma.
_INSIDE = r"(?<=[a-z0-9,;] )"
# Said before a vocative at a sentence's start: "Hi Dana, ...", "OK Callum, ...".
_GREETING = r"(?:(?:hi|hey|hello|thanks|thank you|cheers|ok|okay|right|look|so|well|oh)[ \t]+)?"


def person_words(names: Iterable[str]) -> frozenset[str]:
    """The words of people's names, case-folded ("Dana Whitcombe": "dana", "whitcombe"),
    titles aside ("Dr. Nina Patel" is no "dr")."""
    return frozenset(
        word.casefold()
        for name in names
        for word in _WORD.findall(name)
        if len(word) > 1 and not _TITLE.match(word)
    )


def _bare(word: str) -> str:
    """The word without a possessive ("Ruth's" is "Ruth")."""
    return _POSSESSIVE.sub("", word)


def only_a_persons(word: str, people: Collection[str]) -> bool:
    """Whether ``word`` names a person wherever it stands, in any case: a first name that is no
    ordinary word ("dana"), or one of the calls' people's that is none either ("whitcombe")."""
    bare = _bare(word)
    return only_a_name(bare) or (bare.casefold() in people and not is_also_a_word_name(bare))


def _said_as_a_name(word: str, texts: Sequence[str]) -> bool:
    """Whether the texts say ``word`` capitalised inside a sentence, as a name is said."""
    said = re.compile(_INSIDE + re.escape(word[:1].upper() + word[1:]) + r"(?![\w])")
    return any(said.search(text) for text in texts)


def names_a_person(
    name: str,
    texts: Sequence[str] = (),
    people: Collection[str] = frozenset(),
    rivals: Sequence[str] = (),
) -> bool:
    """Whether a theme's name (or keyword) says someone's name: a word that is only a name
    (``only_a_persons``), or a first name or one of the calls' people's that is also a word
    ("Mark", "Callum") where it stands as a name: capitalised after the name's first word, or
    said capitalised inside a sentence of its ``texts``. A rival's word is none ("Jane App")."""
    theirs = {w.casefold() for rival in rivals for w in _WORD.findall(rival)}
    for position, word in enumerate(_WORD.findall(name)):
        bare = _bare(word)
        folded = bare.casefold()
        if folded in theirs:
            continue
        if only_a_persons(bare, people):
            return True
        if (folded in people or is_first_name(bare)) and (
            (position and bare[:1].isupper()) or _said_as_a_name(folded, texts)
        ):
            return True
    return False


def _vocative(word: str, people: Collection[str]) -> bool:
    """Whether a word set off by commas can be the person spoken to: a name only, or
    capitalised and a first name or one of the calls' people's."""
    return only_a_persons(word, people) or (
        word[:1].isupper() and (is_first_name(word) or word.casefold() in people)
    )


def without_vocatives(text: str, people: Collection[str] = frozenset()) -> str:
    """``text`` without the person it is said to ("Dana, can you...", "..., Callum?",
    "Well, Nia, the thing is..."): whom a buyer asks names no theme."""

    def opening(match: re.Match[str]) -> str:
        if not _vocative(match.group("name"), people):
            return match.group(0)
        rest = match.group("rest")
        return match.group("lead") + rest[:1].upper() + rest[1:]

    def inside(match: re.Match[str]) -> str:
        return match.group("end") if _vocative(match.group("name"), people) else match.group(0)

    said = re.sub(
        r"(?P<lead>^|[.!?][ \t]+)(?i:" + _GREETING + r")(?P<name>[^\W\d_][\w'’-]*)[ \t]*,[ \t]*"
        r"(?P<rest>\S)",
        opening,
        text,
    )
    return re.sub(r",[ \t]*(?P<name>[^\W\d_][\w'’-]*)[ \t]*(?P<end>[,.!?…]|$)", inside, said)
