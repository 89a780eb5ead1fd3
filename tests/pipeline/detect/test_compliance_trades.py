"""A compliance-heavy trade's words (audits, inspections, logs, who sees what on the phone) do
not make a security objection; a rep's deal stage and asks are no worry; a loss said in one
line is the loss reason; banter and questions asked in words are no objections. Sentences from
trucking, dental, food and landscaping trades (walk 6's snags S1, S5 and its false objections)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, rules
from pipeline.detect.loss_reasons import reason_in_note
from pipeline.detect.next_steps import notes_a_next_step
from pipeline.detect.security_said import says_security, unless_security_unsaid
from pipeline.detect.statements import fears_an_inspection, wonders_aloud
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=["FleetBook", "ChairPro"])


@pytest.mark.parametrize(
    ("sentence", "said"),
    [
        ("If the dispatch board can't read the Samsara logs, we're done.", False),
        ("Whether the techs can see their timesheets on their phone.", False),
        ("The food inspector cares about the temperature sheets.", False),
        ("Where is the patient data stored?", True),
        ("Can we control which managers see pay rates?", True),
        ("Staff aren't keen on an app tracking their location.", True),
        ("The mobile numbers going to the US worry me.", True),
    ],
)
def test_security_needs_its_own_words(sentence: str, said: bool) -> None:
    assert says_security(sentence) is said


def test_an_unsaid_security_guess_falls_to_the_next_category() -> None:
    ranked = ["security", "competitor", "integrations", "adoption"]
    unread, seen = "If it can't read our old files.", "Who can see the client files?"
    assert unless_security_unsaid("security", ranked, unread, unread) == "integrations"
    assert unless_security_unsaid("security", ranked, seen, seen) == "security"
    assert unless_security_unsaid("price", ranked, unread, unread) == "price"


@pytest.mark.parametrize(
    ("sentence", "asks"),
    [
        (
            "What I want to know is whether the drivers can see their settlements on the phone.",
            True,
        ),
        ("My first question is whether you can even read our old X-ray files.", True),
        ("Our head chef will want to know if it talks to the till.", True),
        ("She'll want to know if it talks to QuickBooks Desktop, 'cause that's what we got.", True),
        ("What's it cost though.", True),
        ("How much does that run us for three crews", True),
        ("What I want is a cheaper plan.", False),
        ("What it costs is the problem.", False),
        ("The practice nurses will want to know what happens to their own lists.", False),
    ],
)
def test_a_question_said_in_words(sentence: str, asks: bool) -> None:
    assert wonders_aloud(sentence) is asks


@pytest.mark.parametrize(
    ("sentence", "pain"),
    [
        ("And if we get audited I honestly don't know what I'd show them.", True),
        ("If the health inspector shows up tomorrow I don't know what I'd hand him.", True),
        ("When the auditors come round we can't find the signed consent forms.", True),
        ("The audit went fine last year.", False),
        ("If you can't show me the audit trail, I'm out.", False),
    ],
)
def test_unready_for_an_inspection_is_a_pain(sentence: str, pain: bool) -> None:
    assert fears_an_inspection(sentence) is pain


def test_the_trades_worries_in_a_call(detector: RuleEmbeddingDetector) -> None:
    """The audit worry is a pain, the question about the phone a question, the device's files
    an integration worry, and none of them security."""
    lines = [
        Line(1, "rep", "How do you handle the quarterly filing?"),
        Line(2, "buyer", "And if we get audited I honestly don't know what I'd show them."),
        Line(3, "rep", "Anything else?"),
        Line(
            4, "buyer", "What I want to know is whether the techs can see their jobs on the phone."
        ),
        Line(5, "rep", "Which imaging system?"),
        Line(6, "buyer", "If it can't read the Dexis X-ray files, I can't use it."),
    ]
    found = detector.detect_utterances(lines)
    kinds = {i: [(d.kind, d.category) for d in found[i] if d.kind not in ("competitor", "why_now")]
             for i in (2, 4, 6)}  # fmt: skip
    assert kinds[2] == [("pain", None)]
    assert kinds[4][0][0] == "question"
    assert kinds[6][0][0] == "objection"
    assert all(
        category != "security" for found_here in kinds.values() for _, category in found_here
    )


@pytest.mark.parametrize(
    "note",
    [
        "Marked deal stalled, revisit Q1.",
        "Moved to on hold.",
        "Set deal dormant until spring.",
    ],
)
def test_a_deal_stage_the_rep_set_counts_nowhere(note: str) -> None:
    assert rules.ruled_other(note, "rep_note")


@pytest.mark.parametrize(
    ("note", "step"),
    [
        ("Ops mgr Tom wanted a 5-truck pilot.", True),
        ("Practice manager Dana wants a two-chair pilot.", True),
        ("Head chef wanted a demo for the kitchen team.", True),
        ("Owner wanted a pilot, worried the staff won't use it.", False),
    ],
)
def test_a_pilot_asked_for_is_a_next_step(note: str, step: bool) -> None:
    assert notes_a_next_step(note) is step


@pytest.mark.parametrize(
    ("note", "topic"),
    [
        ("Lost on price + contract overlap.", "price"),
        ("Closed lost due to timing, board wants to wait.", "authority_timing"),
        ("Lost over the setup fee.", "price"),
        ("Lost on the integration with Xero.", "integrations"),
    ],
)
def test_a_loss_said_in_one_line_is_the_loss_reason(
    detector: RuleEmbeddingDetector, note: str, topic: str
) -> None:
    assert reason_in_note(note) is not None
    found = detector.detect_utterances([Line(1, "rep_note", note)])
    kinds = [(d.kind, d.category) for d in found[1] if d.kind not in ("competitor", "why_now")]
    assert kinds == [("objection", topic)]


@pytest.mark.parametrize(
    "sentence",
    ["Look, I'll be straight with you.", "Listen, I'll be honest with you."],
)
def test_a_preface_or_a_shrug_says_nothing(sentence: str) -> None:
    assert rules.only_acknowledges(sentence)
