"""A rival's theme whose quotes say they chose it, or praise a thing it has, is named by that,
never "<Rival>: named, no reason given".

Why: a lost deal's theme of "To be upfront, the board picked PharmStock on Monday." and "They
also liked that PharmStock already had a digital CD register, and yours is only on the roadmap."
had been "PharmStock: named, no reason given" and topped the lost-deal panel. Lines from a vet
group, a warehouse and a salon chain; named on the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.label import centralities, name_clusters
from pipeline.embed import Embedder, normalise

# rival -> (its theme's quotes, the name it must take)
THEMES: dict[str, tuple[list[str], str]] = {
    "Vetlio": (
        [
            "In the end the partners went with Vetlio last week.",
            "The nurses liked that Vetlio already has a client app, and yours is still in beta.",
            "We're also looking at Petwise for the Leeds practice.",
        ],
        "Vetlio: has a client app",
    ),
    "ShelfWorks": (
        [
            "Honestly, the ops director picked ShelfWorks on Friday.",
            "We spoke to ShelfWorks about the pallets.",
            "Palletly came in too but nobody rated it.",
        ],
        "ShelfWorks: chosen over us",
    ),
    "Glossbook": (
        [
            "Sorry, the owners decided to go with Glossbook.",
            "Everyone loved that Glossbook had a deposit feature for no-shows.",
            "Curlhub was mentioned once.",
        ],
        "Glossbook: had a deposit feature",
    ),
}
RIVALS = ["Vetlio", "Petwise", "ShelfWorks", "Palletly", "Glossbook", "Curlhub"]


def rival_theme_name(embedder: Embedder, quotes: list[str], rivals: list[str]) -> str:
    """The name one competitor theme of ``quotes`` gets, ``rivals`` on file."""
    vectors = embedder.encode(quotes)
    [name] = name_clusters(
        [quotes],
        centralities(vectors, [range(len(quotes))], normalise(vectors.sum(axis=0))),
        competitors=rivals,
        categories=["competitor"],
        kind="objection",
    )
    return name


def _named(embedder: Embedder, quotes: list[str]) -> str:
    return rival_theme_name(embedder, quotes, RIVALS)


@pytest.mark.parametrize("rival", sorted(THEMES))
def test_a_rival_theme_is_named_by_what_its_quotes_say_of_it(
    embedder: Embedder, rival: str
) -> None:
    quotes, expected = THEMES[rival]
    assert _named(embedder, quotes) == expected


def test_a_rival_only_named_is_still_named_no_reason_given(embedder: Embedder) -> None:
    quotes = ["Lost to ShelfWorks.", "ShelfWorks.", "And ShelfWorks again, apparently."]
    assert _named(embedder, quotes).endswith(": named, no reason given")
