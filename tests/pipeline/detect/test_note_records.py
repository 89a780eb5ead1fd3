"""A rep's note line that is the deal's record or the rep's own answer is no buyer objection
(review 25a item 2: "Competitors: Instructa (current), spreadsheet for payments." had been a
competitor objection, the rep's "Yes, block bookings with a discount." a price one and "Not a
fit right now." a timing one, each queued with no label to give). A field whose value says a
worry, a reply that says one, a loss reason and a worry the note reports still count
(``note_records.py``)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.detect.note_records import records_the_deal
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["Instructa", "Dentrix", "Procore", "Toastly", "Clio", "Fleetio", "Workday"]

# (the note's turn, the sentence in it that is the record or the rep's answer)
RECORDS = [
    ("Competitors: Instructa (current), spreadsheet for payments.",) * 2,
    ("Competition: Dentrix, paper charts at the second site.",) * 2,
    ("- Current tools: Procore for drawings, Excel for snags.",) * 2,
    ("Next steps: demo for the two site managers, then a trial.",) * 2,
    ("Stage: Proposal sent.",) * 2,
    ("Budget: £5k a year, signed off by the owner.",) * 2,
    ("Deal size: 40 seats across three kitchens.",) * 2,
    ("Decision maker: Clare (practice manager) and the two partners.",) * 2,
    ("Not a fit right now.",) * 2,
    ("Bad fit.",) * 2,
    ("Can pupils pay in blocks of ten lessons? Yes, block bookings with a discount.",
     "Yes, block bookings with a discount."),
    ("Is there a Gaelic or Welsh version? No.", "No."),
    ("Do you do per-vehicle pricing? Yep - $12 a van a month.", "Yep - $12 a van a month."),
    ("Can it post to Xero? Yes, nightly.", "Yes, nightly."),
    ("Any HIPAA paperwork? Yes, we sign a BAA.", "Yes, we sign a BAA."),
]  # fmt: skip
# Lines that stay the buyer's worry, reported or said.
NOT_RECORDS = [
    ("Budget is frozen until Q1.",) * 2,
    ("Budget: frozen until Q1.",) * 2,
    ("Budget: none this year.",) * 2,
    ("Concerns: card fees eating into margins.",) * 2,
    ("Lost reason: price.",) * 2,
    ("Any Sage sync? No, and that was a deal breaker for them.",
     "No, and that was a deal breaker for them."),
    ("Is there budget? No budget until April.", "No budget until April."),
    ("Not a fit - needs bike bookings.",) * 2,
    ("Closed lost to Instructa - cheaper per instructor.",) * 2,
    ("Worried about retraining 25 seasonal pickers before Black Friday.",) * 2,
]  # fmt: skip


def _input(turn: str, sentence: str) -> SentenceInput:
    return SentenceInput(sentence, turn)


@pytest.mark.parametrize(("turn", "sentence"), RECORDS)
def test_a_record_or_the_reps_answer_is_the_deals(turn: str, sentence: str) -> None:
    assert records_the_deal(_input(turn, sentence))


@pytest.mark.parametrize(("turn", "sentence"), NOT_RECORDS)
def test_a_worry_a_loss_reason_or_a_report_is_no_record(turn: str, sentence: str) -> None:
    assert not records_the_deal(_input(turn, sentence))


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def _kinds(
    detector: RuleEmbeddingDetector, notes: list[tuple[str, str]]
) -> dict[str, tuple[str, str | None]]:
    found = detector.detect_utterances([Line(i, "rep_note", t) for i, (t, _) in enumerate(notes)])
    return {
        said: next((d.kind, d.category) for d in found[i] if d.text == said)
        for i, (_, said) in enumerate(notes)
    }


def test_the_detector_counts_no_objection_in_a_record(detector: RuleEmbeddingDetector) -> None:
    kinds = _kinds(detector, RECORDS)
    assert {s: k for s, k in kinds.items() if k[0] != "other"} == {}


def test_a_loss_reason_and_a_frozen_budget_stay_price_objections(
    detector: RuleEmbeddingDetector,
) -> None:
    notes = [
        ("Ridgeway School of Motoring - Closed lost to Instructa - cheaper per instructor.",) * 2,
        ("Budget is frozen until Q1.",) * 2,
    ]
    kinds = _kinds(detector, notes)  # type: ignore[arg-type]
    assert set(kinds.values()) == {("objection", "price")}
