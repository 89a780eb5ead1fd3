"""A limitation of ours the buyer takes in their stride is no objection
(``acceptance.accepts_a_limit``, ``[acceptance] limits`` in ``cues.toml``). Review 27: "OK, I can
live with a CSV, I'm doing it all by hand right now anyway." had been an integrations objection
at 0.87 (an FAQ's evidence), "We'll keep doing it by hand, it's not the end of the world." (a won
deal) authority_timing at 0.81. Refused, turned, set on us, or what they have today taken as good
enough, it stays the objection it is ("I can't live with a CSV.")."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.acceptance import accepts_a_limit
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

# (the rep's admission, the buyer taking it in stride), across trades
ACCEPTED = [
    ("We don't have a live integration yet, it's a CSV export.",
     "OK, I can live with a CSV, I'm doing it all by hand right now anyway."),
    ("The obituary sync isn't there yet, so that part stays manual.",
     "We'll keep doing it by hand, it's not the end of the world."),
    ("The berth map syncs overnight, not live.",
     "Fine, we can live with a nightly sync, the boats sit in the berths all week anyway."),
    ("The reports come out as an export rather than a dashboard.",
     "I can live with the export, we only run the report once a month."),
    ("We can't pull lab results in from the practice system yet.",
     "Right, we'll work around that, the vets can enter the lab results themselves."),
    ("Texts aren't in the school plan, it's email reminders only.",
     "We can make do with email reminders for now, the parents are used to them."),
    ("The upload to the council portal is manual for now.",
     "I could live with a manual upload, honestly."),
    ("Donor imports are a spreadsheet import for the first year.",
     "We'll get by with the spreadsheet import for the first season."),
    ("Offline mode is on the roadmap, not in the product today.",
     "The clinic can live with a paper backup on the odd day the wifi drops."),
    ("Spray reports are weekly, not daily.",
     "The farm can live with weekly reports, we only spray once a week anyway."),
    ("The rota can't be printed from the app yet.",
     "That isn't the end of the world, we print the rota on Mondays as it is."),
    ("The pest control app doesn't do the chemical log yet.", "Okay, I can live with that."),
]  # fmt: skip

# Refused, set on us, turned, a loss of theirs, their own way kept, or asked: not this rule's.
NOT_ACCEPTED = [
    "I can't live with a CSV.",
    "I could live with a CSV if the import were one click.",
    "We can live with what we've got, to be honest.",
    "I can live with a CSV for now, but we'll need the live sync by spring.",
    "We lose a booking or two a week, it's not the end of the world.",
    "It would be the end of the world if we lost the vaccination records.",
    "Can we live with a CSV?",
    "We'll make do with the old system for another year.",
    "I don't think we can live with a weekly sync.",
    "It's the end of the world for us if the sync drops.",
]


@pytest.mark.parametrize("turn", ACCEPTED, ids=[b for _, b in ACCEPTED])
def test_a_limitation_taken_in_stride_is_told(turn: tuple[str, str]) -> None:
    assert accepts_a_limit(turn[1])


@pytest.mark.parametrize("sentence", NOT_ACCEPTED)
def test_a_refusal_a_condition_or_a_loss_is_not(sentence: str) -> None:
    assert not accepts_a_limit(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_no_objection(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, ACCEPTED)
    assert {said: kind for said, kind in found.items() if kind == "objection"} == {}


STILL_OBJECTIONS = [
    ("We don't have a live integration yet, it's a CSV export.", "I can't live with a CSV."),
    ("We don't have a live integration yet, it's a CSV export.",
     "I can live with a CSV for now, but we'll need the live sync by spring."),
    ("The sync runs weekly on the starter plan.",
     "I don't think we can live with a weekly sync."),
]  # fmt: skip


def test_a_refusal_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, STILL_OBJECTIONS)
    assert {said: kind for said, kind in found.items() if kind != "objection"} == {}
