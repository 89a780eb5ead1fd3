"""A buyer doubting the vendor itself (its years, size, money, being bought or going bust, other
customers like them to call) is a ``vendor_trust`` objection in any trade; it had been setup time
("How long have you been ..."), switching, integrations or missing features. Data protection
stays security, the terms of leaving contract, the time to set up setup time."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REP = {
    "courier": "Every driver sees the day's drops on the app, in order.",
    "vets": "Reminders for boosters go out by text two weeks before.",
    "accountants": "Clients upload receipts from their phone and you see them the same day.",
    "salon": "Clients rebook from the link in their confirmation text.",
    "bakery": "Wholesale orders land on the bake sheet the night before.",
}

VENDOR_DOUBTS = [
    ("courier", "You've only been trading since last spring, and I've got sixty vans to think of."),
    (
        "courier",
        "If a bigger outfit buys you out and shuts it down, we're back to paper overnight.",
    ),
    ("vets", "I'm not moving the practice's records to a company that might go bust next year."),
    ("vets", "I'd want to talk to another practice that's been using it for a couple of years."),
    ("accountants", "If you go under, we lose every client's books, and I can't risk that."),
    ("accountants", "I worry you'll get acquired and the product will be killed off."),
    ("salon", "You're a tiny company, and I can't have the whole salon's bookings vanish."),
    ("bakery", "Honestly, you're a start-up, and I can't bet the bakery's orders on a start-up."),
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


@pytest.mark.parametrize(("trade", "said"), VENDOR_DOUBTS)
def test_a_doubt_about_the_vendor_is_vendor_trust(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    assert _verdicts(detector, REP[trade], said) == [("objection", "vendor_trust")], said


@pytest.mark.parametrize(
    ("trade", "said"),
    [
        ("courier", "How long have you lot been going?"),
        ("accountants", "What happens to our clients' books if you go under next year?"),
    ],
)
def test_asking_after_the_vendor_is_no_other_topic(
    detector: RuleEmbeddingDetector, trade: str, said: str
) -> None:
    """Asked of the vendor's years or survival: a question or the worry, of no other topic ("How
    long have you lot been going?" had been setup time, "if you go under" authority and timing)."""
    [(kind, category)] = _verdicts(detector, REP[trade], said)
    assert kind in ("question", "objection"), said
    assert category in ("", "vendor_trust"), said


@pytest.mark.parametrize(
    ("trade", "said", "category"),
    [
        ("vets", "Where are the pet owners' records stored, and who can see them?", "security"),
        ("salon", "I won't sign anything longer than a rolling monthly plan.", "contract"),
        ("courier", "Training forty drivers will take weeks we don't have.", "setup_time"),
        ("bakery", "I'd need to talk to my business partner first.", "authority_timing"),
    ],
)
def test_data_terms_setup_and_authority_keep_their_categories(
    detector: RuleEmbeddingDetector, trade: str, said: str, category: str
) -> None:
    assert [c for _, c in _verdicts(detector, REP[trade], said)] == [category], said
