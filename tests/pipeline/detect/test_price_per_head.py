"""A price by the head refused, whatever the head is (``topics.refuses_a_price_per_head``,
``[price_per_head]`` in ``cues.toml``): a price objection. Issue 16: "I'm not paying per groomer
when one of mine only works Saturdays." had been a set-up-time objection and a pain (the unit
and the staff pulled it there). Paying per head said to be fine, or what the buyer pays their own
people, is not."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.topics import refuses_a_price_per_head
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

REFUSED = [
    "I'm not paying per hygienist when two of ours only do Saturday mornings.",  # dentists
    "We won't pay per van when three of them sit in the yard all winter.",  # removals
    "Why would we pay per stylist when half of them are part-timers?",  # salons
    "I'm not forking out per bookkeeper for the temps we take on in January.",  # accountants
    "There's no way I'm paying for every seasonal picker.",  # farms
    "Paying per trainer makes no sense when most of ours only do two classes a week.",  # gyms
]
NOT_REFUSED = [
    "Paying per seat is fine by us.",
    "Our drivers get paid per drop.",
    "We pay per user with the old system too.",
    "Do you charge per florist or per shop?",
]


@pytest.mark.parametrize("sentence", REFUSED)
def test_a_price_per_head_refused_is_told(sentence: str) -> None:
    assert refuses_a_price_per_head(sentence)
    assert plain_topic(sentence, "setup_time") == "price"


@pytest.mark.parametrize("sentence", NOT_REFUSED)
def test_paying_per_head_without_a_refusal_is_not(sentence: str) -> None:
    assert not refuses_a_price_per_head(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_price_objection(detector: RuleEmbeddingDetector) -> None:
    lines = [Line(i, "buyer", text, call_id=i) for i, text in enumerate(REFUSED)]
    assert buyer_verdicts(detector, lines) == dict.fromkeys(REFUSED, ("objection", "price"))
