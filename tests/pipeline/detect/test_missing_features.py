"""A capability the buyer needs that the product lacks is a ``missing_feature`` objection, in
any trade (a plumbers' field-service tool, a clinic's booking system, a shop's returns tool); a
named system to connect stays integrations. Data leaving the country, a breach and a supplier's
access to their systems are security (walk 3: status quo and authority before)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REP = {
    "field": "So your engineers get their jobs on the app each morning.",
    "clinic": "Patients book online and get a text reminder the day before.",
    "returns": "Customers start the return from your own branded page.",
}

CATEGORY_OF = [
    # A capability missing (plumbers, a clinic, an online shop).
    (
        "field",
        "If it can't handle recurring boiler service contracts, that's a real problem for us.",
        "missing_feature",
    ),
    (
        "field",
        "There's no way to attach gas safety certificates to a job, and we need that every visit.",
        "missing_feature",
    ),
    (
        "clinic",
        "Your system doesn't do waiting lists, and we fill half our cancellations from ours.",
        "missing_feature",
    ),
    (
        "clinic",
        "It doesn't have a way to take deposits, and no-shows are killing us, so that's a deal"
        " breaker.",
        "missing_feature",
    ),
    (
        "returns",
        "Without exchanges instead of refunds it's a no from me, that's how we keep the revenue.",
        "missing_feature",
    ),
    (
        "returns",
        "You don't have a label-free drop-off option, and half our customers ask for it.",
        "missing_feature",
    ),
    # A breach or attack, and a supplier let into their systems.
    (
        "returns",
        "After we got hacked last spring, I'm wary of giving another app access to our orders.",
        "security",
    ),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _verdicts(detector: RuleEmbeddingDetector, rep: str, said: str) -> list[tuple[str, str]]:
    lines = [Line(1, "rep", rep), Line(2, "buyer", said), Line(3, "rep", "Understood.")]
    return [
        (d.kind, d.category or "")
        for d in detector.detect_utterances(lines)[2]
        if d.kind not in ("competitor", "why_now")
    ]


@pytest.mark.parametrize(("trade", "said", "category"), CATEGORY_OF)
def test_a_feature_gap_and_a_trust_worry_take_their_own_category(
    detector: RuleEmbeddingDetector, trade: str, said: str, category: str
) -> None:
    assert _verdicts(detector, REP[trade], said) == [("objection", category)], said


def test_a_capability_asked_then_required_is_a_missing_feature(
    detector: RuleEmbeddingDetector,
) -> None:
    """ "Does it do X? Because without that it's a no.": the bare reason is about the thing
    asked for (it had been integrations)."""
    said = "Does it do split shifts across two salons? Because without that it's a no."
    assert _verdicts(detector, "And the rota goes out every Friday.", said) == [
        ("question", ""),
        ("objection", "missing_feature"),
    ]


def test_a_deal_breaker_after_the_rep_says_it_is_on_the_roadmap(
    detector: RuleEmbeddingDetector,
) -> None:
    rep = "Batch tracking is on our roadmap for later this year, not in the product today."
    said = "Then honestly that's a deal breaker for me, batch recalls are half my week."
    assert _verdicts(detector, rep, said) == [("objection", "missing_feature")]


def test_a_system_to_connect_stays_integrations(detector: RuleEmbeddingDetector) -> None:
    """The same gap said of a named system is the integration; of a capability, the feature."""
    rep = REP["field"]
    assert _verdicts(detector, rep, "If it doesn't connect to Xero, that's a deal breaker.")[0] == (
        "objection",
        "integrations",
    )
    assert _verdicts(detector, rep, "If it doesn't do job costing, that's a deal breaker.")[0] == (
        "objection",
        "missing_feature",
    )


# The thing asked for called the one they need, in the same turn (walk 4: "Does it do the
# controlled drugs register digitally? That's the one thing I'd need." had been integrations).
NEEDED_AFTER_ASKING = [
    (  # vets
        "And the reminders go out by email.",
        "Can it handle repeat prescriptions for the farm clients? That's the one thing I'd need.",
        "missing_feature",
    ),
    (  # salons
        "Clients can book any stylist online.",
        "Does it do patch-test records? It's the only thing that matters to us.",
        "missing_feature",
    ),
    (  # warehousing
        "Pickers scan each tote as they go.",
        "Will it track batch numbers on the way out? That's the main thing we'd need.",
        "missing_feature",
    ),
    (  # accounting, a system to connect
        "The partners see every job's hours.",
        "Does it sync with IRIS? That's the one thing we'd need.",
        "integrations",
    ),
]


@pytest.mark.parametrize(("rep", "said", "category"), NEEDED_AFTER_ASKING)
def test_a_capability_asked_then_called_the_one_they_need(
    detector: RuleEmbeddingDetector, rep: str, said: str, category: str
) -> None:
    found = _verdicts(detector, rep, said)
    assert [kind for kind, _ in found] == ["question", "objection"], said
    assert found[1] == ("objection", category), said


def test_needing_it_asked_of_nothing_is_no_need_of_a_feature() -> None:
    """Only the sentence after a capability question takes its thing; the one thing they need
    to know is still asked, and a need said after a count of the business is no feature's."""
    from pipeline.detect.capabilities import needs_what_was_asked
    from pipeline.detect.classify import SentenceInput

    def said(turn: str, text: str) -> bool:
        return needs_what_was_asked(SentenceInput(text=text, context="", turn=turn))

    assert said("Does it do stock takes? That's all we need.", "That's all we need.")
    assert not said(
        "Does it do stock takes? That's the one thing I'd need to know.",
        "That's the one thing I'd need to know.",
    )
    assert not said(
        "We've got six vans. That's the one thing I'd need.", "That's the one thing I'd need."
    )
