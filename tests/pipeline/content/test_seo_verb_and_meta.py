"""A secondary keyword is no words cut across a clause that end on its verb ("head adds" of
"four dollars a head adds up"), and the meta description names only topics the outline covers
("what buyers ask about training" of a brief whose sections never said training)."""

from __future__ import annotations

import re

import pytest

from pipeline.content.seo_keywords import ends_on_its_verb, shared_phrases
from tests.pipeline.content.test_seo_brief import Theme, _brief, _evidence

CUT_AT_THE_VERB = {
    "gym": (
        [
            "Four dollars a head adds up when most of them teach one class a week.",
            "Honestly a head adds up fast with thirty part-time coaches.",
        ],
        "head adds",
    ),
    "plumbing": (
        [
            "Every job card means a trip back to the office.",
            "A paper job card means we phone the customer twice.",
        ],
        "card means",
    ),
    "dental": (
        [
            "Each recall letter goes out by post and half come back.",
            "A recall letter goes out twice a year.",
        ],
        "letter goes",
    ),
}


@pytest.mark.parametrize("trade", list(CUT_AT_THE_VERB))
def test_a_phrase_ending_on_its_clauses_verb_is_no_keyword(trade: str) -> None:
    said, cut = CUT_AT_THE_VERB[trade]
    found = shared_phrases(said, sources=[1, 2])
    assert not any(p.split()[-1] == cut.split()[-1] for p in found), found
    assert ends_on_its_verb(cut, said)


@pytest.mark.parametrize(
    ("said", "keyword"),
    [
        (["The setup costs are steep.", "What are the setup costs for two sites?"], "setup costs"),
        (["The payroll export is manual.", "We need a payroll export every Friday."],
         "payroll export"),
        (["Per user pricing hurts us.", "Is it per user pricing for seasonal staff?"],
         "user pricing"),
        (["The intake forms are a mess.", "Honestly the intake forms are the worst bit."],
         "intake forms"),
    ],
)  # fmt: skip
def test_a_noun_phrase_said_as_one_stays_a_keyword(said: list[str], keyword: str) -> None:
    assert keyword in " | ".join(shared_phrases(said, sources=[1, 2]))
    assert not ends_on_its_verb(keyword, said)


def test_a_noun_phrase_said_once_as_a_noun_is_kept() -> None:
    said = ["The setup costs us a fortune.", "Setup costs were the worst of it."]
    assert not ends_on_its_verb("setup costs", said)


# A theme the outline covers under its own words ("Will my staff actually use it?"), never the
# search topic's ("training", "migration", "alternatives").
UNSAID_TOPIC = {
    "salon": (
        "Booking software for hair salons.",
        Theme(
            "Stylists won't use it",
            "adoption",
            (
                "My stylists will never open another app.",
                "Half the team can barely use the till, they won't learn an app.",
            ),
        ),
        "training",
    ),
    "warehousing": (
        "Warehouse management software for 3PLs: receiving, picking and shipping.",
        Theme(
            "Moving off our spreadsheets",
            "switching",
            (
                "Moving everything over from our spreadsheets is the part I dread.",
                "Getting ten years of stock records over would take months.",
            ),
        ),
        "migration",
    ),
    "landscaping": (
        "Job scheduling software for landscaping crews.",
        Theme(
            "Crews won't adopt it",
            "adoption",
            (
                "My crews won't touch another phone app.",
                "The older guys won't use anything on a phone, they never have.",
            ),
        ),
        "training",
    ),
}
PRICE = Theme(
    "Price for a small business",
    "price",
    (
        "Four dollars a head adds up when half of them work one shift a week.",
        "A head adds up fast for a business our size, it's too expensive.",
    ),
)


def _outline_words(texts: list[str]) -> set[str]:
    return {w for t in texts for w in re.findall(r"[a-z]+", t.lower())}


@pytest.mark.parametrize("trade", list(UNSAID_TOPIC))
def test_the_meta_names_only_topics_the_outline_covers(trade: str) -> None:
    pitch, theme, topic = UNSAID_TOPIC[trade]
    brief = _brief(_evidence(pitch, (PRICE, theme)))
    headings = [t for s in brief.outline for t in (s.h2, *(h.text for h in s.h3))]
    assert topic[:5] not in " ".join(headings).lower()  # the outline never says it
    assert topic not in brief.meta_description.lower(), brief.meta_description
    assert brief.target_keyword.lower() in brief.meta_description.lower()
    assert "head adds" not in brief.secondary_keywords


def test_the_meta_names_a_topic_the_outline_asks_about() -> None:
    asks = Theme(
        "Training new staff",
        "adoption",
        (
            "Do you run training for new staff on the app?",
            "Is there training for the managers before we go live?",
        ),
    )
    brief = _brief(_evidence("Booking software for hair salons.", (PRICE, asks)))
    headings = [t for s in brief.outline for t in (s.h2, *(h.text for h in s.h3))]
    assert "training" in _outline_words(headings)
    assert "training" in brief.meta_description.lower(), brief.meta_description


@pytest.mark.parametrize(
    "pitch",
    [
        "Booking software for hair salons.",
        "Stock control software for pharmacies.",
        "Job scheduling software for landscaping crews.",
    ],
)
def test_the_meta_names_the_titles_topic_before_the_others(pitch: str) -> None:
    """ "… pricing: what buyers ask about training" had read as a page on training."""
    asks = Theme(
        "Training new staff",
        "adoption",
        (
            "Do you run training for new staff on the app?",
            "Is there training for the managers before we go live?",
        ),
    )
    brief = _brief(_evidence(pitch, (PRICE, asks)))
    meta = brief.meta_description.lower()
    assert brief.target_keyword.endswith("pricing"), brief.target_keyword
    assert "what buyers ask about pricing and training" in meta, meta
