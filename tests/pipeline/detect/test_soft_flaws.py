"""A lukewarm verdict on today's tool, then its fault after a soft turn ("It's fine, it's just
slow.", "It works, mostly, it just crashes on a Friday."; ``status_quo.flaw_after_concession``,
``[status_quo] soft_turn`` and ``fault`` in ``cues.toml``): a pain, like the concession turned
by "but" (``test_flaw_after_concession.py``). The model had read them as small talk or as the
status quo. Not more praise after the turn ("It's fine, it just works."), what the tool is
("It's alright, it's just a spreadsheet."), "It's fine." alone or a verdict with no fault
("It's fine for now, we're not in a rush."); and the rep's question about the tool they run
makes the "it" theirs however it is put ("So what do you use for the dispatch board?")."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.detect.status_quo import flaw_after_concession
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

SOFT_FLAWS = {
    "How are you doing the till at the moment?": "It's fine, it's just slow.",
    "What are you using for the rota?": "It works, mostly, it just crashes on a Friday.",
    "And how's the current system treating you?": "It's fine, it just takes forever to load.",
    "So what do you use for the dispatch board?": "It works, it just falls over every month-end.",
    "How do you book the treatment rooms today?": "It's okay, it's just really clunky.",
    "What are you on for the practice management side?": (
        "It does the job, it's just a pain to find an old invoice."
    ),
    "How do you track the kegs currently?": "It's alright, it just keeps losing the returns.",
    "What do you use for the parents' evening slots?": "It works, just slow on the old laptops.",
    "How do you manage the gym's memberships today?": (
        "It's fine, it just doesn't do direct debits."
    ),
    "What system do you use for the council's bin rounds today?": (
        "It's okay, it's just very dated."
    ),
    "How are you handling the delivery notes today?": (
        "It does the job, it just times out when the signal drops."
    ),
}
# Not a fault after the turn, a verdict with none, or the status quo defended: read as before.
NO_SOFT_FLAW = {
    "What are you using for the rota?": "It's fine.",
    "How are you doing the bookings today?": "It's fine for now, we're not in a rush.",
    "What do you use for the stock today?": "It's fine, honestly, it does what we need.",
    "And what do you use for the rounds today?": "It's fine, it just works.",
    "How do you track the hours at the moment?": "It's alright, it's just a spreadsheet.",
}


@pytest.mark.parametrize("sentence", SOFT_FLAWS.values())
def test_a_fault_after_a_soft_turn_is_a_flaw_of_today(sentence: str) -> None:
    assert flaw_after_concession(sentence) is not None
    assert statements.tells_a_flaw(sentence)


@pytest.mark.parametrize("sentence", NO_SOFT_FLAW.values())
def test_praise_or_a_description_after_the_turn_is_no_flaw(sentence: str) -> None:
    assert not statements.tells_a_flaw(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_each_as_a_pain(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, list(SOFT_FLAWS.items()))
    assert {t: k for t, k in found.items() if k != "pain"} == {}


def test_no_flaw_is_no_pain(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, list(NO_SOFT_FLAW.items()))
    assert {t: k for t, k in found.items() if k == "pain"} == {}
    assert found["It's fine."] == "other"
    assert found["It's fine, honestly, it does what we need."] == "objection"  # the status quo


def test_after_our_pitch_the_it_is_ours(detector: RuleEmbeddingDetector) -> None:
    pitch = "Our route planner re-sorts the day every morning."
    found = kinds_after_the_rep(detector, [(pitch, "It's fine, it just sends two vans out.")])
    assert found != {"It's fine, it just sends two vans out.": "pain"}
