"""A rep's note that opens on the buyer's worry is an objection about us, in the category its
words settle, and a buyer's objection takes the category its plain words settle (review 21e
items 6 and 7)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, note_reports
from pipeline.detect.verdict import STATEMENT_SURE
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REPORTED_WORRIES = [
    "Worried about retraining 25 seasonal pickers before Black Friday",
    "Worried that go-live lands in their Q4 peak if the contract slips past June.",
    "Concern: scanner hardware cost, they pick with personal phones today and don't want to buy"
    " 20 handhelds.",
    "Concerned about Wi-Fi coverage in the blast freezer.",
    "- Worried the front desk won't pick up a new booking screen before the summer season.",
    "Nervous about moving ten years of client files out of the old practice software.",
    "Concerns: per-user fee for the temps, and the Xero sync.",
    "Maria is nervous that the site foremen won't use tablets in the rain.",
    "Dr Okafor worried about patient data leaving the country.",
    "Their biggest worry is the three-year term.",
    "Main concern - price per seat for twelve part-time bookkeepers.",
    "Sceptical that the app works offline in the basement car park.",
    "Hesitant about a go-live in tax season.",
    "Very concerned about the SOC 2 report before anything touches their ledger.",
    "Objection: the owner wants monthly billing, not annual.",
    "Wary of another integration after the last POS connector broke.",
]

NO_WORRY_NOW = [
    "Not worried about price.",
    "No concerns about security.",
    "Was worried about SSO, resolved on the call.",
    "Concerned about price at first but happy now with the annual plan.",
    "Loved batch picking and the Amazon FBA prep screens.",
    "Currently on ShelfWise for the dry side.",
    "Wants a pilot in one freezer first.",
]


@pytest.mark.parametrize("sentence", REPORTED_WORRIES)
def test_a_note_opening_on_a_worry_reports_one(sentence: str) -> None:
    assert note_reports.reports_a_worry(sentence)


@pytest.mark.parametrize("sentence", NO_WORRY_NOW)
def test_a_worry_absent_or_settled_reports_none(sentence: str) -> None:
    assert not note_reports.reports_a_worry(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kinds(
    detector: RuleEmbeddingDetector, role: str, text: str
) -> dict[str, tuple[str, str, float]]:
    found = detector.detect_utterances([Line(1, role, text)])[1]
    return {
        d.text.strip(): (d.kind, d.category or "", d.confidence)
        for d in found
        if d.kind not in ("competitor", "why_now")
    }


def test_reviewed_rep_notes_are_objections_in_their_topic(detector: RuleEmbeddingDetector) -> None:
    """Review 21e: the seasonal pickers had been a pain, the peak go-live a contract worry and
    the hardware cost adoption."""
    note = (
        "Worried about retraining 25 seasonal pickers before Black Friday\n"
        "Worried that go-live lands in their Q4 peak if the contract slips past June.\n"
        "Concern: scanner hardware cost, they pick with personal phones today and don't want to"
        " buy 20 handhelds."
    )
    got = _kinds(detector, "rep_note", note)
    pickers = got["Worried about retraining 25 seasonal pickers before Black Friday"]
    assert pickers[0] == "objection" and pickers[2] >= STATEMENT_SURE
    peak = got["Worried that go-live lands in their Q4 peak if the contract slips past June."]
    assert peak[:2] == ("objection", "authority_timing")
    cost = next(v for k, v in got.items() if k.startswith("Concern: scanner hardware cost"))
    assert cost[:2] == ("objection", "price")


def test_reviewed_buyer_objections_take_their_plain_topic(detector: RuleEmbeddingDetector) -> None:
    """Review 21e: security, adoption, setup time, integrations and price had been the wrong
    categories for these, and the peak price had been an objection at 0.28."""
    lines = {
        "We have about sixty Zebra MC3300s and I'm not buying new scanners for three buildings.": (
            "price"
        ),
        "The bigger worry for me is NetSuite.": "integrations",
        "Our IT lead needs a SOC 2 Type II report before anything connects to NetSuite.": (
            "security"
        ),
        "Our Montreal building needs the handheld screens in French for Bill 96 compliance, and"
        " your roadmap only had it for next year.": "adoption",
    }
    found = detector.detect_utterances([Line(i, "buyer", text) for i, text in enumerate(lines)])
    for i, (text, category) in enumerate(lines.items()):
        kinds = [d for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert [(d.kind, d.category) for d in kinds] == [("objection", category)], text
