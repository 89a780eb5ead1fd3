"""A pain told in the buyer's own numbers (counts off, an error rate, chargebacks, missed
cut-offs, figures nobody trusts) is a pain, said confidently, in any trade; the same said of us
or of buying stays an objection (review 21e item 7)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.detect.verdict import STATEMENT_SURE
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

MEASURED_PAINS = [
    # warehousing
    "Our mis-pick rate in Columbus was almost two percent last quarter, and clients are"
    " charging us back for it.",
    "Cycle counts are off every single week, so nobody trusts the on-hand numbers.",
    "Inventory counts in the cooler are off by five or six percent every month.",
    "We missed the carrier cut-off to Dallas three times last week because the paperwork"
    " wasn't ready.",
    "Our counts are off by thousands of units every quarter-end and the auditors are on us"
    " about it.",
    "Last month the grocer refused four pallets because we shipped short-dated stock.",
    "Returns are killing them: 12% return rate and nobody knows which bin returns go back to",
    # clinics
    "Our no-show rate was about twelve percent in January.",
    "Half our insurance claims get denied the first time round.",
    "The till and the appointment book never match at the end of the day.",
    # construction
    "We missed the filing deadline for two permits last spring.",
    "Our rework rate on the last tower ran close to eight percent.",
    "Nobody trusts the drawings on site, so the crews phone the office for every revision.",
    # accounting
    "The client balances are off by a few hundred every month-end.",
    "We lost two clients last year over late filings.",
    "The bank feeds and the ledger don't reconcile half the time.",
    # hospitality
    "The stock takes in the bar are out by a few hundred pounds every week.",
    "Our breakage rate in banqueting is over five percent.",
    "Two coaches were turned away last month because the rooms weren't ready.",
]

SAID_OF_US_OR_BUYING = [
    "Your scanners kept dropping the Wi-Fi in the trial.",
    "Our counts are off and I doubt your tool fixes that.",
    "If the counts are off after go-live we'd be in real trouble.",
    "Our error rate was about four percent before we switched to you.",
    "Our mis-pick rate is under one percent, so it's fine as it is.",
    "Your invoices never match our purchase orders.",
    "We'd lose clients if the migration went wrong.",
    "Our mis-picks dropped from about forty a week to maybe three.",
    "Lost two weeks ago to a cheaper tool.",
]


@pytest.mark.parametrize("sentence", MEASURED_PAINS)
def test_a_pain_in_their_own_numbers_is_a_pain(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", SAID_OF_US_OR_BUYING)
def test_the_same_said_of_us_or_of_a_result_is_no_pain(sentence: str) -> None:
    assert not statements.tells_a_pain(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_reviewed_measured_pains_are_confident_pains(detector: RuleEmbeddingDetector) -> None:
    """Each had been current set-up (one at 0.637), switching or security in review 21e."""
    said = MEASURED_PAINS[:5]  # the warehousing ones, as the review had them
    found = detector.detect_utterances([Line(i, "buyer", text) for i, text in enumerate(said)])
    for i, text in enumerate(said):
        kinds = [d for d in found[i] if d.kind not in ("competitor", "why_now")]
        assert [d.kind for d in kinds] == ["pain"], text
        assert kinds[0].confidence >= STATEMENT_SURE, text


def test_a_pain_said_of_us_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    found = detector.detect("Our counts are off and I doubt your tool fixes that.")
    assert [d.kind for d in found if d.kind not in ("competitor", "why_now")] == ["objection"]
