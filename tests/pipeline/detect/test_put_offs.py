"""A put-off said without a look-again cue (``[deferral] put_off`` in ``cues.toml``): a "not now"
verdict, nothing before a later month, season or event, a call back asked for then, a guess at
when, a decider's timing. An authority and timing objection; held-out-style calls had read them
as small talk, pains and status-quo or set-up objections. A date told, a meeting booked, a past
date or a wait the buyer is made to do is no put-off."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.deferrals import defers_the_decision
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

PUT_OFF = [
    "It's a not-now.",  # any trade
    "Honestly, it's a not-yet for the surgery.",  # dental clinic
    "It's more of a next-year thing for the brewery.",  # brewery
    "Realistically it'd be after Easter, or the autumn.",  # school
    "Realistically we're looking at after Christmas for the depots.",  # logistics
    "Our MD's still saying March, so don't chase him.",  # manufacturing
    "The governors are still saying September.",  # school
    "The partners are saying after tax season.",  # accountants
    "Our practice manager's saying spring at the earliest.",  # GP surgery
    "Not this side of the summer.",  # salon
    "Nothing this side of Christmas, the council's budget is spent.",  # council
    "But not until the new year for the gym.",  # gym
    "Ask me again after the audit.",  # accountants
    "Try me again after the harvest.",  # farm
    "Ring me back after the refit.",  # marina
    "Call me after the busy season.",  # hotel
    "Give it till after the Ofsted visit.",  # nursery
]
NOT_PUT_OFF = [
    "The audit's in March.",
    "Tuesday after ten works for me.",
    "Thursday afternoon is fine for the demo.",
    "Let's book the training for the week after next.",
    "We switched tills last March.",
    "Our MD started in March.",
    "The inspection was after Easter.",
    "The new depot opened after Christmas.",
    "After the audit we found three missing invoices.",
    "Give us a bell after the first week of June, mate.",
    "My boss says March is our busiest month.",
    "Six weeks of migration in our busy season is not happening, we'd have to wait until January.",
    "If it's after Easter, the price goes up.",
]
_TAGS = ("competitor", "why_now")


@pytest.mark.parametrize("sentence", PUT_OFF)
def test_a_put_off_without_a_cue_word_is_a_deferral(sentence: str) -> None:
    assert defers_the_decision(sentence)


@pytest.mark.parametrize("sentence", NOT_PUT_OFF)
def test_dates_meetings_and_waits_imposed_are_not(sentence: str) -> None:
    assert not defers_the_decision(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_timing_objection(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(PUT_OFF)])
    said = {
        text: next((d.kind, d.category) for d in found[i] if d.kind not in _TAGS)
        for i, text in enumerate(PUT_OFF)
    }
    assert {t: k for t, k in said.items() if k != ("objection", "authority_timing")} == {}


def test_a_meeting_booked_or_a_date_told_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    dates = ["Thursday afternoon is fine for the demo.", "Our MD started in March."]
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(dates)])
    assert [next(d.kind for d in found[i] if d.kind not in _TAGS) for i in range(2)] == [
        "other",
        "other",
    ]
