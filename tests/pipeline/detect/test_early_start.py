"""A start the buyer wishes for by a date or an event is a deadline they want us to meet, no
put-off (``early_start.py``, ``[early_start]`` in ``cues.toml``). Review 27: "I'd want it going
before Thanksgiving if we can, it gets busy around the holidays." (a won deal) had been an
authority_timing objection at 0.93 heading a theme. "Not before Thanksgiving, it gets busy." is
the put-off; a wish turned, put off, set on a proof or beside another worry stays an objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.early_start import wants_an_early_start
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import kinds_after_the_rep

# (the rep's turn before, the buyer's wish), across trades
EARLY_STARTS = [
    ("And when can you start?",
     "I'd want it going before Thanksgiving if we can, it gets busy around the holidays."),
    ("When would you want the farm on it?", "Ideally we'd have it running before lambing starts."),
    ("What's your timeline for the school?", "We're hoping to be live by the start of term."),
    ("When would the marina want to launch?",
     "I'd love to have the app going before the spring bookings open."),
    ("How soon would the clinic want it?",
     "We'd like everyone on it before the flu clinics in October."),
    ("When would the technicians start?",
     "I'd want the crews using it by the start of the wasp season."),
    ("What's the charity's timeline?", "The plan is to go live before the Christmas appeal."),
    ("When would the agency move across?",
     "We're aiming to switch over before the new financial year."),
    ("Any timeline in mind for the shop?",
     "Hopefully we can get started before the busy season, if that's doable."),
    ("So what happens after the board meeting?",
     "If the trustees say yes on the twelfth, I'd want it live before the Christmas appeal goes"
     " out."),
    ("When would the boatyard want it?",
     "I want the whole yard set up before the boats come out in March."),
    ("What's a realistic go-live for the college?",
     "Let's aim to have it up and running by the end of January, that's when the new intake"
     " arrives."),
]  # fmt: skip

# No wish, a wish turned or put off, a proof or a step of the purchase first, another worry
# beside it, or asked: not this rule's.
NOT_EARLY_STARTS = [
    "Not before Thanksgiving, it gets busy.",
    "We wouldn't want it going before the new year.",
    "I'd want it live before the audit, but your onboarding takes twelve weeks.",
    "I'd want it running before the spring rush, and I don't see how you can do that.",
    "We'd need to be live before Memorial Day, otherwise it waits until next year.",
    "I'd want the DPIA done before go-live.",
    "We'd want to see it running before we sign anything.",
    "Can we be live before Easter?",
    "I'd want to wait until after the harvest.",
    "We'd hoped to be live before Christmas, but that's gone now.",
    "We'd want to go live by the new year at the earliest.",
    "I'd want it going before the school year, and the price has to come down first.",
    "We'd like to start after Christmas, it's too busy before then.",
    "I'd want to test it live before we commit.",
]


@pytest.mark.parametrize("turn", EARLY_STARTS, ids=[b for _, b in EARLY_STARTS])
def test_a_start_wished_for_by_a_date_is_told(turn: tuple[str, str]) -> None:
    assert wants_an_early_start(turn[1])


@pytest.mark.parametrize("sentence", NOT_EARLY_STARTS)
def test_a_put_off_a_condition_or_a_worry_is_not(sentence: str) -> None:
    assert not wants_an_early_start(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_no_objection(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, EARLY_STARTS)
    assert {said: kind for said, kind in found.items() if kind == "objection"} == {}


# Put-offs and conditions the model reads as objections, after a rep's question on timing.
STILL_OBJECTIONS = [
    ("And when can you start?", "Not before Thanksgiving, it gets busy."),
    ("When would you want to go live?",
     "We'd need to be live before Memorial Day, otherwise it waits until next year."),
    ("When would you want to start?", "I'd rather hold off until the spring."),
    ("When would you want to start?", "Not until the new year, realistically."),
    ("What's your timeline?",
     "I'd want it live before the audit, but your onboarding takes twelve weeks."),
]  # fmt: skip


def test_the_put_offs_stay_objections(detector: RuleEmbeddingDetector) -> None:
    found = kinds_after_the_rep(detector, STILL_OBJECTIONS)
    assert {said: kind for said, kind in found.items() if kind != "objection"} == {}
