"""A question that steers the call itself (asking for the floor, the sound, the screen, whether
the buyer was followed) is ``other``, never a question theme (review 26: "Can I jump in?" had
been a question at 1.00). A real question in the same words keeps its kind."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.small_talk import controls_the_call
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

CONTROL = [
    "Can I jump in?",
    "Sorry, can I just butt in there?",
    "Sorry, can you hear me?",
    "Can you hear me okay?",
    "Shall I share my screen?",
    "Should I put my screen up?",
    "Can everyone see my screen?",
    "Does that make sense?",
    "Does that make sense, Priya?",
    "Am I on mute?",
    "Is my audio okay?",
    "Do you mind if I record this?",
    "Shall we crack on?",
    "Is now still a good time?",
    "Sorry, can I interrupt for a second?",
    "Are you following me so far?",
]
REAL_QUESTIONS = [
    "Can I jump straight to pricing?",
    "Can I jump in with the funeral director's login?",  # funeral home
    "Can you see who's paid from the dashboard?",  # charity
    "Can I share the login with my practice partner?",  # clinic
    "Can everyone see the donor records, or just admins?",  # charity
    "Does that make sense for a two-vet practice?",  # vet practice
    "Can you hear the call recordings back in the app?",  # software agency
    "Shall we start with the spray records module?",  # farm
    "Is the audio stored with the transcript?",
    "Can it record the callouts?",  # pest control
    "Does that include the recurring donations?",
]


@pytest.mark.parametrize("sentence", CONTROL)
def test_a_question_that_steers_the_call_controls_it(sentence: str) -> None:
    assert controls_the_call(sentence)


@pytest.mark.parametrize("sentence", REAL_QUESTIONS)
def test_a_question_about_the_product_does_not(sentence: str) -> None:
    assert not controls_the_call(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_files_them_as_other(detector: RuleEmbeddingDetector) -> None:
    rep = "So the reminders go out two days before, and again on the morning."
    control = kinds_after_the_rep(detector, [(rep, sentence) for sentence in CONTROL])
    assert {s: k for s, k in control.items() if k != "other"} == {}
    real = kinds_after_the_rep(detector, [(rep, sentence) for sentence in REAL_QUESTIONS[:6]])
    assert {s: k for s, k in real.items() if k == "other"} == {}
