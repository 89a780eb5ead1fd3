"""An SEO brief's keywords stand alone: no n-gram across two clauses, no contraction, no
dangling preposition, and a general brief does not target a rival (review 19c)."""

from __future__ import annotations

import pytest

from pipeline.content.buyer_phrases import buyer_phrases
from pipeline.content.seo_keywords import searchable, target_keywords


@pytest.mark.parametrize(
    "phrase",
    [
        "seventies and they'll",
        "clinicians that adds",
        "february and nothing",
        "double what smileslot",
        "gets approved before",
        "definitely losing new",
    ],
)
def test_a_phrase_across_a_clause_is_no_keyword(phrase: str) -> None:
    assert not searchable(phrase)


@pytest.mark.parametrize(
    "phrase", ["late cancellations", "online booking", "retrain the front desk"]
)
def test_a_noun_phrase_or_a_verb_and_its_object_is_one(phrase: str) -> None:
    assert searchable(phrase)


def test_a_general_brief_targets_no_rival_by_name() -> None:
    phrases = ["smileslot charges", "late cancellations", "online booking"]
    assert target_keywords(phrases, ["SmileSlot"], about_rival=False)[0] == "late cancellations"
    assert target_keywords(phrases, ["SmileSlot"], about_rival=True)[0] == "smileslot charges"


def test_phrases_said_once_stay_inside_a_clause() -> None:
    texts = [
        (1, 1, "The board meets in February and nothing gets approved before that."),
        (2, 2, "For twenty-two clinicians that adds up quickly."),
    ]
    found = [p.text for p in buyer_phrases(texts, 40)]
    assert found
    assert not [p for p in found if " and " in f" {p} " or p.endswith(" before")]


@pytest.mark.parametrize(
    "phrase",
    [
        "end of march",  # a marina's renewal deadline had been a secondary keyword
        "next season",
        "after christmas",
        "before easter",
        "first week of june",
        "mid january",
        "over the summer",
        "monday mornings",
        "early spring",
        "start of term",
        "after harvest",
        "busy season",
        "end of the month",
        "night before valentine's",  # a florist's rush had been a van-tracking keyword
        "week after launch",
        "day before inspection",
    ],
)
def test_a_date_or_a_time_is_no_keyword(phrase: str) -> None:
    """A month, a weekday or a phrase of time words only says when, not what anyone searches."""
    assert not searchable(phrase)


@pytest.mark.parametrize(
    "phrase",
    [
        "winter storage",
        "weekend bookings",
        "summer camp software",
        "holiday lets",
        "seasonal staff",
        "evening classes",
        "harvest planning",
        "term dates",
        "funeral notices",
        "donor letters",
        "first aid training",
    ],
)
def test_a_thing_said_with_a_time_word_stays_a_keyword(phrase: str) -> None:
    assert searchable(phrase)
