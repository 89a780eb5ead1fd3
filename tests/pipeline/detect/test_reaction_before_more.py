"""A bare reaction or filler that opens a turn with more after it ("Hmm. Budget is frozen until
April, the county cut our funding rate.") is ``other``: the sentences after it say what it meant
(review 23l item 5: "Hmm." had been stored as a second price objection). What follows keeps its
own kind."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# (the rep's price or answer, the buyer's turn opening on a reaction)
TURNS = [
    (
        "It's two hundred and forty pounds a month for all three vans.",
        "Hmm. That's more than we pay the mechanic.",
    ),
    (
        "The per-seat price is nineteen dollars for every stylist.",
        "Hm. We have twelve part-time stylists, so that adds up fast.",
    ),
    (
        "We don't integrate with Sage yet, it's on the roadmap.",
        "Oh. Our bookkeeper lives in Sage, so that's a problem.",
    ),
    (
        "Setup usually takes about six weeks for a clinic your size.",
        "Ouch. We open the second surgery in a month.",
    ),
    (
        "The contract is a three-year term, billed annually.",
        "Wow. We've never signed anything longer than a year.",
    ),
    (
        "It's eleven hundred a year for the warehouse plan.",
        "Um. The owner will want to see that in writing first.",
    ),
    (
        "Pricing starts at ninety euros per site per month.",
        "Gosh. We have fourteen sites, so that's a lot.",
    ),
    (
        "There's a one-off onboarding fee of fifteen hundred.",
        "Yikes. Nobody mentioned an onboarding fee on the first call.",
    ),
    (
        "Each terminal is an extra thirty dollars a month.",
        "Hmm, right. We run nine terminals across the two bars.",
    ),
    (
        "We bill per vehicle, so forty trucks is forty licences.",
        "Erm. Half those trucks sit in the yard all winter.",
    ),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(("rep", "buyer"), TURNS)
def test_a_reaction_before_more_is_other(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
    kinds = [d.kind for d in found if d.kind not in ("competitor", "why_now")]
    assert kinds[0] == "other"
    assert len(kinds) == 2  # what follows is read on its own


def test_what_follows_the_reaction_keeps_its_objection(detector: RuleEmbeddingDetector) -> None:
    rep, buyer = TURNS[1]
    found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
    kinds = [d.kind for d in found if d.kind not in ("competitor", "why_now")]
    assert kinds == ["other", "objection"]
