"""What the buyer charges their own customers, or pays their people by, is how they work today
(``own_prices.states_their_own_prices``): current set-up, not a price objection. A marina
buyer's "We pass on a 1.2% surcharge on card payments at the fuel dock, which is allowed here as
long as it's the actual cost." had been a price objection. Our price weighed against theirs
("more than we charge"), or what they could not pass on, stays one."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.own_prices import states_their_own_prices
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
    return RuleEmbeddingDetector(embedder)


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
