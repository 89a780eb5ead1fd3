"""Objection categories of worries a generic word had pulled elsewhere (issue 16, review 24p
item 2, review 24o item 4): an approver, a procurement process or the calendar is authority and
timing whatever money or system the sentence names; a condition on signing takes the topic of
what it asks for (data flowing into a system, a go-live date, matching what they pay today); a
compliance failure feared is no price."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.rules import topic_without_rival
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

REP = "So that's the plan for rolling it out across your sites."

CATEGORY_OF = [
    # An approver named before the verb, with a sum beside it (a dental practice, a garage).
    (
        "Honestly I'd need Priya to sign that off, she's our practice manager and she approves"
        " anything over two grand a year.",
        "authority_timing",
    ),
    (
        "We'd need our owner to approve it, anything over five hundred a month goes to him.",
        "authority_timing",
    ),
    # A process to pass, and the calendar (a retail chain, a council, a farm, a school).
    (
        "Any new software has to go through head office IT and procurement, and that's a four"
        " month process.",
        "authority_timing",
    ),
    (
        "Anything over a certain value has to go out to tender through the council.",
        "authority_timing",
    ),
    (
        "We're mid-harvest until the end of October, so realistically nothing happens before"
        " December.",
        "authority_timing",
    ),
    ("We're mid-term with exams coming up, so nothing changes before Easter.", "authority_timing"),
    # A condition on signing, in the topic of what it asks for (a vet, a gym, a builder).
    (
        "If the bookings flowed straight into our practice ledger, I think we could get it"
        " approved.",
        "integrations",
    ),
    ("If you can have us live before the new membership year, we'll sign.", "setup_time"),
    (
        "We'd move the second site across now if you could match what we pay our current supplier"
        " until the contract ends.",
        "price",
    ),
    (
        "If the job sheets fed back into our accounts automatically, we could get it signed off.",
        "integrations",
    ),
    # A compliance failure feared is about compliance, not the price (a clinic, a food plant).
    ("We can't afford another compliance miss with the health inspector.", "security"),
    ("Honestly we can't afford another audit failure this year.", "security"),
    # What money words still settle.
    ("We can't afford another subscription on top of the booking system.", "price"),
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _objection(detector: RuleEmbeddingDetector, said: str) -> tuple[str, str]:
    lines = [Line(1, "rep", REP), Line(2, "buyer", said), Line(3, "rep", "Understood.")]
    found = detector.detect_utterances(lines)[2]
    kind = next(d for d in found if d.kind not in ("competitor", "why_now"))
    return kind.kind, kind.category or ""


@pytest.mark.parametrize(("said", "category"), CATEGORY_OF)
def test_an_objection_takes_the_category_its_words_settle(
    detector: RuleEmbeddingDetector, said: str, category: str
) -> None:
    kind, topic = _objection(detector, said)
    assert (kind, topic) == ("objection", category), said


@pytest.mark.parametrize(
    "said",
    [
        "The export has to match what the bank expects.",
        "Each payroll file must match what the bureau's system expects.",
    ],
)
def test_a_format_to_match_is_no_price(said: str) -> None:
    """Matching what we pay is price; matching what another system expects is a format."""
    assert topic_without_rival(said) != "price"
