"""The products a rep names under a "Competitor:" label or field, written as a list or as
prose ("Trakkio, RouteMate", "currently quoted by Trakkio and RouteMate", "looking at FleetPilot
and Verizon Connect"): each capitalised name is a rival of the call.

Why: "Competitor: currently quoted by Trakkio and RouteMate." had been stored as the rep's
record with no rival in it, so the call was missing from the Trakkio comparison; the same words
in a header's field had been one rival of that whole name. Guessing names from how buyers speak
is ``competitors``'s; here the label has already said what the names are.
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES
from pipeline.first_names import only_a_name
from pipeline.language import opens_a_clause
from pipeline.peoples import names_a_people
from pipeline.person_positions import english_words

_NOT_NAMES = frozenset(CUES["competitor"]["not_names"])
# A run of capitalised words, or a word and a number ("Sage 50", not the "2" of "Azuga 2 yrs").
_RUN = re.compile(
    r"(?<![\w'’@./-])[A-Z][\w&.+'’-]*[\w+]"
    r"(?:[ \t]+(?:[A-Z][\w&.+'’-]*[\w+]|\d+\b(?![ \t]+[a-z])))*"
)
# A value that names none: "None", "n/a", "No one yet", "Not yet".
_NONE = re.compile(r"^\W*(?:none|nobody|no one|nothing|n/?a|not yet|no)\b", re.IGNORECASE)
_SENTENCE_END = re.compile(r"(?:^|[.!?:;]\s+)$")
_LOWER_NEXT = re.compile(r"[ \t]+[a-z]")


def listed_rivals(value: str) -> list[str]:
    """The product names in a competitor field's value, in the order written."""
    if _NONE.match(value):
        return []
    names: list[str] = []
    for run in _RUN.finditer(value):
        words = run.group().split()
        while words and _no_name(words[0]):
            words.pop(0)
        if not words or _opens_the_sentence(value, run, words):
            continue
        name = " ".join(words)
        if name not in names and not (len(words) == 1 and _a_person_or_people(name)):
            names.append(name)
    return names


def _no_name(word: str) -> bool:
    """A capitalised word that starts no product's name: "Currently", "Both", "The"."""
    return word.casefold() in _NOT_NAMES or opens_a_clause(word)


def _opens_the_sentence(value: str, run: re.Match[str], words: list[str]) -> bool:
    """An English word capitalised only because it opens the sentence, prose going on after
    it: "Quoted by Trakkio", not "Jobber, Housecall Pro"."""
    return (
        len(words) == 1
        and bool(_SENTENCE_END.search(value[: run.start()]))
        and words[0].casefold() in english_words()
        and bool(_LOWER_NEXT.match(value, run.end()))
    )


def _a_person_or_people(word: str) -> bool:
    """A first name that is no ordinary word ("Dave"), or a people ("British")."""
    return only_a_name(word) or names_a_people(word)
