"""The size of the business said as a sentence ("We've got two hundred and sixty members, about
forty juniors.", "So we're one site, five hundred units, a third of them heated.") is today's
set-up, as the labelled sets have "We're twenty-six children, all mornings" and "We've got
eighty-five tractor units and about a hundred and ten trailers."; after the rep's "how big are
you?" the model had read them as objections. A count with a contrast or the data it sits in,
or said after our price or set-up work (the labelled "We've got nine hundred products." weighs
the tariff codes to set), stays what the model reads."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.account_facts import states_its_size, states_the_account
from pipeline.detect.classify import SentenceInput
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

SIZES = [
    "So we're one site, five hundred units, a third of them heated.",  # self storage
    "We've got two hundred and sixty members, about forty juniors.",  # golf club
    "We've got four hundred and twenty pupils across two campuses.",  # school
    "We're twelve vans and a yard.",  # logistics
    "We've got two taprooms and about thirty kegs out at any time.",  # brewery
    "We've got three care homes and about a hundred and eighty staff.",  # care
    "We have two surgeries and fourteen dentists.",  # dental clinic
    "So there's nine stylists and two juniors.",  # salon
    "We're about sixty clients, mostly sole traders.",  # accountants
    "We've got eleven parish councils and about forty staff.",  # council
    "We're three gyms, about two thousand members.",  # gym
]
NOT_SIZES = [
    "We've got forty staff but twelve of them are seasonal.",
    "We've got about four thousand patients in there, going back years.",
    "We're two weeks behind on invoicing.",
    "We've got three months left on the contract.",
    "We're ten minutes from the depot.",
    "We run all ninety drivers off one spreadsheet.",
    "We have about 1,200 old proposals in Aurora.",
    "We have fourteen years in Cornerstone.",
]
OUR_WORK = "Customs forms come from your product data. You set the tariff code once per product."
HOW_BIG = "Great, and how big is the operation these days?"


@pytest.mark.parametrize("sentence", SIZES)
def test_a_size_said_as_a_sentence_is_the_set_up(sentence: str) -> None:
    assert states_its_size(SentenceInput(sentence, sentence, HOW_BIG))
    assert states_its_size(SentenceInput(sentence, sentence, ""))


@pytest.mark.parametrize(
    "sentence",
    [
        "Two taprooms and about thirty kegs out at any time.",
        "Three care homes and about a hundred and eighty staff.",
        "Two hundred and sixty members, about forty juniors.",
    ],
)
def test_counts_joined_by_and_are_facts_of_the_account(sentence: str) -> None:
    assert states_the_account(sentence)


@pytest.mark.parametrize("sentence", SIZES)
def test_a_count_after_our_work_is_left_to_the_model(sentence: str) -> None:
    assert not states_its_size(SentenceInput(sentence, sentence, OUR_WORK))


@pytest.mark.parametrize("sentence", NOT_SIZES)
def test_a_count_with_a_contrast_a_time_or_a_tool_is_not(sentence: str) -> None:
    assert not states_its_size(SentenceInput(sentence, sentence, HOW_BIG))


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_the_set_up(detector: RuleEmbeddingDetector) -> None:
    kinds = kinds_after_the_rep(detector, [(HOW_BIG, s) for s in SIZES])
    assert {text: kind for text, kind in kinds.items() if kind != "current_setup"} == {}
