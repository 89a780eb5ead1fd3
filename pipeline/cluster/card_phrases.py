"""A theme card's "Buyers say": the words its buyers use for it, as a reader of the card will
take them, words of the language the card is written in or words several buyers share.

Why its own room: the home page had shown "mfa" "problem" "adjointes" "app" for a theme where
one Québec buyer's French word ("Our adjointes, the assistants, ...") ranked among its
keywords: a word said on one call and in no English word list reads as noise or a typo.
"""

from __future__ import annotations

import re

from pipeline.cluster.keywords import keyword_terms
from pipeline.cluster.phrases import extract_phrases
from pipeline.cluster.representative import says_what
from pipeline.cluster.stats import MentionRow
from pipeline.person_positions import english_words, is_english

CARD_PHRASES = 4
BUYER_ROLES = frozenset({"buyer", "unknown"})  # whose words a card's phrases may be
SHARED_CALLS = 2  # calls a phrase of no English word list is said on to be the buyers' own
_LETTERS = re.compile(r"[^\W\d_]+")


def buyer_card_phrases(rows: list[MentionRow], keywords: list[str]) -> list[str]:
    """A card's "Buyers say": phrases its buyers repeat, else those of its keywords they said.
    A rep's note is no buyer's words ("Signed 12 seats." had put "12 seats" on a card), a
    phrase that says no what ("let", "guys", "every order": ``says_what``) is none either, and
    nor is one only a single call says in words of no English word list (``reads_as_said``)."""
    said = [(r.utterance_id, r.call_id, r.text) for r in rows if r.role in BUYER_ROLES]
    found = extract_phrases(said, min_count=2, top=4 * CARD_PHRASES)
    telling = [
        p.phrase for p in found if says_what(p.phrase) and reads_as_said(p.phrase, p.distinct_calls)
    ][:CARD_PHRASES]
    if telling:
        return telling
    calls: dict[str, set[int]] = {}
    for _, call_id, text in said:
        for term in keyword_terms(text):
            calls.setdefault(term, set()).add(call_id)
    return [k for k in keywords if k in calls and says_what(k) and reads_as_said(k, len(calls[k]))][
        :CARD_PHRASES
    ]


def reads_as_said(phrase: str, calls: int) -> bool:
    """Whether a card may show ``phrase`` as its buyers' words: each of its words is an English
    word (the embedder's vocabulary, ``english_words``), or ``SHARED_CALLS`` calls or more say
    it: "MFA" said on four calls is the buyers' word, "adjointes" said on one is one buyer's
    French. Without a word list, any phrase reads."""
    english = english_words()
    if calls >= SHARED_CALLS or not english:
        return True
    return all(is_english(word, english) for word in _LETTERS.findall(phrase))
