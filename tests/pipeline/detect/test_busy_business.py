"""The buyer's business said with how busy it is (``busy_business.describes_a_busy_business``,
``[busy_business]`` in ``cues.toml``): today's set-up. Issue 16: "We're a cat and dog grooming
salon with four tables, and the phone never stops." had been an adoption objection. A worry, a
pain or a word about us beside it keeps it the model's."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.busy_business import describes_a_busy_business
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

BUSY = [
    "We're a four-chair barber shop, and the phone never stops on a Saturday.",  # barbers
    "We're a small vets in Kendal with two consulting rooms, and we're flat out.",  # vets
    "We're a family-run removals company, and the diary never slows down in August.",  # removals
    "We're a five-accountant practice and we're rushed off our feet in January.",  # accountants
]
NOT_JUST_BUSY = [
    "We're a small salon and the phone never stops, so I can't see anyone learning it.",
    "We're a tiny florist and we're flat out, so would it cost us more?",
    "We're a busy practice.",  # no busy clause: the model's
    "The phone never stops.",  # no business said
]


@pytest.mark.parametrize("sentence", BUSY)
def test_a_busy_business_is_described(sentence: str) -> None:
    assert describes_a_busy_business(sentence)


@pytest.mark.parametrize("sentence", NOT_JUST_BUSY)
def test_a_worry_or_no_self_description_is_not(sentence: str) -> None:
    assert not describes_a_busy_business(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_set_up(detector: RuleEmbeddingDetector) -> None:
    lines = [Line(i, "buyer", text, call_id=i) for i, text in enumerate(BUSY)]
    found = buyer_verdicts(detector, lines)
    assert {t: found[t][0] for t in BUSY} == dict.fromkeys(BUSY, "current_setup")
