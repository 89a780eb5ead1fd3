"""A sentence that opens by wondering ("I was wondering whether/if ...") is a question, with or
without its mark and whatever worry word its reason holds (``statements.wonders_aloud``,
``[question] wondering`` in ``cues.toml``). Issue 16: "I was wondering whether the reminders
can go by text?" with a worry word beside it had been an objection. Wondering said after a worry
is not settled by it."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.statements import wonders_aloud
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

WONDERING = [
    # florists, physio, removals, accountants, vets
    "I was wondering whether the delivery slots show on the order form, I'm worried about"
    " double-booking the van?",
    "So I was just wondering if patients can rebook online, because I'm concerned about the"
    " phone queue.",
    "We were wondering how the crews would see a job change, my worry is they never check email.",
    "I'm wondering whether the client portal takes e-signatures, the partners are nervous about"
    " paper.",
    "Right, I was also wondering about the reminders, are they by text?",
]
NOT_WONDERING = [
    "Honestly I'm worried the nurses won't use it, I was wondering about that.",
    "I wonder if it's worth it.",
    "Wondering aside, the price is too high for us.",
]


@pytest.mark.parametrize("sentence", WONDERING)
def test_a_sentence_opening_by_wondering_is_told(sentence: str) -> None:
    assert wonders_aloud(sentence)


@pytest.mark.parametrize("sentence", NOT_WONDERING)
def test_a_sentence_that_does_not_open_by_wondering_is_not(sentence: str) -> None:
    assert not wonders_aloud(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_question(detector: RuleEmbeddingDetector) -> None:
    lines = [Line(i, "buyer", text, call_id=i) for i, text in enumerate(WONDERING)]
    found = buyer_verdicts(detector, lines)
    assert {t: found[t][0] for t in WONDERING} == dict.fromkeys(WONDERING, "question")


def test_a_worry_said_first_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    said = NOT_WONDERING[0]  # the worry opens it; the wondering comes after
    assert buyer_verdicts(detector, [Line(0, "buyer", said)])[said][0] == "objection"
