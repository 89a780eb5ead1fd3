"""A buyer's surname after their hidden first name: "Talk to Marie Broussard" had read "Talk to
[name] Broussard" in every export, the first name hidden by the name list and the surname,
which no list knows, left to name her. A capitalised word right after a placeholder that is no
English word (the bundled vocabulary of words, places, days and common names) and no brand or
account of the workspace (``common``) is taken for the surname and joins the placeholder.
Surnames that are also words ("Brown", "Walker") stay: the vocabulary cannot tell them apart
from the words, and hiding "[name] Street" or "[name] Monday" would lose meaning.
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.person_positions import english_words

# "Broussard", "O'Sullivan", "McKenna", "Okafor-Reyes"; a possessive's "'s" is left after it.
_PART = r"[A-Z][a-z]*(?:['’]?[A-Z][a-z]+)?"
_AFTER_PLACEHOLDER = re.compile(rf"(\[name\])([ \t]+)({_PART}(?:-{_PART})?)(?![\w-])")


def hide_surnames(text: str, common: Collection[str] = ()) -> str:
    """``text`` with each surname that follows a name placeholder joined to it."""
    if "[name]" not in text:
        return text
    vocabulary = english_words()
    if not vocabulary:  # no vocabulary to tell a word from a surname: leave the text be
        return text

    def joined(match: re.Match[str]) -> str:
        word = match.group(3)
        parts = [p.lower() for p in word.split("-")]
        if len(word) < 3 or word.lower() in common or all(p in vocabulary for p in parts):
            return match.group(0)
        return match.group(1)

    return _AFTER_PLACEHOLDER.sub(joined, text)
