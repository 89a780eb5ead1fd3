"""A thing the buyer makes the purchase wait on ("We'd also need X before we move") or fall
without ("Without X it's a deal breaker") is a blocker in the topic of the thing: a missing
feature whatever the feature is (recurring appointments for a salon, route optimisation for a
courier firm, waitlists for a studio), a named system, a price, a trial or a sign-off keeping its
own topic (walk 7 snag 3: set-up time from "before we move", the contract the turn named first).
Real embedder and detector."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.needed_things import needed_thing
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

# The buyer's turn, the sentence in it to read, and the category it has: each trade's feature
# said as needed before switching and as the deal breaker without it (the latter after a
# contract the turn mentions first, which had lent it its topic).
NEEDED = [
    (  # a salon
        "We'd also need recurring appointments before we switch, half our clients book the same"
        " slot every fortnight.",
        "missing_feature",
    ),
    (
        "We signed a two year deal with our current booking provider and there's about a year"
        " left on it. Without proper recurring appointments that repeat by themselves it's a deal"
        " breaker for us.",
        "missing_feature",
    ),
    (  # couriers
        "We'd need route optimisation before we move the drivers over, they waste an hour a day"
        " criss-crossing town.",
        "missing_feature",
    ),
    (
        "The notice period on our current contract is three months, so timing's awkward."
        " Without decent route optimisation it's a deal breaker for us.",
        "missing_feature",
    ),
    (  # a yoga studio
        "We'd also need the waitlist thing before we move, our sunrise classes have a waitlist of"
        " ten most days.",
        "missing_feature",
    ),
    # What is needed names another topic: that topic.
    ("We'd need it to sync with Xero before we sign, that's where the books live.", "integrations"),
    ("We'd want a free trial before we commit, we got burnt last time.", "contract"),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _last_verdict(detector: RuleEmbeddingDetector, turn: str) -> tuple[str, str]:
    lines = [Line(1, "rep", "Anything else on your list?"), Line(2, "buyer", turn)]
    found = [d for d in detector.detect_utterances(lines)[2] if d.kind not in ("competitor",)]
    last = max(found, key=lambda d: d.char_start)
    return last.kind, last.category or ""


@pytest.mark.parametrize(("turn", "category"), NEEDED)
def test_a_thing_the_purchase_waits_on_or_falls_without_is_its_topic(
    detector: RuleEmbeddingDetector, turn: str, category: str
) -> None:
    assert _last_verdict(detector, turn) == ("objection", category), turn


@pytest.mark.parametrize(
    "sentence",
    [
        "We need a new office before we move offices.",  # a move that is no purchase
        "We'd need a couple of weeks before we switch.",  # time, no thing
        "We need the whole team trained before we switch.",  # a state of theirs
        "We did it without any help, it's no big deal.",  # no verdict on a purchase
        "Without you guys it's a no.",  # a person
        "Do we need waitlists before we move?",  # asked
    ],
)
def test_no_thing_a_product_has_is_needed(sentence: str) -> None:
    assert needed_thing(sentence) is None
