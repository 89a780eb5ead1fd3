"""A pain told as a story of the buyer's own operation (``stories.py``, ``[story]`` in
``cues.toml``): their customers asking what nobody can answer, a mishap counted in a time, a
capability of their own wished for; and a problem named as theirs ("our problem is the sites don't
talk to each other", "a Word doc only Frank can find"). Review 26: "Customers ring Nell on a
Saturday asking if their lift's still on and she's got no idea." had been an adoption objection
(0.74), "If I could see who's paid without opening <tool> and Sage side by side, that alone would
be worth it." an integrations one (0.79). A story that turns against us stays an objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.detect.stories import story_told
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

ASKED_AND_UNANSWERED = [
    "Customers ring the yard on a Saturday asking if their job's still on and the lad on the "
    "gate has no idea.",
    "Families ring the night line asking where their mum is and the on-call driver has no idea.",
    "Farmers phone on a Sunday asking when the tanker's coming and nobody in the office can "
    "tell them.",
    "Clients email us on a Friday night asking if the site's back up and the account manager "
    "hasn't got a clue.",
    "Patients ring reception asking if their results are in and the girls can't tell them.",
    "Donors call asking whether their gift went through and Sue has to go and dig through three "
    "spreadsheets.",
    "Householders ring asking when the technician's coming back and the office hasn't a clue.",
    "Parents text the head asking whether the minibus has left and she's got no way of knowing.",
    "Tenants ring on a Sunday asking if the boiler man's booked and nobody on call knows.",
    "Growers phone asking which pallets went out on Tuesday and we have to ring round the drivers.",
]
MISHAPS_COUNTED = [
    "Twice last spring we craned a boat out before the one that was actually booked.",
    "Last winter we booked two funerals into the same chapel slot.",
    "Three times this year a crew sprayed the wrong field.",
    "Twice last month the technician turned up at the wrong house.",
    "A couple of times this term the minibus went to the wrong school.",
    "Last week we invoiced a client twice by mistake.",
    "Only last Friday two vets were double-booked for the same surgery.",
    "More than once last summer a volunteer forgot to bank the collection.",
    "The other day a courier took the pallet that was actually meant for Leeds.",
    "Three times last quarter the developers deployed to the wrong server.",
]
WISHES = [
    "If I could see who's paid without opening two systems side by side, that alone would be "
    "worth it.",
    "If I could see which jobs are overdue without ringing every technician, that alone would "
    "be worth it.",
    "If we could just see the donor history in one place, that would save Sue a day a week.",
    "I'd love to be able to see which cows are due without walking the sheds.",
    "I wish we could text families when the hearse leaves.",
    "It would be great to be able to see the whole rota on one screen.",
    "If the foremen could log the spray records on the tractor, that'd be a game changer.",
    "We'd love to be able to tell patients their results the same day.",
    "If only we could see which bait stations were checked last, that would save us hours.",
    "I just wish our coordinators could see who's on call without phoning round.",
]
OUR_PROBLEM = [
    "Our problem is the three sites don't talk to each other.",
    "My biggest problem was the two depots never agreeing on stock.",
    "The booking system and the accounts package don't talk to each other.",
    "The waitlist is in a Word doc that only Frank can find.",
    "Only Dave knows how the old invoicing macro works.",
    "A job moves between depots and we end up invoicing it at both.",
    "Where it hurts is the cash box at the weekend.",
    "What really hurts is the Friday call-outs.",
    "Honestly the visitor side is where it falls over.",
    "The rota is where everything goes wrong.",
]
STORIES = ASKED_AND_UNANSWERED + MISHAPS_COUNTED + WISHES
# Stories that bring us in, a wish on our product or our price, a question or a reply: not
# told, and read as before, said one after another in a call (the objections stay objections).
AGAINST_US = {
    "Customers asked if your app works offline and I had no idea what to tell them.": "objection",
    "Staff keep asking whether it'll work offline and honestly I've got no idea.": "objection",
    "Twice last year a supplier sent us the wrong contract, so I'm wary of signing anything.": (
        "objection"
    ),
    "If you could get the price down, that would be worth it.": "objection",
    "I wish I could say yes, but the board won't have it.": "objection",
    "The problem is your app doesn't talk to Xero.": "objection",
    "Last year we picked the wrong vendor and it cost us, so this time I want references.": (
        "objection"
    ),
    "I wish you did monthly billing.": "other",
    "If I could just ask one more thing.": "other",
    "And send me the parent letter template, I'd love to see it.": "other",
    "Where it falls over for me is your reporting.": "objection",
    "We tried Jobber last year and the staff hated it.": "other",
    "Did the technician turn up at the wrong house last week?": "question",
}


@pytest.mark.parametrize("sentence", STORIES)
def test_a_story_of_their_own_operation_is_told(sentence: str) -> None:
    assert story_told(sentence) is not None
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", OUR_PROBLEM)
def test_a_problem_named_as_theirs_is_a_pain(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", AGAINST_US)
def test_one_that_brings_us_in_is_no_pain(sentence: str) -> None:
    assert not statements.tells_a_pain(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_them_as_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, STORIES + OUR_PROBLEM)
    assert {text: kind for text, kind in kinds.items() if kind != "pain"} == {}


def test_the_ones_against_us_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(AGAINST_US)) == AGAINST_US
