"""A buyer saying who they are is no objection (review 23m item 4: "So I'm the office manager for
Brightsmile Dental Group, we have three offices ..." had been an adoption objection): today's
set-up when it says the size of the team or the organisation, else an introduction (``other``),
as the labelled example calls have them. A worry or a word about us after it keeps the
objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.statements import describes_themselves
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

OPENING = "Thanks for making time today, maybe start with a bit about your role?"
# (the sentence, the kind it takes), across trades
SELF_DESCRIPTIONS = [
    ("So I'm the office manager for the Harbour Road surgery.", "other"),
    ("I run ops for three sites.", "current_setup"),
    ("I look after IT for the trust, it's just me.", "current_setup"),
    ("I'm the practice manager at Elm Street Vets, we're a four-vet practice.", "current_setup"),
    (
        "I'm the general manager here, we've got two restaurants and about forty staff.",
        "current_setup",
    ),
    ("I run front of house at the Anchor, and I do the rotas.", "other"),
    ("I look after operations for the whole group, so five depots.", "current_setup"),
    ("I'm the finance director, so the invoices all come through me.", "other"),
    ("So I'm the head of facilities for the college, we've got three campuses.", "current_setup"),
    ("I'm one of the partners here, I look after the conveyancing side.", "other"),
    ("I'm basically the bookkeeper and the IT person, it's a family business.", "current_setup"),
    ("I manage the warehouse, twelve pickers on two shifts.", "current_setup"),
    ("I'm the operations lead for Coastline Freight, we run thirty trucks.", "current_setup"),
    ("Yeah, I'm the owner, I started the gym about six years ago.", "current_setup"),
    ("Um, I'm responsible for the kitchens across the group.", "other"),
    (
        "I'm the salon manager, and I basically do the payroll too because nobody else will"
        " touch it.",
        "current_setup",
    ),
]
# A worry or a word about us after who they are: objections.
OBJECTIONS = [
    "It's just me for sixty-two staff, so I haven't got time to learn another tool.",
    "I'm the office manager, so I can't sign off anything over five hundred pounds.",
    "I run three sites, and your price per site just doesn't work for us.",
    "I look after IT on my own, so I can't take on another system to babysit.",
    "I'm the only vet here, so honestly I'm worried about the time it takes to set up.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("sentence, kind", SELF_DESCRIPTIONS)
def test_a_buyer_saying_who_they_are_is_a_setup_or_an_introduction(
    detector: RuleEmbeddingDetector, sentence: str, kind: str
) -> None:
    assert describes_themselves(sentence) == kind
    # where the model reads no objection, its own set-up or introduction stands
    said = kinds_after_the_rep(detector, [(OPENING, sentence)])[sentence]
    assert said in ("current_setup", "other")


@pytest.mark.parametrize("sentence", OBJECTIONS)
def test_a_worry_after_who_they_are_stays_an_objection(
    detector: RuleEmbeddingDetector, sentence: str
) -> None:
    assert describes_themselves(sentence) is None
    assert kinds_after_the_rep(detector, [("So where would you start?", sentence)]) == {
        sentence: "objection"
    }
