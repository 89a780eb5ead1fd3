"""A question told without a helper verb is still someone else's question, with its topic
(issue 16): a webinar host's "someone asked the price goes up after year one?" or "Q from Priya:
offline mode on the roadmap?", a rep's note "Asked re SSO." (it had been small talk). Three
trades each: a CRM for plumbers, a booking tool for physios, a returns tool for web shops."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.note_reports import reports_a_question
from pipeline.detect.relayed_questions import relays_a_question
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RELAYED = [
    ("someone asked the price goes up after year one?", "price"),
    ("Q from Priya: does it integrate with Xero?", "integrations"),
    ("Okay, somebody asked the contract is three years minimum?", "contract"),
    ("Dan asked re the setup fee for each clinic.", "price"),
]
NOTED = [
    ("Asked re SSO.", "security"),
    ("Asked regarding the onboarding fee, seemed fine.", "price"),
    ("She asked the labels sync with Shopify?", "integrations"),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _verdict(detector: RuleEmbeddingDetector, role: str, said: str) -> tuple[str, str]:
    found = detector.detect_utterances([Line(1, role, said)])[1]
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    return kind.kind, kind.category or ""


@pytest.mark.parametrize(("said", "topic"), RELAYED)
def test_a_relayed_question_without_a_question_word_keeps_its_topic(
    detector: RuleEmbeddingDetector, said: str, topic: str
) -> None:
    assert relays_a_question(said)
    assert _verdict(detector, "unknown", said) == ("question", topic)


@pytest.mark.parametrize(("said", "topic"), NOTED)
def test_a_notes_shorthand_question_keeps_its_topic(
    detector: RuleEmbeddingDetector, said: str, topic: str
) -> None:
    assert reports_a_question(said)
    assert _verdict(detector, "rep_note", said) == ("question", topic)


@pytest.mark.parametrize(
    "said",
    [
        "Sam asked the price.",  # no question told
        "Question: who here still runs the rota on paper?",  # the host's own, no source
        "Q3 was our busiest quarter: forty installs.",
    ],
)
def test_no_question_told_is_no_relay(said: str) -> None:
    assert not relays_a_question(said)


def test_a_judgement_after_a_noted_question_stays_an_objection(
    detector: RuleEmbeddingDetector,
) -> None:
    """Told with the rep's no and a verdict after it, the question carries an objection."""
    note = "Asked re SSO - not yet, said it's a deal-breaker."
    assert _verdict(detector, "rep_note", note)[0] == "objection"
