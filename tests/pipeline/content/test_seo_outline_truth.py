"""An SEO brief says what its outline holds: the target keyword is one a section speaks of, an
H2 is a heading a reader searches (a theme's category in a reader's words, never the rest of
its name that no one types), and a question theme's question says how many buyers asked it in
those words beside its theme's calls, named as the theme's.

Why (walk 8): a brief targeted "help desk", said across the calls but in no section; an H2 read
"Security: canada and stays"; and "What would it cost for sixteen users? (asked on 4 sales
calls)" was asked once, 4 being its price question theme's calls."""

from __future__ import annotations

from dataclasses import dataclass, replace

import pytest

from pipeline.content.buyer_topics import said_topics
from pipeline.content.evidence import ClusterEvidence, Evidence, Quote
from pipeline.content.profile import ProfileFact
from pipeline.content.seo_brief import keywords, seo_brief
from pipeline.content.theme_names import reader_heading
from tests.pipeline.content.one_theme import objection_theme, one_theme_evidence


@dataclass(frozen=True)
class Trade:
    worries: list[str]  # an adoption theme's lines, each naming the trade's acronym
    acronym: str  # said on each worry's call, the outline's thing
    other: str  # a topic said on more calls than the acronym, in no theme's quote
    asked: tuple[str, str, str]  # a price question theme: a question, then two more, 3 calls
    profile: str  # a fact of our product naming both topics (the page's domain)


TRADES = [
    Trade(
        [
            "My hygienists won't learn the CDT codes screen in another app.",
            "The front desk will never type CDT codes twice.",
        ],
        "cdt",
        "recall reminders",
        (
            "What would it cost for three chairs?",
            "And is the price per chair or per practice?",
            "Do you charge extra for the hygienists' logins?",
        ),
        "Sends recall reminders by text and checks CDT codes on every claim.",
    ),
    Trade(
        [
            "My drivers won't fill in the DVIR on a phone.",
            "The old drivers will never do a DVIR in an app.",
        ],
        "dvir",
        "fuel receipts",
        (
            "What would it cost for nine trucks?",
            "Is the price per truck or per driver?",
            "Do you charge extra for the trailers?",
        ),
        "Scans fuel receipts and files the DVIR from the driver's phone.",
    ),
    Trade(
        [
            "My bar staff won't log the PAYE hours on a tablet.",
            "The weekend crew will never check PAYE slips in an app.",
        ],
        "paye",
        "tip pooling",
        (
            "What would it cost for two bars?",
            "Is the price per venue or per head?",
            "Do you charge extra for the seasonal staff?",
        ),
        "Splits tip pooling by hours worked and files PAYE for every shift.",
    ),
]
IDS = ["dental", "trucking", "bar"]


def _evidence(trade: Trade, *themes: tuple[ClusterEvidence, list[Quote]]) -> Evidence:
    """The adoption theme and ``themes``, no product category, and the calls' topics: the other
    topic said on three calls of their own, the acronym on the theme's two."""
    evidence, adoption = one_theme_evidence("Staff adoption", "adoption", trade.worries)
    clusters = [adoption, *(theme for theme, _ in themes)]
    quotes = [*evidence.quotes, *(q for _, said in themes for q in said)]
    evidence = Evidence(clusters=clusters, quotes=quotes, phrases=[], facts=[])
    evidence.profile = [ProfileFact(id=1, section="features", text=trade.profile)]
    others = [f"The {trade.other} are a mess again." for _ in range(3)]
    said = [*enumerate(trade.worries, start=1), *enumerate(others, start=10)]
    evidence.topics = said_topics(said)
    return evidence


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_the_target_keyword_is_one_the_outline_speaks_of(trade: Trade) -> None:
    evidence = _evidence(trade)
    assert keywords(evidence)[0] == trade.other  # said on the most calls, in no section
    brief = seo_brief(evidence)
    assert brief.target_keyword.split()[0] == trade.acronym, brief.target_keyword
    assert trade.other in brief.secondary_keywords
    assert brief.title.startswith(trade.acronym.upper())  # as the buyers wrote it


@pytest.mark.parametrize(
    ("name", "heading"),
    [
        ("Security: canada and stays", "Security"),
        ("Price", "Price"),
        ("Contract terms: and then", "Contract terms"),
        ("Integrations: QuickBooks", "Integrations: QuickBooks"),
        ("Decision authority: partners", "Sign-off and timing: partners"),
        ("calendar sync", "calendar sync"),
    ],
)
def test_an_h2_is_a_heading_a_reader_searches(name: str, heading: str) -> None:
    assert reader_heading(name) == heading


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_a_theme_question_counts_the_calls_that_asked_it(trade: Trade) -> None:
    worries, _ = one_theme_evidence("Staff adoption", "adoption", trade.worries)
    first = len(worries.quotes) + 1
    asked = [
        replace(
            worries.quotes[0],
            id=first + n,
            text=text,
            kind="question",
            call_id=first + n,
            utterance_id=first + n,
            mention_id=first + n,
            cluster_id=2,
            category="price",
        )
        for n, text in enumerate(trade.asked)
    ]
    theme = objection_theme(2, "Price", "price", [q.id for q in asked])
    evidence = _evidence(trade, (replace(theme, kind="question"), asked))
    listed = [p.text for p in seo_brief(evidence).questions]
    counts = "in these words by 1 buyer; pricing questions on 3 sales calls"
    said = f"{trade.asked[0]} (asked {counts})"
    assert said in listed, listed
    assert not any("asked on 3 sales calls)" in text for text in listed), listed
