"""Adoption worries said without a worry word, walk 8 snag 4: a past try their people did not
take up ("They tried it once and two of them couldn't get into email" had been set-up) and a
control their people refuse ("the partners here won't do MFA." had been security) are adoption
objections. Salon, school, dental, haulage, landscaping, vet and kitchen calls; a try that
worked or that the tool failed, and a real security worry, stay as they were. Through the real
detector where the kind is the point."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.adoption_said import refuses_a_control, tells_a_failed_try
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_verdicts


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _verdict(detector: RuleEmbeddingDetector, sentence: str) -> tuple[str, str | None]:
    return buyer_verdicts(detector, [Line(0, "buyer", sentence)])[sentence]


@pytest.mark.parametrize(
    ("sentence", "failed"),
    [
        ("We tried a homework app before and nobody used it.", True),
        ("We tried online booking and our regulars kept phoning the salon anyway.", True),
        ("Last time head office rolled out a tracking app, the drivers went back to paper.", True),
        ("We gave a job-sheet app a go and the crews went back to paper.", True),
        ("We piloted a digital logbook and two of the skippers couldn't log in.", True),
        ("We tried it once but never used it.", True),
        ("We tried two booking systems and settled on Fresha.", False),  # a choice, no failure
        ("We trialled the kiosk and it saved the front desk an hour a day.", False),
        ("We tried a rota app last year but it kept crashing.", False),  # the tool failed
        ("We tried it and the app never opened on the old tablets.", False),
        ("We brought in the tablets in March and nobody went back to paper.", False),  # it worked
        ("We tried Jobber last year and the staff hated it.", False),  # the tool judged
        ("Half the drivers never logged in.", False),  # no try told
        ("We tried calling the customers and they kept ignoring us.", False),  # an effort
        ("We tried to chase the invoices but the clients kept ignoring the emails.", False),
    ],
)
def test_a_failed_try_is_told_by_their_people(sentence: str, failed: bool) -> None:
    assert tells_a_failed_try(sentence) is failed


FAILED_TRIES = [
    "We tried online booking and our regulars kept phoning the salon anyway.",
    "We tried a homework app before and nobody used it.",
    "The practice trialled a check-in kiosk, and the older patients kept ringing reception.",
    "Last time head office rolled out a tracking app, the drivers went back to paper logs.",
    "We gave a job-sheet app a go last spring and the crews went back to paper.",
]


@pytest.mark.parametrize("sentence", FAILED_TRIES)
def test_a_try_their_people_did_not_take_up_is_an_adoption_objection(
    detector: RuleEmbeddingDetector, sentence: str
) -> None:
    assert _verdict(detector, sentence) == ("objection", "adoption")


@pytest.mark.parametrize(
    "sentence",
    [
        "We trialled the kiosk and it saved the front desk an hour a day.",
        "We tried a rota app last year but it kept crashing.",
        "We tried two booking systems and settled on Fresha.",
    ],
)
def test_a_try_that_worked_or_a_tool_that_failed_is_no_adoption_worry(
    detector: RuleEmbeddingDetector, sentence: str
) -> None:
    assert _verdict(detector, sentence) != ("objection", "adoption")


@pytest.mark.parametrize(
    ("sentence", "refused"),
    [
        ("Our crew leads won't do MFA.", True),
        ("The teachers simply won't use a password manager.", True),
        ("The older vets refuse MFA.", True),
        ("The chefs will never bother with the login codes.", True),
        ("They'll never bother with the text codes.", True),
        ("We won't use anything without single sign-on.", False),  # a condition on us
        ("The partners won't pay for MFA on top of the licence.", False),  # the price
        ("Two-factor isn't enough for our insurer.", False),
        ("We won't use the discount codes.", False),
    ],
)
def test_a_control_their_people_refuse(sentence: str, refused: bool) -> None:
    assert refuses_a_control(sentence) is refused


@pytest.mark.parametrize(
    ("sentence", "verdict"),
    [
        ("Our crew leads won't do MFA.", ("objection", "adoption")),
        ("The partners here won't turn on two-factor.", ("objection", "adoption")),
        ("Honestly, the dentists here won't do two-factor.", ("objection", "adoption")),
        ("The older vets refuse MFA.", ("objection", "adoption")),
        # security worries keep their topic
        ("Two-factor isn't enough for our insurer.", ("objection", "security")),
        ("We won't use anything without single sign-on.", ("objection", "security")),
        ("Where are the patient records stored?", ("question", "security")),
    ],
)
def test_a_refused_control_is_adoption_and_a_security_worry_stays(
    detector: RuleEmbeddingDetector, sentence: str, verdict: tuple[str, str | None]
) -> None:
    assert _verdict(detector, sentence) == verdict
