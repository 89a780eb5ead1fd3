"""What the business holds, told as a fact (``statements.describes_what_they_hold``,
``[holdings]`` in ``cues.toml``): records kept since a year, the devices their people carry.
Today's set-up, whatever money or age words it holds. Review 26: "We've got payment records going
back to 2009 and some of the old boys will argue about what they paid in 2011." had been a price
objection (0.80: "going back to" reads as a return to an old system, "paid" as price), "They've
all got different ones, two of them are on ancient Androids." an adoption one (0.61). A fact
that judges or brings us in keeps its reading."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.statements import describes_what_they_hold
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

HOLDINGS = [
    "We've got payment records going back to 2009 and some of the old boys will argue about "
    "what they paid in 2011.",
    "They've all got different ones, two of them are on ancient Androids.",
    "We've got invoices going back to 2004 in the filing cabinet.",
    "The technicians all have their own phones, half of them are on old iPhones.",
    "The surgery has appointment history going back to 2012 on the server.",
    "We have records going back to 2009.",
    "The parish has burial registers dating back to the 1850s.",
    "Our donor database goes back about fifteen years.",
    "Spray diaries go back to 2016, all in the office.",
    "A couple of the drivers are still on Windows laptops.",
    "Most of the carers are on their own phones, a few are on cheap Samsungs.",
    "The dev team have all got their own laptops.",
]
# A fact said with a worry, a pain, a move or a word about us: not this rule's.
NOT_HOLDINGS = [
    "We've got records going back to 2009 that you'd need to move over.",
    "We've got invoices going back to 2004 and nobody can find anything.",
    "Half of them are on old iPhones, so they won't be able to run your app.",
    "If it doesn't work we're going back to paper.",
    "We're going back to the old system next month.",
    "Two of them are on holiday this week.",
    "Do your records go back to 2009?",
    "We've got three sites.",
]
# The detector's reading of those, said one after another in a call: unchanged.
NOT_HOLDINGS_READ = {
    "We've got records going back to 2009 that you'd need to move over.": "objection",
    "We've got invoices going back to 2004 and nobody can find anything.": "pain",
    "Half of them are on old iPhones, so they won't be able to run your app.": "objection",
    "If it doesn't work we're going back to paper.": "objection",
    "We're going back to the old system next month.": "objection",
    "Two of them are on holiday this week.": "other",
    "Do your records go back to 2009?": "question",
}


@pytest.mark.parametrize("sentence", HOLDINGS)
def test_what_the_business_holds_is_told(sentence: str) -> None:
    assert describes_what_they_hold(sentence)


@pytest.mark.parametrize("sentence", NOT_HOLDINGS)
def test_a_fact_with_a_worry_or_about_us_is_not(sentence: str) -> None:
    assert not describes_what_they_hold(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_them_as_the_set_up(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, HOLDINGS)
    assert {text: kind for text, kind in kinds.items() if kind != "current_setup"} == {}


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(NOT_HOLDINGS_READ)) == NOT_HOLDINGS_READ
