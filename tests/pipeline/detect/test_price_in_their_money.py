"""Our price weighed against the buyer's own money (``topics.weighs_it_against_their_money``,
``[price_share]`` in ``cues.toml``): "That's a third of our marketing budget.", and, after the rep
named a price, a share of what a time brings in. A price objection. Review 26: "That's most of a
season's honesty box." after "a hundred and twenty pounds a month" had been small talk (0.96).
A share of something else, or with no price before it, is not."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.topics import weighs_it_against_their_money
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, kinds_after_the_rep

# (the rep's turn before, the buyer's answer)
WEIGHED = [
    ("The minimum is £120 a month, whatever you use.", "That's most of a season's honesty box."),
    ("It comes to $400 a month on the Team plan.", "That's half a month's takings for us."),
    ("It's forty-nine pounds a month per van.", "That's a week's wages for one of my lads."),
    (
        "So the annual plan is £3,600.",
        "That's most of what the collection plate brings in all year.",
    ),
    ("It's $299 a month for the home.", "That's more than we clear on a funeral some months."),
    ("It's £90 a month.", "That's a third of our marketing budget."),
    ("That's about two grand a year all in.", "That's most of our coffee-morning money."),
    ("The clinic plan is $650 a month.", "That's basically a quarter of a month's rent."),
    (
        "It's sixty dollars per technician per month.",
        "It's half a season's profit on a small farm.",
    ),
    ("We'd be at about £1,800 a year.", "That would be most of the summer fair's takings."),
    ("The agency tier is £500 a month.", "That's the best part of a junior developer's salary."),
]
# A share of something that is no money, a share said not to be much, or a time's share with no
# price named before it.
NOT_WEIGHED = [
    ("How many staff would use it?", "That's most of our staff, yeah."),
    ("What do you use for bookings?", "That's most of a season's work in April."),
    ("It's £120 a month.", "That's fine, that's about what we expected."),
    ("It's £90 a month.", "That's not even half our marketing budget, to be fair."),
    ("How many callouts a week?", "That's more than half of them in summer."),
    ("And the rest of the team?", "That's most of a month's rota sorted, honestly."),
]


@pytest.mark.parametrize(("rep", "buyer"), WEIGHED)
def test_a_price_weighed_against_their_money_is_told(rep: str, buyer: str) -> None:
    assert weighs_it_against_their_money(SentenceInput(buyer, buyer, context=rep))


@pytest.mark.parametrize(("rep", "buyer"), NOT_WEIGHED)
def test_a_share_of_something_else_is_not(rep: str, buyer: str) -> None:
    assert not weighs_it_against_their_money(SentenceInput(buyer, buyer, context=rep))


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_a_price_objection(detector: RuleEmbeddingDetector) -> None:
    for rep, buyer in WEIGHED:
        found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
        said = next(d for d in found if d.kind not in ("competitor", "why_now"))
        assert (said.kind, said.category) == ("objection", "price"), buyer


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert kinds_after_the_rep(detector, NOT_WEIGHED) == {
        "That's most of our staff, yeah.": "current_setup",
        "That's most of a season's work in April.": "objection",
        "That's fine, that's about what we expected.": "other",
        "That's not even half our marketing budget, to be fair.": "objection",
        "That's more than half of them in summer.": "objection",
        "That's most of a month's rota sorted, honestly.": "objection",
    }


# The price said again as a lot of what the buyer sells, right after the rep named it
# (``topics.restates_it_in_their_units``; issue 16: "One seventeen is a lot of nail trims." had
# been today's set-up, read as a count of the business).
RESTATED = [
    ("It's ninety-five pounds a month for the clinic.", "Ninety-five is a lot of sports massages."),
    ("The fleet plan is three hundred and ten a month.", "Three ten is a lot of house moves."),
    ("It's £65 a month on the shop plan.", "Blimey, that's a lot of wedding bouquets."),
    ("The practice tier is $220 a month.", "220 dollars a month is a lot of tax returns."),
]
# A lot of work or of things to learn, a lot of their units with no price named before, and the
# amount with no "a lot of".
NOT_RESTATED = [
    ("It's £65 a month on the shop plan.", "That's a lot of admin for the girls."),
    ("It's £90 a month with onboarding.", "That's a lot of screens to learn."),
    ("How many do you do a year?", "Three ten is a lot of house moves."),
    ("It's ninety-five pounds a month.", "We do a lot of sports massages."),
]


@pytest.mark.parametrize(("rep", "buyer"), RESTATED)
def test_a_price_restated_in_their_units_is_weighed(rep: str, buyer: str) -> None:
    assert weighs_it_against_their_money(SentenceInput(buyer, buyer, context=rep))


@pytest.mark.parametrize(("rep", "buyer"), NOT_RESTATED)
def test_a_lot_of_work_or_no_price_is_no_restated_price(rep: str, buyer: str) -> None:
    assert not weighs_it_against_their_money(SentenceInput(buyer, buyer, context=rep))


def test_the_detector_reads_a_restated_price_as_price(detector: RuleEmbeddingDetector) -> None:
    for rep, buyer in RESTATED:
        found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
        said = next(d for d in found if d.kind not in ("competitor", "why_now"))
        assert (said.kind, said.category) == ("objection", "price"), buyer
