"""A loss today's way of working costs the buyer, counted, is a pain
(``counted_loss.counts_a_loss``): a marina buyer's "I reckon we lose thirty-odd berth holders a
year that way." had been a switching objection (0.84). What a move or a term would cost ("We'd
lose our data if we switched.", "We'd lose the discount if we left before March.") stays an
objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.counted_loss import counts_a_loss, counts_a_loss_over_time
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

COUNTED_LOSSES = [
    # marinas
    "I reckon we lose forty-odd visiting boats a season that way.",
    "Last year we wrote off about six thousand pounds of mooring fees we couldn't chase.",
    # dental labs
    "We remake about one case in twelve.",
    "We probably lose a couple of practices a year over late cases.",
    # breweries
    "We lose around twenty kegs a year that never come back.",
    "We're writing off a fifth of the casks.",
    # schools
    "We lose about a day a week to chasing dinner money.",
    # logistics
    "We probably lose a pallet a week to mis-picks.",
    "That costs us about two grand a month in overtime.",
    # salons and clinics
    "We lose maybe four bookings a week to no-shows.",
    "That alone costs us about fifteen hundred a year.",
    "We wasted about three hundred pounds on unused stock last month.",
]
NOT_TODAYS = [
    "We'd lose our data if we switched.",
    "We'd lose the discount if we left before March.",
    "We'd lose about two weeks of bookings during the switch.",
    "We lose the early-bird rate if we sign after Friday.",
    "Would we lose our history if we moved?",
    "That would cost us about two grand a month.",
    "Your system costs us twice what we pay now.",
]


@pytest.mark.parametrize("sentence", COUNTED_LOSSES)
def test_a_loss_counted_is_told(sentence: str) -> None:
    assert counts_a_loss(sentence)


@pytest.mark.parametrize("sentence", NOT_TODAYS)
def test_what_a_move_or_a_term_would_cost_is_not(sentence: str) -> None:
    assert not counts_a_loss(sentence)


@pytest.mark.parametrize("sentence", COUNTED_LOSSES)
def test_each_counts_it_over_a_time_or_as_a_share(sentence: str) -> None:
    assert counts_a_loss_over_time(sentence)


def test_a_one_off_loss_is_no_measure_of_the_work() -> None:
    """Read over small talk only where it is counted over a time: a score is no pain."""
    assert counts_a_loss("We lost three-nil to Rovers on Saturday.")
    assert not counts_a_loss_over_time("We lost three-nil to Rovers on Saturday.")


def test_a_loss_to_a_named_rival_is_the_models() -> None:
    assert not counts_a_loss("We lost three clients to Fresha last year.", ["Fresha"])


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_counted_losses_as_pains(detector: RuleEmbeddingDetector) -> None:
    found = buyer_kinds(detector, COUNTED_LOSSES)
    assert {s: k for s, k in found.items() if k != "pain"} == {}


def test_what_a_move_would_cost_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    found = buyer_kinds(detector, NOT_TODAYS[:2])
    assert {s: k for s, k in found.items() if k != "objection"} == {}


# A loss said as big without a figure, or thrown out by the crate (walk 4: "And we lose a fortune
# on short-dated stock." had been an integrations objection), in a vets', a bakery's, a
# warehouse's and a salon's words.
SIZED_IN_WORDS = [
    "And we lose a fortune on out-of-date vaccines.",  # vets
    "Honestly, we bin a crate of sourdough every week.",  # bakery
    "We throw out loads of stock when the colour tubes go off.",  # salons
    "I threw out about four hundred quid of dented tins in May.",  # warehousing
    "We waste so much time chasing clients for their receipts.",  # accounting
]


@pytest.mark.parametrize("sentence", SIZED_IN_WORDS)
def test_a_loss_sized_in_words_is_told(sentence: str) -> None:
    assert counts_a_loss(sentence)


def test_a_fortune_lost_by_moving_is_not() -> None:
    assert not counts_a_loss("We'd lose a fortune in downtime if we switched before peak.")


def test_the_detector_reads_losses_sized_in_words_as_pains(
    detector: RuleEmbeddingDetector,
) -> None:
    found = buyer_kinds(detector, SIZED_IN_WORDS)
    assert {s: k for s, k in found.items() if k != "pain"} == {}
