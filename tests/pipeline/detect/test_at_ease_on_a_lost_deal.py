"""A buyer at ease or saying a worry was absent, praise of what was shown, a goodbye that keeps
us in mind, arranging the next step and a bare lead-in are no objections, even in a lost deal
(review 24p item 3: "Your per-seat price was fine." had been a price objection at 0.82 in a deal
lost to a rival, "I love that the client doesn't need a login." an objection theme of its own,
"If the <rival> rollout goes sideways, you'll be the first person I call." a competitor one).
Objections said beside the same words stay objections."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, asides, conditions, rules
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

RIVALS = ["Fieldwire", "Rotaly", "ShelfWise"]

# A worry said absent, looking back or with a sincerity aside.
AT_EASE = [
    "Price wasn't really the issue, to be honest.",
    "Your per-seat price was fine.",
    "Honestly, the monthly fee was never the problem.",
    "The cost wasn't the main concern, to be fair.",
    "Your per-vehicle pricing was reasonable.",
    "To be honest, the subscription fee was fine.",
    "Frankly, the price per site seemed fair.",
    "The pricing has been fine, in fairness.",
]
# What the buyer liked in what we showed, its words whatever they are.
PRAISE = [
    "I love that the client doesn't need a login.",
    "I like that nobody has to re-key the delivery notes.",
    "We love how the drivers don't have to ring the office anymore.",
    "I really like that the parents never need to download an app.",
    "I appreciate that the vets can't skip the consent step.",
]
# A goodbye that keeps us in mind after a loss.
DOOR_OPEN = [
    "If the Fieldwire rollout goes sideways, you'll be the first person I call.",
    "If things don't work out with Rotaly, you're top of our list.",
    "Should the new system fall over in peak, we'll give you a ring.",
    "If it all goes wrong with ShelfWise, you'll be the first to know.",
    "We'll definitely keep you in mind if the merger changes anything.",
]
# Arranging the next step, and a lead-in saying nothing until the sentence after it.
NEXT_STEPS = [
    "Send over a sample payroll file and the migration plan and we'll take it from there.",
    "Get us a test export for two of the clinics and we'll go from there.",
    "We'd like to see a sample invoice run first.",
    "I'd love to see the parent app before the next call.",
    "We'd like to see a sample report first.",
    "Here's the thing though.",
    "The thing is.",
    "Let me be honest with you.",
    "Here's the catch.",
]
SAYS_NO_OBJECTION = [*AT_EASE, *PRAISE, *DOOR_OPEN, *NEXT_STEPS]

# Proof the buyer needs to see before going on: a condition, an objection in the labelled sets
# ("I'd want to see the actual file before anything else." in HireSpark, "I want to see a full
# month of the Saturday shift using it before we sign.", "I'd need to see the payback period
# before I take it to our owners."); the rule of arranging had taken "want to see ... first"
# for a next step, as if asked like "we'd like to see a sample report first".
PROOF_FIRST = [
    "I'd want to see the actual file before anything else.",
    "I'd want to see the actual report before anything else.",
    "We'd want to see a live payroll run first.",
    "I would want to see the deposit file before going any further.",
    "We would want to see the HMRC return it produces first.",
    "I'd want to see it working on a real site first.",
    "We'd want to see the umbrella export before the next step.",
    "I'd want to see the audit trail on a live deed first.",
    "We'd want to see the Xero sync with our own chart of accounts first.",
    "I'd want to see a month of the night shift using it before we go further.",
]

# Objections said beside the same words.
OBJECTIONS = [
    "The price was too high, to be honest.",
    "Your per-seat price was fine for five, not for forty.",
    "The monthly fee was fine, but the three-year term was a dealbreaker.",
    "I love that the client doesn't need a login, but the per-seat price is too high.",
    "If your price comes down, you'll be the first person I call.",
    "We can't afford it this year, but we'll keep you in mind.",
    "Here's the thing, it's too expensive for a shop our size.",
    "We'd need to see your SOC 2 report before we sign anything.",
    "I don't like that you charge per seat for the part-timers.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


@pytest.mark.parametrize("sentence", AT_EASE)
def test_a_worry_said_absent_settles_it(sentence: str) -> None:
    assert rules.settles_it(sentence)


@pytest.mark.parametrize("sentence", PRAISE)
def test_what_they_like_is_praise_whatever_its_words(sentence: str) -> None:
    assert asides.praises_us(sentence, RIVALS)


@pytest.mark.parametrize("sentence", DOOR_OPEN)
def test_a_goodbye_that_keeps_us_in_mind(sentence: str) -> None:
    assert conditions.leaves_the_door_open(sentence)


@pytest.mark.parametrize("sentence", NEXT_STEPS)
def test_a_next_step_or_a_lead_in_is_ruled_other(sentence: str) -> None:
    assert rules.ruled_other(sentence, "buyer")


@pytest.mark.parametrize("sentence", [*OBJECTIONS, *PROOF_FIRST])
def test_no_rule_takes_an_objection_for_ease(sentence: str) -> None:
    assert not rules.ruled_other(sentence, "buyer")
    assert not asides.says_no_concern(sentence, RIVALS)


def test_the_detector_reads_no_objection_in_them(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, SAYS_NO_OBJECTION)
    assert {text: kind for text, kind in kinds.items() if kind == "objection"} == {}


def test_objections_beside_the_same_words_stay(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, OBJECTIONS)
    assert {text: kind for text, kind in kinds.items() if kind != "objection"} == {}
