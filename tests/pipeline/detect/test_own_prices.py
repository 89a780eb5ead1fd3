"""What the buyer charges their own customers, or pays their people by, is how they work today
(``own_prices.states_their_own_prices``): current set-up, not a price objection. A marina
buyer's "We pass on a 1.2% surcharge on card payments at the fuel dock, which is allowed here as
long as it's the actual cost." had been a price objection. Our price weighed against theirs
("more than we charge"), or what they could not pass on, stays one. So is what they pay for a
tool of theirs ("We pay about 300 a month for <rival>." had been a competitor or price
objection, walk 7), unless the rep had just named our sum or the cost hurts."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.own_prices import states_their_own_prices, states_what_they_pay
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

OWN_PRICES = [
    # marinas
    "That's how we charge it, by length overall.",
    "We pass on a 2% surcharge on card payments at the chandlery, which we're allowed to do.",
    "Berth holders pay annually in April.",
    # dental labs
    "We invoice the practices monthly, per case.",
    "Our crowns go out at £120 a unit.",
    # breweries
    "Our casks go out at £110 plus duty.",
    "We add a delivery charge under five kegs.",
    # schools
    "Parents pay £3 a day for breakfast club.",
    "We bill the council per place.",
    # logistics
    "Drivers get paid per drop.",
    "We charge by the pallet, plus a tail-lift fee.",
    "We add a fuel surcharge in winter.",
    # salons and clinics
    "We charge clients £45 for a cut and blow-dry.",
    "Patients pay a £25 deposit when they book.",
    "We price the treatments per session.",
]
WEIGHED = [
    "Your per-berth pricing would cost us more than we charge.",
    "We can't pass your fee on to our patients.",
    "That's more than we charge a whole year.",
    "We'd have to charge members more to cover your fee.",
    "If we charged per boat like you do, we'd lose half the berth holders.",
    "We charge members forty pounds a year, and your fee would eat all of it.",
    "How do you charge for extra users?",
]


@pytest.mark.parametrize("sentence", OWN_PRICES)
def test_their_own_charges_are_said_as_such(sentence: str) -> None:
    assert states_their_own_prices(sentence)


@pytest.mark.parametrize("sentence", WEIGHED)
def test_our_price_weighed_against_theirs_is_not(sentence: str) -> None:
    assert not states_their_own_prices(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["ShelfWise", "SalonHub", "VetBoard"])


def test_the_detector_reads_their_own_charges_as_the_set_up(
    detector: RuleEmbeddingDetector,
) -> None:
    turns = [("How do you charge your customers today?", said) for said in OWN_PRICES]
    found = kinds_after_the_rep(detector, turns)
    assert {s: k for s, k in found.items() if k != "current_setup"} == {}


def test_our_price_weighed_against_theirs_stays_a_price_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    turns = [("It's four pounds a berth a month.", said) for said in WEIGHED[:3]]
    found = kinds_after_the_rep(detector, turns)
    assert {s: k for s, k in found.items() if k != "objection"} == {}


PAID_TODAY = [
    "We pay about 300 a month for ShelfWise.",  # warehousing
    "We're paying SalonHub about 200 a month at the moment.",  # hair salons
    "We've got two vets and we pay VetBoard 150 dollars a month.",  # vets
    "We pay around £40 a month for the Xero subscription.",  # bookkeeping
]
PAID_AND_WEIGHED = [
    "We pay 300 a month for ShelfWise, which is too much.",
    "We pay about 300 a month for ShelfWise and it's costing us a fortune.",
    "We pay SalonHub 200 a month, so we couldn't pay more for yours.",
    "What would we pay for the Xero link?",
]
ASKED_TODAY = "What does the current set-up cost you?"


@pytest.mark.parametrize("sentence", PAID_TODAY)
def test_what_they_pay_today_is_said_as_such(sentence: str) -> None:
    assert states_what_they_pay(SentenceInput(sentence, sentence, ASKED_TODAY))
    assert states_what_they_pay(SentenceInput(sentence, sentence, ""))


@pytest.mark.parametrize("sentence", PAID_TODAY)
def test_what_they_pay_after_our_sum_weighs_it(sentence: str) -> None:
    assert not states_what_they_pay(SentenceInput(sentence, sentence, "It's 450 a month."))


@pytest.mark.parametrize("sentence", [PAID_AND_WEIGHED[0], *PAID_AND_WEIGHED[2:]])
def test_what_they_pay_weighed_or_asked_is_not(sentence: str) -> None:
    # (a cost that hurts, "costing us a fortune", is the detector's: a pain said as one)
    assert not states_what_they_pay(SentenceInput(sentence, sentence, ASKED_TODAY))


def test_the_detector_reads_what_they_pay_as_the_set_up(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, [(ASKED_TODAY, said) for said in PAID_TODAY])
    assert {s: k for s, k in found.items() if k != "current_setup"} == {}


def test_what_they_pay_weighed_or_hurting_keeps_its_kind(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(
        detector,
        [
            ("It's 450 a month for the whole team.", PAID_TODAY[0]),
            (ASKED_TODAY, PAID_AND_WEIGHED[0]),
            (ASKED_TODAY, PAID_AND_WEIGHED[1]),
        ],
    )
    assert found == {
        PAID_TODAY[0]: "objection",
        PAID_AND_WEIGHED[0]: "objection",
        PAID_AND_WEIGHED[1]: "pain",
    }
