"""What the buyer uses, decided or provided by a body above them, is a set-up when they describe
it and a contract objection (a named rival's when it names one, a price one when that body pays
for it) when they offer it as the reason they can't move (review 23l item 5: "we're on Famly
through the group" had been read as set-up only, on a call lost to it). The turn decides: the
rep asking how they work today, or a pitch or a price before it, or the buyer's own caveat."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.parent_lock_in import through_a_parent
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, kinds_after_the_rep

RIVALS = ["ResDiary", "Planday"]
LOCK_INS = [
    "We're on ResDiary through the group.",
    "Head office put every branch on Planday last year.",
    "The diocese gives us ChurchBooks for free.",
    "Our franchisor mandates Tillwise for every store.",
    "Corporate pays for the fleet tracker across all forty depots.",
    "We get the practice software through the parent company.",
    "The trust rolled out CareLog to every home last spring.",
    "Our head office has already signed a group-wide licence for the booking system.",
    "The council gives every library the same catalogue system.",
    "We're on the chain's own rota app, via head office.",
    "The brand mandates the same POS in every hotel.",
]
ASKED_TODAY = [
    "What are you using for table bookings today?",
    "How do you handle the rotas at the moment?",
    "Walk me through your current setup for the parish accounts.",
    "What do you use for scheduling right now?",
]
PITCHES = [
    "It's forty a month per site and we can have you live in a week.",
    "We could migrate your rotas over in a day, and it's six pounds a head.",
    "So the plan would be twelve pounds a month per location.",
    "We'd love to get you on the pilot for the new version.",
]
# The body above them pays: a price lock-in, as the labelled sets have "<rival> is free for us,
# corporate covers it."
PAID_FOR = {
    "The diocese gives us ChurchBooks for free.",
    "Corporate pays for the fleet tracker across all forty depots.",
}
# A caveat of its own makes it the reason, whatever the rep asked.
CAVEATS = [
    "The thing is, we're on ResDiary through the group.",
    "I should say up front, head office put every branch on Planday last year.",
    "Unfortunately the franchisor mandates Tillwise, so our hands are tied.",
]
# An approval still to come is authority, not this rule's.
NOT_LOCK_INS = [
    "Head office would have to approve anything new.",
    "And it would have to go through council procurement, which means a framework tender.",
    "Anything over five grand goes through head office procurement.",
    "I'd have to ask head office first.",
    "We use a spreadsheet at the moment.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def _turns(reps: list[str], buyers: list[str]) -> list[tuple[str, str]]:
    return [(reps[n % len(reps)], buyer) for n, buyer in enumerate(buyers)]


@pytest.mark.parametrize("sentence", LOCK_INS)
def test_a_lock_in_is_said_of_a_body_above_them(sentence: str) -> None:
    assert through_a_parent(sentence)


@pytest.mark.parametrize("sentence", NOT_LOCK_INS)
def test_an_approval_to_come_or_a_set_up_is_no_lock_in(sentence: str) -> None:
    assert not through_a_parent(sentence)


def test_a_lock_in_described_after_what_they_use_today_is_set_up(
    detector: RuleEmbeddingDetector,
) -> None:
    kinds = kinds_after_the_rep(detector, _turns(ASKED_TODAY, LOCK_INS))
    assert {text: kind for text, kind in kinds.items() if kind != "current_setup"} == {}


def test_a_lock_in_after_a_pitch_or_with_a_caveat_is_a_contract_or_rival_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    turns = _turns(PITCHES, LOCK_INS) + _turns(ASKED_TODAY, CAVEATS)
    found: dict[str, tuple[str, str | None]] = {}
    for rep, buyer in turns:
        detected = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
        kind = next(d for d in detected if d.kind not in ("competitor", "why_now"))
        found[buyer] = (kind.kind, kind.category)
    named = [text for text in found if any(rival in text for rival in RIVALS)]
    # a rival they say they are on takes it ("we're on <rival> through the group"); one only
    # named beside the lock-in leaves it a contract objection
    rival_or_contract = (("objection", "competitor"), ("objection", "contract"))
    assert {t: f for t, f in found.items() if t in named and f not in rival_or_contract} == {}
    unnamed = {t: ("objection", "price" if t in PAID_FOR else "contract") for t in found}
    assert {t: f for t, f in found.items() if t not in named and f != unnamed[t]} == {}


def test_the_labelled_caveat_after_a_greeting_is_the_rivals_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    """The labelled sets' own line (examples/labelled/nurserynest): a caveat after a greeting."""
    said = (
        "I should say up front, we're part of Little Explorers, so we're on Famly through the"
        " group."
    )
    lines = [Line(0, "rep", "Hi Sam, thanks for taking the call."), Line(1, "buyer", said)]
    found = detector.detect_utterances(lines, competitors=["Famly"])[1]
    assert [(d.kind, d.category) for d in found if d.kind != "why_now"][0] == (
        "objection",
        "competitor",
    )
