"""A question theme is never named from a favour asked of whoever listens: an aside to someone
in the room ("Sorry, Mel, can you grab the door?") or a request to the rep ("Can you send me
something I can read over the weekend?") asks nothing of the product, and a theme of them only
takes a neutral name, never a topic their words cue. Lines from a bakery, a courier firm and an
accounting practice; named on the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.clauses import quote_clause
from pipeline.cluster.label import centralities, name_clusters
from pipeline.cluster.name_rules import still_fits
from pipeline.cluster.topic_names import unnamed_theme
from pipeline.embed import Embedder, normalise

# trade -> a favour asked on a call, and a product question asked beside one
FAVOURS = {
    "bakery": ("Sorry, Jo, can you shut the door?", "Will it print the allergen labels?"),
    "courier": (
        "Could you email us the brochure so the partners can look at it?",
        "Do you charge per van or per driver?",
    ),
    "accounting": (
        "Sorry, Dev, can you grab the phone?",
        "Does it pull the bank feeds in overnight?",
    ),
}


def _named(embedder: Embedder, quotes: list[str]) -> str:
    vectors = embedder.encode(quotes)
    [name] = name_clusters(
        [quotes],
        centralities(vectors, [range(len(quotes))], normalise(vectors.sum(axis=0))),
        kind="question",
    )
    return name


@pytest.mark.parametrize("trade", sorted(FAVOURS))
def test_a_theme_of_a_favour_takes_a_neutral_name(embedder: Embedder, trade: str) -> None:
    favour, _ = FAVOURS[trade]
    assert _named(embedder, [favour]) == unnamed_theme("question")


@pytest.mark.parametrize("trade", sorted(FAVOURS))
def test_the_product_question_names_a_theme_beside_a_favour(embedder: Embedder, trade: str) -> None:
    favour, question = FAVOURS[trade]
    assert _named(embedder, [favour, question]) == question


def test_a_question_about_sending_is_no_favour(embedder: Embedder) -> None:
    assert (
        _named(embedder, ["Can you send reminders by text?"]) == "Can you send reminders by text?"
    )


@pytest.mark.parametrize("trade", sorted(FAVOURS))
def test_a_favour_given_as_a_name_before_no_longer_holds(trade: str) -> None:
    favour, _ = FAVOURS[trade]
    given = quote_clause(favour)
    assert not still_fits(given, [favour], [], kind="question")
