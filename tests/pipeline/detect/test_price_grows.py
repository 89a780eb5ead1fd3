"""A price said to grow with the buyer's volume or to hurt them is a confident price objection
(review 21e item 6: "a per-order price basically punishes us for peak" had been 0.28, below
what the pricing explainer answers)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.topics import says_the_cost_grows
from pipeline.detect.verdict import STATEMENT_SURE
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

COST_GROWS = [
    "Per order is going to hurt us.",
    "In November we ship four times our normal volume, so a per-order price basically punishes"
    " us for peak.",
    "A per-patient fee doubles our bill in flu season.",
    "Per-booking pricing kills us in August when we're full.",
    "The per-user cost balloons every time we bring on temps for tax season.",
    "Per-site fees go up with every job we win.",
    "A price that scales with our covers would eat into our margins at Christmas.",
    "With per-shipment pricing our bill triples in Q4.",
]

COST_STEADY = [
    "The per-seat price is fine, but the move would take us months.",
    "We ship four times our normal volume in November.",
    "Your price is about what we expected.",
    "Per order is fine for a shop our size.",
]


@pytest.mark.parametrize("sentence", COST_GROWS)
def test_a_price_said_to_grow_or_hurt(sentence: str) -> None:
    assert says_the_cost_grows(sentence)


@pytest.mark.parametrize("sentence", COST_STEADY)
def test_a_steady_or_fine_price_does_not_grow(sentence: str) -> None:
    assert not says_the_cost_grows(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_a_price_that_punishes_the_peak_is_a_confident_price_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    """As said on the call, after the rep gave the pricing."""
    turn = (
        "Per order is going to hurt us. In November we ship four times our normal volume, so a"
        " per-order price basically punishes us for peak."
    )
    found = detector.detect_utterances(
        [
            Line(1, "rep", "It's an order-volume tier plus a per-user fee."),
            Line(2, "buyer", turn),
        ]
    )
    kinds = [d for d in found[2] if d.kind not in ("competitor", "why_now")]
    assert [(d.kind, d.category) for d in kinds] == [("objection", "price")] * 2
    assert all(d.confidence >= STATEMENT_SURE for d in kinds)
