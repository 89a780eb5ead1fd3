"""The decision put off to a later season or year (``pipeline/detect/deferrals.py``,
``[deferral]`` in ``cues.toml``): an authority and timing objection. Held-out calls had filed it
by what is put off (switching, the status quo, set-up time) or as small talk. The detector is not
told the deal's outcome, so a deferral reads the same in a won deal. A hope, a plan with no
hedge and a next step in weeks are no deferral."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.deferrals import defers_the_decision
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

DEFERRED = [
    "Maybe after the haul-out we look at moving the marina over.",
    "Perhaps next term we revisit it.",
    "We might look at it again after the brewing season.",
    "Maybe in the new year we look at switching the lab over.",
    "Perhaps after peak we could revisit moving the depots.",
    "We might come back to it in the autumn.",
    "Possibly next financial year we look at it properly.",
    "Maybe once the new salon's open we revisit it.",
    "We'll pick it up again after the season.",
    "We could maybe take another look next school year.",
    "Maybe next year we move the other depots over.",
    "Can we revisit it after the inspection?",
]
NOT_DEFERRED = [
    "Maybe next year we'll have more staff.",
    "Perhaps in the spring the boats come back.",
    "We might be busier after the season.",
    "Let's talk again in two weeks.",
    "We'll review the rota after the season.",
    "Will you look at adding Welsh next year?",
    "We looked at moving them last year.",
    "We'll move the other two sites over next year.",
    "Send us the proposal and we'll talk again in January.",
    "If the fees go up next year, we'd look again.",
]


_TAGS = ("competitor", "why_now")


@pytest.mark.parametrize("sentence", DEFERRED)
def test_a_decision_put_off_to_a_later_season_is_a_deferral(sentence: str) -> None:
    assert defers_the_decision(sentence)


@pytest.mark.parametrize("sentence", NOT_DEFERRED)
def test_hopes_plans_and_next_steps_are_not(sentence: str) -> None:
    assert not defers_the_decision(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_timing_objection(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(DEFERRED)])
    said = {
        text: next((d.kind, d.category) for d in found[i] if d.kind not in _TAGS)
        for i, text in enumerate(DEFERRED)
    }
    assert {t: k for t, k in said.items() if k != ("objection", "authority_timing")} == {}


def test_a_next_step_in_weeks_stays_arranging(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect_utterances([Line(0, "buyer", "Let's talk again in two weeks.")])
    assert [d.kind for d in found[0]] == ["other"]


def test_a_deferral_beside_a_rival_keeps_the_rival(detector: RuleEmbeddingDetector) -> None:
    said = "We'll probably take DockMaster's renewal offer and look again next season."
    found = detector.detect_utterances([Line(0, "buyer", said)], competitors=["DockMaster"])[0]
    assert next((d.kind, d.category) for d in found if d.kind not in _TAGS) == (
        "objection",
        "competitor",
    )
