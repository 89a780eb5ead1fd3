"""Words that name a language or a people (``pipeline/data/peoples.toml``).

Why its own room: rival spotting asks whether "English" is a product (it is not), and redaction
whether it is a person (it is not): "a portal in English, she's not going to send that" had read
"a portal in [name]" in a published FAQ, as "German" on the first-name list hid the language.
"""

from __future__ import annotations

import functools
import tomllib
from importlib import resources


@functools.cache
def _peoples() -> dict[str, frozenset[str]]:
    """``peoples.toml`` by key: ``languages``, ``nationalities``, ``people_nouns``."""
    text = resources.files("pipeline").joinpath("data", "peoples.toml").read_text("utf-8")
    data = tomllib.loads(text)
    return {key: frozenset(word.casefold() for word in words) for key, words in data.items()}


@functools.cache
def _words(keys: tuple[str, ...]) -> frozenset[str]:
    return frozenset().union(*(_peoples()[key] for key in keys))


def _listed(name: str, keys: tuple[str, ...]) -> bool:
    """Is ``name`` (any case, spacing, or plural: "Americans") under one of ``keys``?"""
    key = " ".join(name.casefold().split())
    return key in _words(keys) or (key.endswith("s") and key[:-1] in _words(keys))


def names_a_people(name: str) -> bool:
    """A language or a people ("English", "Americans", "South African", "a Dane")."""
    return _listed(name, ("languages", "nationalities", "people_nouns"))


def names_a_language_or_nationality(word: str) -> bool:
    """A language or a nationality's adjective ("Spanish", "Welsh", "German"): no one's first
    name. Not a noun for one person ("Finn", "Dane"), which some people are called."""
    return _listed(word, ("languages", "nationalities"))


def names_a_language(word: str) -> bool:
    """A language's name ("Spanish", "Welsh"), whatever people it also names: what a buyer
    speaks, not where they are ("half our families only speak Spanish")."""
    return _listed(word, ("languages",))
