"""Today's set-up told by where the buyer's work is kept or by what they never moved to
(``where_kept.py``, ``[statement]`` in ``cues.toml``), and a cost or contract word that names
their own document ("the price list", "the contracts are the carbonless forms"): no objection.
Review 27: "The GPL's printed in a binder and the contracts are the carbonless forms from the
supplier." had been a contract objection, "We never moved to the online one." a status-quo one
(0.58), "Right now the price list lives in a Word doc and I'm never a hundred percent sure the one
on the website matches ..." a price one (0.55), "Because families still send people to those
links, some of them go back to 2018." a switching one (0.87). Our price, a need of theirs or a
reason not to move stays an objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

KEPT = [
    "The treatment plans are printed in a binder at reception.",
    "That all lives in Jobber at the moment.",
    "The mooring contracts are the carbon paper forms from the harbour office.",
    "Our price list lives in a Google Sheet that three of us edit.",
    "The spray records are kept in a notebook in the tractor cab.",
    "Every donor's pledge is filed in the cabinet behind my desk.",
    "The consent forms are stored on the shared drive.",
    "The fee schedule sits in a Word doc on the bursar's laptop.",
    "The lift-out rota lives on the whiteboard in the workshop.",
    "Our rate card is kept in a PDF we email out.",
]
NEVER_MOVED = [
    "We never moved to the cloud version.",
    "We never upgraded to the online one.",
    "The office never switched over to the new invoicing module.",
]
# Records kept since a year, with a habit that goes on ("still ring"): no doubt in "still".
HELD = ["Because parents still ring the office, some of the records go back to 2015."]
# Their own price list, and a doubt about their own records: a pain.
OWN_PRICE_PAINS = [
    "Right now our price list lives in a spreadsheet and I'm never sure the one the techs have "
    "is the latest.",
    "The fee schedule is in a Word doc and nobody's ever quite sure which version is current.",
]
# Our price, terms we'd set, where our data must be, a need of ours, a reason not to move, people
# who use a tool all day: read as before, said one after another in a call.
NOT_KEPT = {
    "Your price list is more than we pay now.": "objection",
    "Your price is more than we pay now.": "objection",
    "The contract would have to be monthly.": "objection",
    "Our data has to be stored in the UK.": "objection",
    "Our bookkeeper lives in QuickBooks, so it has to sync the deposits properly.": "objection",
    "We never switched because moving everything would take months.": "objection",
    "We never moved to the cloud and we're not going to.": "objection",
    "The other thing is we both live in Outlook all day.": "other",
}


@pytest.mark.parametrize("sentence", KEPT + NEVER_MOVED)
def test_where_work_is_kept_or_what_they_never_moved_to_is_the_setup(sentence: str) -> None:
    assert statements.describes_the_setup(sentence)


@pytest.mark.parametrize("sentence", HELD)
def test_a_habit_that_goes_on_is_no_doubt_in_what_they_hold(sentence: str) -> None:
    assert statements.describes_what_they_hold(sentence)


@pytest.mark.parametrize("sentence", OWN_PRICE_PAINS)
def test_their_own_price_list_is_no_price_of_ours(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", NOT_KEPT)
def test_one_about_us_or_a_need_is_no_setup(sentence: str) -> None:
    assert not statements.describes_the_setup(sentence)
    assert not statements.tells_a_pain(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_no_objection_in_them(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, KEPT + NEVER_MOVED + HELD)
    assert {text: kind for text, kind in kinds.items() if kind == "objection"} == {}


def test_the_detector_reads_their_price_list_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, OWN_PRICE_PAINS)
    assert set(kinds.values()) == {"pain"}


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(NOT_KEPT)) == NOT_KEPT
