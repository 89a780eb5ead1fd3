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
