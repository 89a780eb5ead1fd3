"""A name's other words beside its placeholder: the first name or initial before it.

Why: the name list hid "Kelly", a possessive "McAllister's", a person's doing "Okoro signed",
and the word before was left to name her: "Grace Kelly handles it" had read "Grace [name]
handles it", "Catriona [name]'s crew", "J. [name] signed". A capitalised word right before a
placeholder joins it unless it is no one's name there (``name_leads.no_one``: "Ask [name]",
"Dr [name]", "Monday [name]") or a thing's word ("the Acme [name] account"); an initial joins
it unless it labels a thing ("Plan B."), and makes a name of a word no vocabulary knows ("to
K. Mensah in accounts").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.first_names import is_first_name
from pipeline.name_leads import hide_after_opening_verbs, leads_a_name, no_one
from pipeline.person_positions import (
    NAME,
    PARTICLE,
    WORD,
    english_words,
    hide_unplaced_names,
    is_english,
    tied_names,
)
from pipeline.surnames import hide_surnames
from pipeline.word_names import stands_for_a_thing

_INITIAL = r"(?<![\w.'’-])[A-HJ-Z]\."  # not "I.": "so did I. Dana said" ends a sentence
_BEFORE_PLACEHOLDER = re.compile(
    rf"(?:(?P<initial>{_INITIAL})|(?<![\w'’.-])(?P<word>{WORD}))[ \t]+(?={re.escape(NAME)})"
)
# A particle between two placeholders is the surname's: "[name] de la [name]" is one person.
_PARTICLE_BETWEEN = re.compile(rf"{re.escape(NAME)}[ \t]+{PARTICLE}[ \t]+(?={re.escape(NAME)})")
_INITIALLED = re.compile(rf"{_INITIAL}[ \t]+(?P<word>{WORD})(?![\w'’-]|['’][a-rt-z])")
# A letter that labels a thing, not a person's initial: "Plan B. Okafor said", "Option C."
_LABEL_BEFORE = re.compile(
    r"(?<![\w'’])(?i:plan|option|type|grade|class|vitamin|tier|phase|part|section|block|unit|"
    r"level|stage|step|appendix|schedule|group|model|size|version|room|gate|bay|dock)[ \t]+$"
)
# A modal opening a question: "Will [name] be on the call?" asks; "Will [name] signs" names.
_ASKS = re.compile(r"(?i:will|may)")
_QUESTION = re.compile(r"[^.!?\n]*\?")
_SENTENCE_OPENS = re.compile(r"(?:^|[.!?]\s+|\n\s*)$")


def hide_people(text: str, common: Collection[str] = ()) -> str:
    """``text`` with each person no list names hidden where the sentence treats the word as
    one (``hide_unplaced_names``), with all the words of their name (``hide_name_parts``)."""
    text = hide_unplaced_names(text, common=common, is_name=is_first_name, leads=leads_a_name)
    return hide_name_parts(text, common)


def tied_people(text: str, common: Collection[str] = ()) -> list[str]:
    """The people ``text`` names by a role or a pronoun, no leading verb with them."""
    return tied_names(text, common=common, is_name=is_first_name, leads=leads_a_name)


def hide_name_parts(text: str, common: Collection[str] = ()) -> str:
    """``text`` with a person's every word in one placeholder: whom an opening verb is said
    to, a name after an initial, a first name before the placeholder and a surname after it.
    ``common`` (case-folded) are words the caller knows as no one's (brands, accounts)."""
    text = hide_after_opening_verbs(text, common)
    text = hide_initialled(text, common)
    text = hide_surnames(hide_first_names(text, common), common)
    return _PARTICLE_BETWEEN.sub("", text)


def hide_first_names(text: str, common: Collection[str] = ()) -> str:
    """``text`` with a first name or an initial right before a placeholder joined to it."""
    if NAME not in text:
        return text

    def joined(match: re.Match[str]) -> str:
        if match.group("initial"):
            return match.group(0) if _LABEL_BEFORE.search(text[: match.start()]) else ""
        start, end = match.span("word")
        word = match.group("word")
        if (
            no_one(word, text, common)
            or stands_for_a_thing(text, start, end, common)
            or _asks(text, start, word)
        ):
            return match.group(0)
        return ""

    return _BEFORE_PLACEHOLDER.sub(joined, text)


def hide_initialled(text: str, common: Collection[str] = ()) -> str:
    """``text`` with an initial and the word after it hidden, where that word is a first name
    or no English word ("J. Okoro", "K. Mensah"): "J. Smith" and "Plan B. Monday" stay."""
    english = english_words()
    if not english:
        return text

    def hidden(match: re.Match[str]) -> str:
        word = match.group("word")
        if (
            no_one(word, text, common)
            or (is_english(word, english) and not is_first_name(word))
            or _LABEL_BEFORE.search(text[: match.start()])
        ):
            return match.group(0)
        return NAME

    return _INITIALLED.sub(hidden, text)


def _asks(text: str, start: int, word: str) -> bool:
    """Does ``word`` at ``start`` open a question as its modal ("Will [name] be there?")?"""
    return bool(
        _ASKS.fullmatch(word)
        and _SENTENCE_OPENS.search(text[:start])
        and _QUESTION.match(text, start)
    )
