"""The deal put off to a time named because the buyer is busy now
(``topics.puts_it_off_while_busy``, ``[busy_now]`` in ``cues.toml``): a timing objection, as
the labelled sets have it ("We're flat out until Christmas ..., so call me again in January.",
"Tax season is killing us, can we talk again in May?"). "Let's pick this up again after the
January sales, it's manic right now." had been ruled a next step (small talk at 0.99)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.rules import settles_it
from pipeline.detect.topics import puts_it_off_while_busy
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

PUT_OFF_WHILE_BUSY = [
    "Let's pick this up again after the January sales, it's manic right now.",
    "We're flat out until Christmas, so call me again in January.",
    "It's mad at the moment with harvest, can we talk again in October?",
    "Things are crazy right now, let's speak after the summer.",
    "We're swamped until the tender goes in, give me a call in November.",
    "Honestly it's hectic this time of year, try me again after Easter.",
    "I'm snowed under right now, let's catch up in the new year.",
    "We're slammed at the moment with year-end, circle back in April.",
    "It's chaos right now with the lettings season, talk again in September.",
    "Everything's full-on at the moment, let's reconnect after half-term.",
    "We're run off our feet until the audit, so pick this up next quarter.",
    "The shop is rammed till Boxing Day, we're flat out until the new year really.",
]
# Busy, or a next step with a time, but not both; or asked: not this rule's.
NOT_PUT_OFF = [
    "It's been a crazy week with court deadlines.",
    "Let's talk again in two weeks.",
    "Send us the proposal and we'll talk again in January.",
    "We're flat out, which is why we need something like this.",
    "Are you flat out until Christmas too?",
    "It's manic right now, the phones haven't stopped.",
    "Let's start in April.",
    "We close early on Sundays.",
    "The busy season starts in May.",
    "We were swamped last year and the spreadsheet fell over.",
]


@pytest.mark.parametrize("sentence", PUT_OFF_WHILE_BUSY)
def test_a_deal_put_off_while_busy_is_told(sentence: str) -> None:
    assert puts_it_off_while_busy(sentence)
    assert not settles_it(sentence)


@pytest.mark.parametrize("sentence", NOT_PUT_OFF)
def test_busy_or_a_next_step_alone_is_not(sentence: str) -> None:
    assert not puts_it_off_while_busy(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_timing_objection(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect_utterances(
        [Line(i, "buyer", t) for i, t in enumerate(PUT_OFF_WHILE_BUSY)]
    )
    said = {
        text: next(
            (d.kind, d.category) for d in found[i] if d.kind not in ("competitor", "why_now")
        )
        for i, text in enumerate(PUT_OFF_WHILE_BUSY)
    }
    assert {t: k for t, k in said.items() if k != ("objection", "authority_timing")} == {}
