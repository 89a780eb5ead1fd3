"""A routine told as what it costs them each time ("Every new starter is twenty minutes of me
photocopying passports", "Each invoice is me copying numbers from one screen to another", "I'm
the one knocking on doors for the late payers every month") is a pain; the model had read such
lines as set-ups or as security and switching objections. A routine told neutrally stays a
set-up, and who signs or decides is no chore."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

ROUTINE_COSTS = [
    "Every new starter is twenty minutes of me photocopying passports and filling in the same"
    " form.",  # recruitment
    "Every delivery is ten minutes of me ringing the customer to check they're in.",  # logistics
    "Every new patient is a quarter of an hour of reception typing the same details into two"
    " systems.",  # dental clinic
    "Every cancelled colour appointment is five minutes of me on the phone.",  # salon
    "Each invoice is me copying numbers from one screen to another.",  # accountants
    "Each timesheet is me reading handwriting and keying it into payroll.",  # care home
    "Each member renewal is me sending a reminder email by hand.",  # gym
    "Every cask that comes back is me crossing it off on a clipboard.",  # brewery
    "I'm the one knocking on doors for the late payers every month.",  # lettings
    "I'm the one ringing round the parents when a coach is late.",  # school
    "I'm the one who chases the subbies for their insurance certificates every quarter.",  # builder
    "It's me that rings every client the day before to remind them.",  # physio
    "I'm always the one re-keying the planning applications into the council system.",  # council
]
NEUTRAL_ROUTINES = [
    "Every new starter fills in a form and we scan it.",
    "Each invoice goes into Xero automatically.",
    "Each member gets a card at the desk.",
    "I'm the one who signs off the rota.",
    "I'm the one you'd be dealing with.",
    "Every site has its own manager.",
    "Each depot is run by a shift lead.",
]


@pytest.mark.parametrize("sentence", ROUTINE_COSTS)
def test_a_routine_told_by_its_cost_is_a_pain(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", NEUTRAL_ROUTINES)
def test_a_routine_told_neutrally_is_no_pain(sentence: str) -> None:
    assert not statements.tells_a_pain(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, ROUTINE_COSTS)
    assert {text: kind for text, kind in kinds.items() if kind != "pain"} == {}


def test_neutral_routines_are_no_pain(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, NEUTRAL_ROUTINES[:3])
    assert {text: kind for text, kind in kinds.items() if kind == "pain"} == {}
