"""What today's way costs them is a pain, and a price said back in disbelief a price objection
(walk 7 snags 7 and 12, through the real detector): "it's costing us a fortune in card fees",
"the reconciliation is a nightmare every Friday", "..., which adds up", "so people on the
waitlist miss out" had been set-ups or price worries; "Seven hundred bucks just to get started?"
a question. What ours would cost or do stays an objection, a price checked stays a question."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, kinds_after_the_rep


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["Mindbody", "FitLedger", "ServiceM8"])


COST_PAINS = [
    (
        "How are bookings handled?",
        "We book on the phone and about one in ten patients just don't turn up, so people on"
        " the cancellation list miss out.",
    ),  # dental
    (
        "What about payments?",
        "We pay a card surcharge on every takeaway order, which adds up.",
    ),  # cafe
    ("Anything else?", "The no-shows are bleeding us dry."),  # driving school
    (
        "How do you take payments?",
        "Right now FitLedger takes the lesson fees and the month-end reconciliation is a"
        " nightmare.",
    ),  # swim school
]
STILL_OBJECTIONS = [
    ("We'd move everything across for you.", "Moving all our job history would be a nightmare."),
    ("We'd move everything across for you.", "It'd cost us a fortune to switch mid-season."),
    ("It's twelve dollars a seat.", "Your per-seat price adds up fast with forty drivers."),
]


@pytest.mark.parametrize(("rep", "buyer"), COST_PAINS)
def test_what_todays_way_costs_them_is_a_pain(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    assert kinds_after_the_rep(detector, [(rep, buyer)])[buyer] == "pain"


@pytest.mark.parametrize(("rep", "buyer"), STILL_OBJECTIONS)
def test_what_ours_would_cost_or_do_stays_an_objection(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    assert kinds_after_the_rep(detector, [(rep, buyer)])[buyer] == "objection"


ECHOES = [
    (
        "There's a one-off onboarding fee of seven hundred dollars.",
        "Seven hundred bucks just to get started?",
    ),  # gym
    ("Setup is two thousand dollars, then eighty a month.", "Two grand for setup?"),  # trades
    ("It's eighty dollars a month per van.", "Eighty bucks a van?"),  # couriers
    (
        "The training day is three hundred pounds for the whole kitchen.",
        "Three hundred quid just for the training day?",
    ),  # restaurant
    ("The brewery plan is two hundred dollars a month.", "Sorry, two hundred bucks a month?"),
    ("Onboarding is fifteen hundred euros, one time.", "Fifteen hundred euros to get set up?"),
]
CHECKED = [
    ("There's a one-off fee of $900.", "Is the $900 one-off?"),  # gym
    ("Setup is two thousand dollars.", "Is that two grand including GST?"),  # trades
    ("The dispatch plan is eighty dollars a month.", "Is the eighty a month per van?"),  # couriers
]


@pytest.mark.parametrize(("rep", "buyer"), ECHOES)
def test_a_price_said_back_in_disbelief_is_a_price_objection(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
    said = next(d for d in found if d.kind not in ("competitor", "why_now"))
    assert (said.kind, said.category) == ("objection", "price")


@pytest.mark.parametrize(("rep", "buyer"), CHECKED)
def test_a_price_checked_stays_a_question(
    detector: RuleEmbeddingDetector, rep: str, buyer: str
) -> None:
    assert kinds_after_the_rep(detector, [(rep, buyer)])[buyer] == "question"
