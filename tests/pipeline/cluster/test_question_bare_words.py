"""A question theme is named by what its questions ask, never by one bare word they share
("Lawyer" had named "how fast someone picks up when a lawyer is locked out" and "if a lawyer
leaves, how quickly can you remove their access"): whom a question names is not its topic.
A question said inside a statement ("What I need to know is how ...") is read as asked."""

from __future__ import annotations

import pytest

from pipeline.cluster.keywords import ctfidf_keywords
from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.quote_names import asked_whole
from pipeline.cluster.topic_names import topic_name

# trade -> (two questions sharing one noun, most central first; that noun)
THEMES = {
    "haulage": (
        [
            "The thing I'd want to know is how soon a driver sees a changed drop when he's"
            " already out on the motorway.",
            "And if a driver calls in sick, how fast can dispatch move his route to someone else?",
        ],
        "Driver",
    ),
    "bakery": (
        [
            "What I'd want to know is how a new baker gets the recipe cards on the tablet before"
            " the early shift.",
            "And if a baker leaves, how fast can you take his login off the ovens?",
        ],
        "Baker",
    ),
    "salon": (
        [
            "The thing I need to know is whether a stylist can see her own bookings from home on"
            " a Sunday.",
            "And if a stylist is off sick, how quickly can reception move her clients to someone"
            " else?",
        ],
        "Stylist",
    ),
}
KEYWORDS = ctfidf_keywords([texts for texts, _ in THEMES.values()])


def test_question_themes_are_named_by_what_they_ask() -> None:
    groups = [texts for texts, _ in THEMES.values()]
    names = name_clusters(groups, [[1.0, 0.9]] * len(groups), keywords=KEYWORDS, kind="question")
    assert names == [
        # What its central question asks, without the clause only it says (``asked_core``).
        "How soon a driver sees a changed drop",
        # Its central question, not "Baker", nor its scene "If a baker leaves".
        "How a new baker gets the recipe cards on the tablet",
        "How quickly can reception move her clients to someone else?",
    ]


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_shared_noun_is_no_question_themes_topic(trade: str) -> None:
    texts, noun = THEMES[trade]
    keywords = KEYWORDS[list(THEMES).index(trade)]
    assert topic_name(texts, keywords, kind="question") == ""
    # A name given before is named anew; a pain's or an objection's topic word may stand.
    assert not still_fits(noun, texts, [], leading=texts, kind="question")
    assert still_fits(noun, texts, [], leading=texts, kind="objection")


@pytest.mark.parametrize(
    ("said", "asked"),
    [
        (
            "What I need to know is how fast someone picks up when a nurse is locked out.",
            "How fast someone picks up when a nurse is locked out",
        ),
        (
            "My question is whether the van app works in the tunnel with no signal.",
            "Whether the van app works in the tunnel with no signal",
        ),
        (
            "We'd really like to know when the spring menu goes live on the kiosk.",
            "When the spring menu goes live on the kiosk",
        ),
    ],
)
def test_a_question_said_in_a_statement_is_read_as_asked(said: str, asked: str) -> None:
    assert list(asked_whole([said])) == [asked]
