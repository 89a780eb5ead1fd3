"""A buyer accepting a price or a term, with the next step they take or their own way to meet
it, is no objection (review 23m item 4: "I think twenty-five is okay, I'll take it to him
Thursday." had been an authority objection heading an FAQ answer on sign-off). Turned, limited
or set on us, it stays the objection it is."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.acceptance import accepts_the_terms
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

# (the rep's turn before, the buyer's acceptance), across trades
ACCEPTED = [
    (
        "It comes to twenty-five a month per van on the fleet plan.",
        "I think twenty-five is okay, I'll take it to him Thursday.",
    ),
    (
        "It's forty a month per site, billed monthly, no setup fee.",
        "Fine, forty a month works, send it over.",
    ),
    (
        "There's a minimum of fifty covers a month on the starter plan.",
        "Alright, the minimum's not a problem if we pool it.",
    ),
    (
        "For the salon it comes to twelve pounds per chair per month.",
        "Okay, twelve a chair is fine, I'll put it to Marco on Monday.",
    ),
    (
        "The annual plan is ninety a month per truck.",
        "Ninety a truck works for us, send the contract over.",
    ),
    (
        "We do need a twelve-month term on that tier.",
        "The annual term's fine, go ahead and draw it up.",
    ),
    (
        "Onboarding for the clinic is a one-off three hundred dollars.",
        "Yeah, three hundred for the setup is fair, let's book the kickoff.",
    ),
    (
        "It's eighteen per seat for the whole firm.",
        "Okay, eighteen per seat we can live with, I'll sign it this week.",
    ),
    (
        "So that's two thousand a year for the three dental practices.",
        "That price works, I'll get the PO raised tomorrow.",
    ),
    (
        "The contract for the gyms is twelve months minimum.",
        "Sure, twelve months is no problem, send the paperwork.",
    ),
    (
        "Two years gets you the lower rate on the farm plan.",
        "Right, the two-year term is okay with me, I'll run it past finance on Friday.",
    ),
    (
        "Sixty a location per month for the bakeries.",
        "Sixty a location is reasonable, I'll let the owners know tonight.",
    ),
    (
        "There's a setup fee of five hundred for the warehouse.",
        "The setup fee's not an issue, we'll get started next month.",
    ),
    (
        "The minimum order is two hundred units a month.",
        "Alright, the minimum order's fine if we split it across both kitchens.",
    ),
    (
        "The law firm tier is forty-five per user.",
        "Forty-five per user is fine, I'll take it to the partners on Monday.",
    ),
    (
        "The annual plan is forty a month per clinic.",
        "If the partners see it saves the front desk an hour a day, forty a month is fine, I'll"
        " take it to them Monday.",
    ),
]

# Turned, limited, set on us or still in doubt: objections.
STILL_OBJECTIONS = [
    (
        "It comes to twenty-five a month per van on the fleet plan.",
        "Twenty-five is okay but I'll have to take it to him Thursday before anything's signed.",
    ),
    ("It's forty a month per site.", "Forty a month works for one site, not for nine."),
    (
        "Fifteen a seat per month for the depot.",
        "Fifteen a seat is okay for the drivers, but not for the warehouse staff.",
    ),
    (
        "It's sixty a month for the practice.",
        "The price is fine, but I can't sign anything until the board meets in March.",
    ),
    (
        "It's eighty a month for the salon.",
        "Eighty a month would work if it included the payroll module.",
    ),
    (
        "It's forty a month per site.",
        "Forty a month works out at nearly five grand a year for us, that's a lot.",
    ),
    (
        "That's twenty a seat on the annual plan.",
        "Twenty a seat is okay, I'll tell him, but he'll say it's too expensive.",
    ),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("turn", ACCEPTED, ids=[b for _, b in ACCEPTED])
def test_a_price_or_term_accepted_with_a_next_step_is_no_objection(
    detector: RuleEmbeddingDetector, turn: tuple[str, str]
) -> None:
    assert accepts_the_terms(turn[1])
    assert kinds_after_the_rep(detector, [turn]) == {turn[1]: "other"}


@pytest.mark.parametrize("turn", STILL_OBJECTIONS, ids=[b for _, b in STILL_OBJECTIONS])
def test_an_acceptance_turned_or_limited_stays_an_objection(
    detector: RuleEmbeddingDetector, turn: tuple[str, str]
) -> None:
    assert not accepts_the_terms(turn[1])
    assert kinds_after_the_rep(detector, [turn]) == {turn[1]: "objection"}
