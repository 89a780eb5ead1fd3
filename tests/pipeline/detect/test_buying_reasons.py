"""The part the buyer would buy us for ("That's the bit I'd pay for.", "The reminders are what
would sell it to me.") is praise of a part of ours, ``other``, as the labelled sets have "That's
what sold me." and "That's the bit that would save me."; the model had read them as price,
integrations or adoption objections. A part they would not pay for stays an objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, asides
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

BUYING_REASONS = [
    "Honestly that's the bit I'd buy it for.",
    "The reminders are what would sell it to me.",  # dental clinic
    "That's the one part I'd pay for.",
    "The stock alerts are the bit I'd actually pay for.",  # brewery
    "That's the feature I'd buy it for, the online booking.",  # salon
    "The deposit taking is what would sell it to the partners.",  # accountants
    "Honestly the keg tracking alone would be worth the money.",  # brewery
    "The automatic chasing is the bit I'd pay for.",  # lettings
    "That's really the bit that sells it for me.",  # gym
    "The parent app is what I'd be buying it for.",  # school
    "Route planning is the thing we'd be paying for.",  # logistics
    "The permit tracking is what would sell it to the council.",  # council
]
NOT_A_BUYING_REASON = [
    "That's not something I'd pay for.",
    "I wouldn't pay extra for that.",
    "I'd never pay for the reporting module.",
    "That's not worth the money to us.",
    "The reminders aren't what I'd pay for.",
    "Is that the bit I'd be paying extra for?",
]


@pytest.mark.parametrize("sentence", BUYING_REASONS)
def test_the_part_they_would_buy_us_for_is_praise(sentence: str) -> None:
    assert asides.praises_us(sentence)


@pytest.mark.parametrize("sentence", NOT_A_BUYING_REASON)
def test_a_part_they_would_not_pay_for_is_not(sentence: str) -> None:
    assert not asides.praises_us(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_no_objection(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, BUYING_REASONS)
    assert {text: kind for text, kind in kinds.items() if kind != "other"} == {}


def test_a_part_not_worth_paying_for_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, NOT_A_BUYING_REASON[:4])
    assert {text: kind for text, kind in kinds.items() if kind != "objection"} == {}
