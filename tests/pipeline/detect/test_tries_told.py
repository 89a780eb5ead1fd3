"""A failed try told over two sentences (issue 16): the try in one ("We tried a portal two years
ago."), their people not taking it up in the next ("Half the partners never logged in."), in
the same turn or across the rep's turn. The next sentence had been a pain, set-up or other; with
the try before it, it is an adoption objection. Law, salon, haulage, dental, school and farm
calls; a tool that failed, a success, an unrelated next sentence and no try before stay as they
were. Through the real detector where the kind is the point."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.sentences import said_just_before
from pipeline.detect.tries_told import failed_try_told
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts

ADOPTION = ("objection", "adoption")


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _in_turn(turn: str, sentence: str, asked: str = "") -> SentenceInput:
    return SentenceInput(sentence, turn, asked=asked)


@pytest.mark.parametrize(
    ("turn", "sentence", "failed"),
    [
        ("We tried a portal two years ago. Half the partners never logged in.",
         "Half the partners never logged in.", True),
        ("We rolled out a booking app last spring. Nobody used it after a month.",
         "Nobody used it after a month.", True),
        ("Our drivers had a tracking app once. They just turned it off.",
         "They just turned it off.", True),
        ("The clinic trialled a check-in kiosk. The older patients kept ringing reception.",
         "The older patients kept ringing reception.", True),
        ("We gave a homework app a go. Hardly any of the parents opened it.",
         "Hardly any of the parents opened it.", True),
        # the tool failed, a success, another subject, no try before, a question
        ("We tried a portal. It kept crashing.", "It kept crashing.", False),
        ("We tried a rota app. It never opened on the old tablets.",
         "It never opened on the old tablets.", False),
        ("We tried it last year. Everyone loves it.", "Everyone loves it.", False),
        ("We brought in tablets in March. Nobody went back to paper.",
         "Nobody went back to paper.", False),
        ("We tried a portal once. Anyway, our main issue is billing.",
         "Anyway, our main issue is billing.", False),
        ("We run everything on paper. Half the drivers never logged in.",
         "Half the drivers never logged in.", False),
        ("We tried calling the growers. They never checked their email.",
         "They never checked their email.", False),  # an effort, no tool tried
        ("We tried a portal. Did the partners never log in?",
         "Did the partners never log in?", False),
    ],
)  # fmt: skip
def test_a_try_and_its_take_up_over_two_sentences(turn: str, sentence: str, failed: bool) -> None:
    assert failed_try_told(_in_turn(turn, sentence)) is failed


def test_the_try_may_be_the_buyers_turn_before_the_reps() -> None:
    asked = "Mostly on paper. We trialled a milking app last year."
    assert said_just_before(
        "Most of the lads never opened it.", "Most of the lads never opened it.", asked
    ) == ("We trialled a milking app last year.")
    assert failed_try_told(
        _in_turn("Most of the lads never opened it.", "Most of the lads never opened it.", asked)
    )
    assert not failed_try_told(_in_turn("It kept crashing.", "It kept crashing.", asked))


@pytest.mark.parametrize(
    ("turn", "sentence"),
    [
        ("Mostly email. We tried a portal two years ago. Half the partners never logged in.",
         "Half the partners never logged in."),
        ("By phone. We rolled out a booking app last spring. Nobody used it after a month.",
         "Nobody used it after a month."),
        ("Our drivers had a tracking app once. They just turned it off.",
         "They just turned it off."),
    ],
)  # fmt: skip
def test_the_take_up_after_the_try_is_an_adoption_objection(
    detector: RuleEmbeddingDetector, turn: str, sentence: str
) -> None:
    lines = [Line(0, "rep", "How do you do that today?"), Line(1, "buyer", turn)]
    assert buyer_verdicts(detector, lines)[sentence] == ADOPTION


def test_across_the_reps_turn(detector: RuleEmbeddingDetector) -> None:
    lines = [
        Line(0, "rep", "How do the vets record their visits?"),
        Line(1, "buyer", "On paper. The practice trialled a visit-notes app in the spring."),
        Line(2, "rep", "Oh right, how did that go?"),
        Line(3, "buyer", "Most of the vets never opened it."),
    ]
    assert buyer_verdicts(detector, lines)["Most of the vets never opened it."] == ADOPTION


@pytest.mark.parametrize(
    ("turn", "sentence"),
    [
        ("We tried a portal. It kept crashing.", "It kept crashing."),
        ("We tried it last year. Everyone loves it.", "Everyone loves it."),
        ("We tried a portal once. Anyway, our main issue is billing.",
         "Anyway, our main issue is billing."),
    ],
)  # fmt: skip
def test_a_failed_tool_a_success_or_another_subject_is_no_adoption_worry(
    detector: RuleEmbeddingDetector, turn: str, sentence: str
) -> None:
    lines = [Line(0, "rep", "Have you tried anything for that?"), Line(1, "buyer", turn)]
    assert buyer_verdicts(detector, lines)[sentence] != ADOPTION
