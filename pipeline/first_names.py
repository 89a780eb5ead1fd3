"""The first-name list (``pipeline/data/first_names.toml``): which words are people's first
names, and where in a sentence the speech says one.

Why its own room: redaction, rival spotting and quote reading all ask "is this a first name?",
and a name that is also a word ("Bill", "Mark") asks where it stands (``word_names.py``).
"""

from __future__ import annotations

import functools
import re
import tomllib
from importlib import resources

from pipeline.peoples import names_a_language_or_nationality
from pipeline.person_positions import DOES, english_words
from pipeline.word_names import is_also_a_word


@functools.cache
def _first_names() -> dict[str, list[str]]:
    """``pipeline/data/first_names.toml``: ``anywhere`` and ``mid_sentence`` first names, less
    languages and nationalities: the census's "German" had hidden "a portal in German"."""
    text = resources.files("pipeline").joinpath("data", "first_names.toml").read_text("utf-8")
    return {
        kind: [name for name in names if not names_a_language_or_nationality(name)]
        for kind, names in tomllib.loads(text).items()
    }


@functools.cache
def _first_name_set() -> frozenset[str]:
    return frozenset(n.casefold() for names in _first_names().values() for n in names)


def is_first_name(word: str) -> bool:
    """Whether a word is a person's first name (none of them an ordinary word): "Marcus has it"
    names a person, not a product."""
    return word.casefold() in _first_name_set()


@functools.cache
def _anywhere_names() -> frozenset[str]:
    return frozenset(n.casefold() for n in _first_names()["anywhere"])


def only_a_name(word: str) -> bool:
    """A first name that is no ordinary word: "jake", not "mark", "bill" or "grant"."""
    return word.casefold() in _anywhere_names()


@functools.cache
def spoken_names() -> re.Pattern[str]:
    """A first name the speech says, whoever it is ("I'd need to run it past Angela"): no call
    lists her, so no speaker label or CRM column could have named her. A name that is also a
    word ("Grant", "Mark") only inside a sentence, where its capital says it is a name
    (``pipeline/data/first_names.toml``, made by ``examples/make_first_names.py``)."""
    lists = _first_names()

    def either(names: list[str]) -> str:
        return "|".join(map(re.escape, sorted(names, key=len, reverse=True)))

    return re.compile(
        rf"(?<![\w'’@.-])(?:{either(lists['anywhere'])}"
        rf"|(?<=[a-z0-9,;] )(?:{either(lists['mid_sentence'])})"
        # at a sentence's start, when a person's doing follows: "Frank wasn't willing to sign"
        rf"|(?:{either(lists['mid_sentence'])})(?={DOES}))(?![\w@-])"
    )


def is_also_a_word_name(word: str) -> bool:
    """A first name or surname that is an ordinary word too ("Bill", "Grace", "Price"), so
    where it stands decides whether it names someone; never a name only ("Dana", "Jake")."""
    if word.casefold() in _mid_sentence_names():
        return True
    return is_also_a_word(word, english_words(), _anywhere_names())


@functools.cache
def _mid_sentence_names() -> frozenset[str]:
    return frozenset(n.casefold() for n in _first_names()["mid_sentence"])
