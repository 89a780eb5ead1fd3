"""What a CRM note reports of the buyer counts as the buyer's (review 24p item 9): no budget is a
price objection ("Budget is frozen until Q1, f/u then.", the README's own example, had been
small talk), a named buyer asking about us a question ("Alan asked whether we integrate with
Paylocity for payroll." had been small talk), and a "Reason:" after "Closed lost - staying with
<rival>." the deal's loss reason, sure enough to count in a theme (it had been 0.34, in none)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, note_reports
from pipeline.detect.loss_reasons import SURE, reason_in_note
from pipeline.detect.topics import has_no_budget
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

NO_BUDGET = [
    "Budget is frozen until Q1, f/u then.",
    "Budget frozen till April - chase after Easter.",
    "Their capex budget got cut in half this year.",
    "There's a spending freeze across the trust until the new financial year.",
    "No budget for new software this year, owner said.",
    "The practice's budget is on hold while the partners sort the lease.",
    "Procurement freeze until March at the council.",
    "Marketing budget is completely spoken for until the autumn.",
]
BUDGET_THERE = [
    "The budget isn't frozen, they just want a cheaper plan.",
    "The budget's been approved.",
    "They have budget for it this quarter.",
]
NAMED_ASKERS = [
    "Alan asked whether we integrate with Paylocity for payroll.",
    "Dr Okafor asked if we host patient data in the EU.",
    "Maria also asked about our offline mode for the vans.",
    "Sean Byrne asked how we handle VAT on deposits.",
    "Priyanka asked whether your app works on the old Android scanners.",
    # their side named by its role, any topic
    "Owner asked whether the deposits go straight to their bank or sit with us.",
    "The practice manager asked if the reminders can go out by text.",
    "Their CFO asked about annual billing.",
    "Site supervisor also asked how the scanners charge overnight.",
]
NOT_THE_BUYERS = [
    "Priya asked if they run payroll in-house.",  # the rep asking about them
    "Tom asked them about their volumes.",
    "Asked for a discount, we said no.",
    "Our manager asked if they run payroll in-house.",  # our side asking them
]
LOST_THEN_REASON = [
    ("Closed lost - staying with Brightpath.", "Reason: price per van was too high."),
    ("Lost to Kitewell.", "Reason: they wanted a native Xero sync."),
    ("Closed lost, went with Fernmoor.", "Reason: the partners were uneasy about the cloud."),
    ("Closed lost (stayed with the incumbent).", "Reason: no time to retrain the nurses."),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kinds(detector: RuleEmbeddingDetector, role: str, texts: list[str]) -> dict[str, tuple]:
    found = detector.detect_utterances([Line(i, role, t) for i, t in enumerate(texts)])
    return {
        d.text.strip(): (d.kind, d.category, d.confidence)
        for items in found.values()
        for d in items
        if d.kind not in ("competitor", "why_now")
    }


@pytest.mark.parametrize("sentence", NO_BUDGET)
def test_no_budget_is_said(sentence: str) -> None:
    assert has_no_budget(sentence)


@pytest.mark.parametrize("sentence", BUDGET_THERE)
def test_a_budget_there_is_none_gone(sentence: str) -> None:
    assert not has_no_budget(sentence)


@pytest.mark.parametrize("sentence", NAMED_ASKERS)
def test_a_named_buyer_asking_about_us_is_a_reported_question(sentence: str) -> None:
    assert note_reports.reports_a_question(sentence)


@pytest.mark.parametrize("sentence", NOT_THE_BUYERS)
def test_a_rep_asking_about_them_is_none(sentence: str) -> None:
    assert not note_reports.reports_a_question(sentence)


@pytest.mark.parametrize(("lost", "reason"), LOST_THEN_REASON)
def test_a_reason_after_a_loss_with_its_rival(lost: str, reason: str) -> None:
    assert reason_in_note(reason, f"Spoke to the owner. {lost} ")
    assert not reason_in_note(reason, "Spoke to the owner. Demo went well. ")


def test_the_detector_reads_the_notes_reports(detector: RuleEmbeddingDetector) -> None:
    notes = [*NO_BUDGET, *NAMED_ASKERS]
    kinds = _kinds(detector, "rep_note", notes)
    wrong = {
        text: got
        for text, got in kinds.items()
        if got[:2] != (("objection", "price") if text in NO_BUDGET else ("question", got[1]))
    }
    assert wrong == {}


def test_a_buyer_saying_the_budget_is_frozen(detector: RuleEmbeddingDetector) -> None:
    said = ["Our budget's frozen until the new financial year, I'm afraid."]
    assert _kinds(detector, "buyer", said)[said[0]][:2] == ("objection", "price")


def test_a_loss_reason_after_the_rival_counts_in_a_theme(detector: RuleEmbeddingDetector) -> None:
    """Review 24p: Ashcombe's only stated loss reason had been 0.34, below any theme."""
    note = (
        "Charlotte emailed back. They're staying with Vincere for now.\n\n"
        "Closed lost - staying with Vincere. Reason: didn't see the value for retained search,"
        " and the partners were uneasy about putting board searches in a client portal."
    )
    found = _kinds(detector, "rep_note", [note])
    reason = next(got for text, got in found.items() if text.startswith("Reason:"))
    assert reason[0] == "objection" and reason[2] >= SURE
