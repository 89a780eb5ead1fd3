"""A name's other words beside its placeholder: the first name before it.

Why: the name list hid "Kelly", a possessive "Mensah's", and the word before was left to name
her: "Grace Kelly handles it" had read "Grace [name] handles it", "Joy [name]'s team". A
capitalised word right before a placeholder joins it unless it is no one's name there
(``name_leads.no_one``: "Ask [name]", "Dr [name]", "Monday [name]") or a thing's word ("the
Acme [name] account").
"""

from __future__ import annotations

import re
from collections.abc import Collection

from pipeline.first_names import is_first_name
from pipeline.name_leads import hide_after_opening_verbs, leads_a_name, no_one
from pipeline.person_positions import (
    NAME,
    WORD,
    hide_unplaced_names,
    tied_names,
)
from pipeline.surnames import hide_surnames
from pipeline.word_names import stands_for_a_thing

_BEFORE_PLACEHOLDER = re.compile(rf"(?<![\w'’.-])(?P<word>{WORD})[ \t]+(?={re.escape(NAME)})")
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
    to, a first name before the placeholder and a surname after it.
    ``common`` (case-folded) are words the caller knows as no one's (brands, accounts)."""
    text = hide_after_opening_verbs(text, common)
    return hide_surnames(hide_first_names(text, common), common)


def hide_first_names(text: str, common: Collection[str] = ()) -> str:
    """``text`` with a first name right before a placeholder joined to it."""
    if NAME not in text:
        return text

    def joined(match: re.Match[str]) -> str:
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


def _asks(text: str, start: int, word: str) -> bool:
    """Does ``word`` at ``start`` open a question as its modal ("Will [name] be there?")?"""
    return bool(
        _ASKS.fullmatch(word)
        and _SENTENCE_OPENS.search(text[:start])
        and _QUESTION.match(text, start)
    )
