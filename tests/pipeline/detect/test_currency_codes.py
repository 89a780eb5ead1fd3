"""A currency code, a tax, a public body or a file type in capitals is never a guessed rival
(``not_rivals.is_trade_term``, ``pipeline/data/trade_terms.toml``). A marina buyer's "Thanks for
the AUD pricing and the fuel dock notes, and sorry for the slow reply" had "AUD" guessed as a
rival and the thanks read as a competitor objection (0.75)."""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.embed import Embedder

NO_RIVAL = [
    # currencies, beside a price or a quote
    "Thanks for the AUD pricing and the berth notes, and sorry for the slow reply",
    "The NZD quote came through fine, thanks.",
    "The CAD pricing is what the partners looked at.",
    "We had the EUR quote from the brewery last week.",
    "The USD pricing looked fine to the school.",
    "The ZAR quote is with the depot manager.",
    "The CHF pricing came in lower than the lab expected.",
    # taxes, bodies, payments, files and kit
    "Our GST software handles the returns.",
    "We switched to BACS payments last year.",
    "We're still on HMRC's basic tools for the VAT.",
    "We use XLSX exports for the dentists.",
    "We use RFID tags on the kegs.",
    "Our VHF system is separate from the office.",
]


@pytest.mark.parametrize("sentence", NO_RIVAL)
def test_a_currency_tax_body_or_file_type_is_no_rival(sentence: str) -> None:
    assert find_competitors(sentence, []) == []


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("We use Dockwa for the visitor berths.", "Dockwa"),
        ("The Ekos pricing was a lot higher.", "Ekos"),
        ("We switched to ADP for payroll runs last year, and the ADP contract ends in May.", "ADP"),
    ],
)
def test_a_products_name_is_still_guessed(sentence: str, rival: str) -> None:
    assert [hit.name for hit in find_competitors(sentence, [])][:1] == [rival]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize(
    "sentence",
    [
        "Thanks for the NZD pricing and the fuel dock notes, and sorry for the slow reply",
        "Thanks for the CAD quote and the onboarding notes, sorry it took me a while to reply.",
        "Thanks for the GBP pricing, it's with the partners now.",
        "Thanks for the USD quote and the demo recording.",
    ],
)
def test_thanks_for_a_currencys_pricing_is_no_competitor_objection(
    detector: RuleEmbeddingDetector, sentence: str
) -> None:
    assert [d.kind for d in detector.detect(sentence)] == ["other"]
