"""A rival that takes the deal unless we meet a condition (``conditions.condition_beside_a_rival``):
the objection is the condition's topic, the rival only where the deal goes. Fitted on twenty-two
sets, the model had filed a rep's "Might lose to Vetlink if the price doesn't move." as a
competitor objection; what we would have to change is the price."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.conditions import condition_beside_a_rival
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["Vetlink", "Alto", "Bullhorn", "Ekos", "Procore", "Toastly", "Clio", "Fleetio"]

# (role, sentence, the condition's topic), across trades
ON_A_CONDITION = [
    ("rep_note", "Might lose to Vetlink if the price doesn't move.", "price"),
    ("buyer", "We'll probably stay with Alto unless you can match their per-unit price.", "price"),
    ("rep_note", "Likely renews with Bullhorn if the seat price stays at £69.", "price"),
    ("buyer", "We'll go back to Ekos if the Xero sync isn't there by March.", "integrations"),
    ("buyer", "Procore gets it unless the contract drops to twelve months.", "contract"),
    ("rep_note", "Leaning to Toastly if the monthly fee comes down.", "price"),
    ("buyer", "We'd stick with Clio if your hosting isn't ISO 27001 certified.", "security"),
    ("rep_note", "May lose to Fleetio unless the board signs off.", "authority_timing"),
    ("buyer", "If the price doesn't come down, we'll renew with Alto.", "price"),
    ("buyer", "Bullhorn wins unless your annual price is under ours today.", "price"),
]  # fmt: skip
# The condition is about the rival, asked, or names no topic: the rule says nothing.
NO_CONDITION_ON_US = [
    "If we went with Vetlink we'd lose the history.",
    "We'd go with Alto if it did the rota.",
    "Would you match Bullhorn if we signed today?",
    "We're going with Ekos.",
    "Procore is cheaper than you.",
    "If Toastly had offline mode we'd have picked them.",
    "We might go with Clio if their rota is ready in time.",
    "Lost to Fleetio.",
    "We'll stay with Alto unless something changes.",
    "Did you lose to Vetlink if the price was the issue?",
]


@pytest.mark.parametrize(("_", "sentence", "topic"), ON_A_CONDITION)
def test_the_conditions_topic_is_the_objection(_: str, sentence: str, topic: str) -> None:
    assert condition_beside_a_rival(sentence, RIVALS) == topic


@pytest.mark.parametrize("sentence", NO_CONDITION_ON_US)
def test_no_condition_on_us_no_topic(sentence: str) -> None:
    assert condition_beside_a_rival(sentence, RIVALS) is None


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def test_the_detector_files_an_objection_on_a_condition_under_its_topic(
    detector: RuleEmbeddingDetector,
) -> None:
    """Whatever the kind model reads, an objection here is never filed under the rival."""
    wrong = {}
    for role, sentence, _ in ON_A_CONDITION:
        found = detector.detect_utterances([Line(1, role, sentence)], ours=["Zoetica"])[1]
        said = next(d for d in found if d.kind not in ("competitor", "why_now"))
        if said.kind == "objection" and said.category == "competitor":
            wrong[sentence] = (said.category, said.competitor)
    assert not wrong
