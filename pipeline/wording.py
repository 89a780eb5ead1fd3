"""Counted nouns read right everywhere ("1 call", "2 calls"): the web pages' ``plural`` filter,
the CLI and the API messages all use :func:`plural`."""

from __future__ import annotations

import re

_SIBILANT = re.compile(r"(s|sh|ch|x|z)$")
_CONSONANT_Y = re.compile(r"[^aeiou]y$")


def plural_of(word: str) -> str:
    """The regular English plural of a singular noun (a phrase: of its last word)."""
    if _CONSONANT_Y.search(word):
        return word[:-1] + "ies"
    if _SIBILANT.search(word):
        return word + "es"
    return word + "s"


def plural(count: int, word: str, many: str | None = None) -> str:
    """``"1 call"``, ``"0 calls"``, ``"3 replies"``; ``many`` for an irregular plural."""
    return f"{count} {word if count == 1 else many or plural_of(word)}"
