"""A concession of what the buyer runs today, then its flaw (``status_quo.flaw_after_concession``,
``statements.tells_todays_flaw``; ``[status_quo]`` and ``[statement]`` in ``cues.toml``): a pain,
a reason to buy. Review 27: "It works, it does work, but if someone leans on it, it's gone." (after
the whiteboard they described) had been a status-quo objection (0.86); the labelled sets have
"<tool>'s inductions are fine but the permits module is clunky" as a pain. "It works, so why
change?" stays the status quo; a flaw that brings us in, names our price or weighs what is to come
stays an objection, and so does an "it" said right after the rep described our product."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds, kinds_after_the_rep, sentence_kinds

CONCEDED_FLAWS = [
    "It works, it does work, but if someone rubs it out, the whole week of jobs is gone.",
    "The spreadsheet works, but only Dave can update the bait station tab.",
    "It's fine for the berth list, but it can't take a card payment, so I'm matching bank "
    "transfers by hand every month.",
    "Trello does the job, but nobody on the dev team updates it after standup.",
    "The paper diary's okay, but if a page gets wet in the lambing shed we lose the records.",
    "Our CRM is fine, but half the gift aid declarations are missing from it.",
    "The booking system works fine, but it double-books the treatment rooms twice a week.",
    "It does the job, though the parents' evening slots still go out on paper forms.",
    "The old till's alright, but it crashes every Saturday when the queue is out the door.",
    "Fieldmate schedules the rounds fine, but the technicians never see a new job until they "
    "ring in.",
    # praise of today's tool, then its flaw (read as an objection before)
    "It's never let us down, but the reporting is a nightmare.",
]
# The status quo defended, a reply to the rep, our price, a need of ours, what is to come, a
# term that binds them, a question: read as before, said one after another in a call.
NOT_CONCEDED_FLAWS = {
    "It works, so why would we change?": "objection",
    "That's fine, but the board only meets in March.": "objection",
    "Your per-seat price is fine, but the card fee on top bothers me.": "objection",
    "The demo looked fine, but I'd need to see it on the lads' phones first.": "objection",
    "It's fine, but the team won't use another app.": "objection",
    "Thirty dollars a month is fine for the vans, but I'm not paying that for the trailers.": (
        "objection"
    ),
    "It's okay, but we're locked into our current contract until June.": "objection",
    "That works, but can it do recurring visits?": "question",
}


@pytest.mark.parametrize("sentence", CONCEDED_FLAWS)
def test_a_concession_of_a_tool_then_its_flaw_is_told(sentence: str) -> None:
    assert statements.tells_a_flaw(sentence)


@pytest.mark.parametrize("sentence", NOT_CONCEDED_FLAWS)
def test_one_about_us_or_the_deal_is_no_flaw_of_today(sentence: str) -> None:
    assert not statements.tells_a_flaw(sentence)


# Said in a turn: a tool named, or an "it" after the buyer's own set-up.
IN_TURNS = [
    "We do the rota on a whiteboard in the yard. " + CONCEDED_FLAWS[0],
    CONCEDED_FLAWS[1],
    "We keep the berth list in MarinaBook. " + CONCEDED_FLAWS[2],
    *CONCEDED_FLAWS[3:6],
    "We book the rooms in the clinic's own system. " + CONCEDED_FLAWS[6],
    "We send the letters through the school's portal. " + CONCEDED_FLAWS[7],
    *CONCEDED_FLAWS[8:10],
    "We've had the same rota app for years. " + CONCEDED_FLAWS[10],
]
# After the rep's question about how they work today, "it" is theirs.
ASKED_TODAY = {
    ("How are you doing the berth bookings at the moment?"): (
        "It's okay, but it double-books the visitor berths every bank holiday."
    ),
}
# After the rep described our product, "it" is ours: a complaint about us, read as before.
AFTER_OUR_PITCH = {
    "Our route planner re-sorts the day every morning.": (
        "It works, except it keeps sending two vans to the same street."
    ),
    "The donor portal sends the receipts for you.": (
        "It's fine, but the receipts go out with the wrong date."
    ),
    "The sync runs every minute.": "It just works, except the sync keeps dropping orders.",
}


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_them_as_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = sentence_kinds(detector, IN_TURNS)
    assert {text: kinds[text] for text in CONCEDED_FLAWS if kinds[text] != "pain"} == {}


def test_after_a_question_about_today_it_is_a_pain(detector: RuleEmbeddingDetector) -> None:
    kinds = kinds_after_the_rep(detector, list(ASKED_TODAY.items()))
    assert set(kinds.values()) == {"pain"}


def test_after_our_pitch_it_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    kinds = kinds_after_the_rep(detector, list(AFTER_OUR_PITCH.items()))
    assert set(kinds.values()) == {"objection"}


def test_the_others_keep_their_reading(detector: RuleEmbeddingDetector) -> None:
    assert buyer_kinds(detector, list(NOT_CONCEDED_FLAWS)) == NOT_CONCEDED_FLAWS
