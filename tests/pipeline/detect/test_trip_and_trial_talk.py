"""The journey to the meeting answered at the start of a call is small talk, and a trial of ours
that did its job is praise: neither is a pain or an objection (walk 5: "The A77 was shut so it
took me two and a half hours." had been a pain and shared a theme with a re-keying complaint;
"It held everything and synced when they came out." an integrations objection). A road shut
at work stays the buyer's pain; a slow sync stays a worry."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

CALLS = [
    # (small talk asked, the journey, the trial asked about, the trial's report), one trade each
    (
        "Good to see you again. How was the trip down?",
        "Long. The B4560 was shut so it took me two and a half hours.",
        "How did the engineers get on with the trial?",
        "Better than I expected. It held everything and synced when they came out.",
    ),  # lift maintenance
    (
        "Morning Dave, did you get here alright?",
        "Just about. The M62 was a car park so it took me an hour longer than usual.",
        "And how did the crews find the tablets during the trial?",
        "Really well. It kept every photo and uploaded them once the wifi was back.",
    ),  # roofing
    (
        "How was the drive over?",
        "Roadworks all the way from Exeter, took me nearly two hours.",
        "How did the pilot go at the practice?",
        "Pretty good. The nurses logged every visit and it synced fine at the end of the day.",
    ),  # district nursing
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _buyer_kinds(detector: RuleEmbeddingDetector, lines: list[Line]) -> dict[str, str]:
    found = detector.detect_utterances(lines)
    return {
        d.text: d.kind
        for line in lines
        if line.role == "buyer"
        for d in found[line.id]
        if d.kind not in ("competitor", "why_now")
    }


@pytest.mark.parametrize(("trip_asked", "trip", "trial_asked", "trial"), CALLS)
def test_the_journey_and_a_trial_that_worked_are_other(
    detector: RuleEmbeddingDetector, trip_asked: str, trip: str, trial_asked: str, trial: str
) -> None:
    lines = [
        Line(0, "rep", trip_asked),
        Line(1, "buyer", trip),
        Line(2, "rep", trial_asked),
        Line(3, "buyer", trial),
    ]
    kinds = _buyer_kinds(detector, lines)
    assert set(kinds.values()) == {"other"}, kinds


def test_a_road_shut_at_work_and_a_slow_sync_stay_theirs(detector: RuleEmbeddingDetector) -> None:
    lines = [
        Line(0, "rep", "What happens when the weather turns?"),
        Line(
            1,
            "buyer",
            "The road to the quarry is shut half the winter and our drivers lose two days a week.",
        ),
        Line(2, "rep", "And the trial?"),
        Line(3, "buyer", "One of the lads took forty photos and the sync took ages on 3G."),
    ]
    kinds = _buyer_kinds(detector, lines)
    assert kinds["One of the lads took forty photos and the sync took ages on 3G."] == "objection"
    assert (
        kinds[
            "The road to the quarry is shut half the winter and our drivers lose two days a week."
        ]
        == "pain"
    )
