"""An SEO brief's keywords come from what buyers said most across the page's calls, and its
"Questions to answer" lists only questions a person would search.

Why (walk 6, S15): a trucking brief's secondary keyword was "dispatch software training" though
no buyer spoke of training, while IFTA and ELDs, the trade's most frequent topics, were nowhere;
and "Wait, they can just text it?", a reaction, was listed as a question to answer."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.buyer_topics import said_topics
from pipeline.content.evidence import Evidence
from pipeline.content.keyword_things import domain_words
from pipeline.content.profile import ProfileFact
from pipeline.content.searched_questions import searched_question
from pipeline.content.seo_brief import keywords, seo_brief
from tests.pipeline.content.one_theme import one_theme_evidence


@dataclass(frozen=True)
class Trade:
    category: str  # our product's kind, as a searcher names it
    profile: str  # a fact about our product that names the trade's topics
    worries: list[str]  # the adoption theme's buyer lines (no word of training)
    calls: list[str]  # other buyer turns on the same calls, one per call
    topics: tuple[str, ...]  # the keywords those calls should give
    reaction: str  # a buyer's reaction said with a question mark


TRADES = [  # fmt: skip
    Trade(
        "dental practice software",
        "Sends recall reminders by text and files insurance claims with CDT codes.",
        ["My hygienists won't touch another screen.", "The front desk hates new tools."],
        [
            "Our recall reminders go out by hand and the CDT codes are a mess.",
            "Half the insurance claims bounce because the CDT codes are wrong.",
            "The recall reminders never go out on time.",
        ],
        ("cdt codes", "recall reminders"),
        "Wait, they can just book it themselves?",
    ),
    Trade(
        "florist ordering software",
        "Takes wedding orders online and routes delivery slots; imports FTD wire orders.",
        ["My drivers won't use an app on the road.", "The girls in the shop won't learn it."],
        [
            "Wedding orders come in on paper and FTD orders by fax.",
            "We lose track of delivery slots every Valentine's and FTD keeps calling.",
            "The delivery slots are on a whiteboard.",
        ],
        ("ftd software", "delivery slots"),
        "Oh so it just prints the card?",
    ),
    Trade(
        "bar payroll software",
        "Pools tips by hours worked and files PAYE for every shift worker.",
        ["My bar staff won't log in to anything.", "The old crew won't bother with an app."],
        [
            "Tip pooling takes me all of Sunday and PAYE is a nightmare.",
            "Tip pooling causes fights and the PAYE filing is late.",
            "Nobody trusts the tip pooling sheet.",
        ],
        ("paye software", "tip pooling"),
        "Hang on, they'd see it on their phone?",
    ),
]
IDS = ["dental", "florist", "bar"]


def _evidence(trade: Trade) -> Evidence:
    evidence, _ = one_theme_evidence("Staff won't use it", "adoption", trade.worries)
    evidence.product_category = trade.category
    evidence.profile = [ProfileFact(id=1, section="features", text=trade.profile)]
    evidence.topics = said_topics(list(enumerate(trade.calls, start=1)))
    return evidence


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_keywords_are_the_trades_topics(trade: Trade) -> None:
    found = keywords(_evidence(trade))
    assert set(trade.topics) <= set(found)
    # The category's search word no buyer said is no secondary keyword: only the page's own.
    assert not any(k.endswith("training") for k in found[1:])


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_a_reaction_is_no_question_to_answer(trade: Trade) -> None:
    evidence, _ = one_theme_evidence(
        "Staff won't use it", "adoption", [*trade.worries, trade.reaction]
    )
    evidence.product_category = trade.category
    listed = [p.text for p in seo_brief(evidence).questions]
    assert not any(trade.reaction in text for text in listed)
    assert not searched_question(trade.reaction, domain_words([trade.profile]))


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("Does it pull the ELD logs from Motive?", True),
        ("How do tips get pooled?", True),
        ("Can the recall reminders go out by text?", True),
        ("What does it cost?", True),
        ("Is that included?", False),
        ("Can they do that?", False),
        ("Wait, they can just text it?", False),
        ("Fifty a chair?", False),
    ],
)
def test_a_searched_question_asks_and_names_its_thing(question: str, searched: bool) -> None:
    domain = domain_words(["Pools tips by hours worked; recall reminders by text; ELD logs."])
    assert searched_question(question, domain) is searched


def test_a_topic_needs_two_calls_and_no_plain_word_alone() -> None:
    said = [(1, "The IFTA piece is a mess, OK."), (1, "IFTA again."), (2, "OK, the trucks.")]
    assert said_topics(said) == []  # IFTA on one call; "OK" and "trucks" are no topics
