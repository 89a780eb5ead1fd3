"""A theme no phrase, clause or central quote holds for is named from what a share of its
quotes say on several calls ("Problems with the rota"), or, for pains most of whose quotes say
how long something takes, "Time spent": never "Problems buyers raise (rota)" nor one quote's
words ("It doesn't do the rota") over ten answers saying how many hours. Quotes from three
trades; a placeholder stays only when nothing is shared."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.topic_names import shared_topic_name, spent_time_name, unnamed_theme

# Pains whose most central quotes lean on what came before ("It's chaos.") and whose others
# share one thing, said on several calls, by fewer than a third of them.
VETS = [
    "It's chaos.",
    "That's really it.",
    "I wanted one thing.",
    "Honestly it's a mess.",
    "That's the bit I hate.",
    "Nobody updates the kennels board when a dog goes home early.",
    "We lost track of the kennels over Easter.",
    "The kennels got double-booked at half term.",
]
WAREHOUSE = [
    "It's a nightmare.",
    "That's really it.",
    "Honestly, every single week.",
    "That's the bit I hate.",
    "I wanted one thing.",
    "Someone prints the manifests before the late orders drop.",
    "The manifests never match what's on the shelf.",
    "We rebuild the manifests by hand most nights.",
]
SALON = [
    "It's chaos.",
    "That's the main thing.",
    "I wanted one thing.",
    "Honestly it's a mess.",
    "That's really it.",
    "Two stylists wrote over each other in the diary.",
    "The diary is a paper book at the desk.",
    "Nobody can read the diary by the afternoon.",
]
# The calls each quote was said on: the shared thing on three calls.
CALLS = [1, 2, 3, 4, 5, 6, 7, 8]


def _weights(texts: list[str]) -> list[float]:
    return [1.0 - 0.05 * j for j in range(len(texts))]


@pytest.mark.parametrize(
    ("texts", "thing"),
    [(VETS, "the kennels"), (WAREHOUSE, "the manifests"), (SALON, "the diary")],
)
def test_a_theme_nothing_holds_for_is_named_from_what_its_quotes_share(
    texts: list[str], thing: str
) -> None:
    taken = unnamed_theme("pain")  # the neutral name another theme already has
    names = name_clusters(
        [["Something else entirely was said here."], texts],
        [[1.0], _weights(texts)],
        kind="pain",
        kept=[taken, None],
        calls=[[9], CALLS],
    )
    assert names[1] == f"Problems with {thing}", names
    # said on one call only, the thing is that buyer's: the neutral name stays, told apart
    [_, alone] = name_clusters(
        [["Something else entirely was said here."], texts],
        [[1.0], _weights(texts)],
        kind="pain",
        kept=[taken, None],
        calls=[[9], [1] * len(texts)],
    )
    assert not alone.startswith("Problems with"), alone


def test_one_buyers_repeated_word_is_no_shared_topic() -> None:
    """A thing said only on one call is that buyer's: no name from it."""
    texts = [
        "The punch clock broke again.",
        "It's chaos.",
        "The punch clock eats the cards.",
        "Honestly it's a mess.",
        "I wanted one thing.",
    ]
    assert shared_topic_name(texts, [], kind="pain", calls=[7, 8, 7, 9, 10]) == ""
    assert shared_topic_name(texts, [], kind="pain", calls=[7, 8, 11, 9, 10]).startswith(
        "Problems with"
    )


@pytest.mark.parametrize(
    "texts",
    [
        # payroll at a café
        [
            "Three hours.",
            "A whole day.",
            "The payroll stuff is a whole evening every two weeks.",
            "Six hours.",
            "But it doesn't do the rota, so I'm copying hours across.",
            "Minimum.",
        ],
        # month-end at an accounting firm
        [
            "Ten days.",
            "But the client never sends the bank feeds on time.",
            "A full week, most months.",
            "Two whole days on the reconciliations alone.",
            "Every month.",
        ],
        # stock counts at a warehouse
        [
            "All weekend.",
            "The scanners drop off the wifi in aisle nine.",
            "Four hours for one aisle.",
            "Most of Saturday.",
            "Sometimes more.",
        ],
    ],
)
def test_a_pain_theme_of_how_long_things_take_is_named_time_spent(texts: list[str]) -> None:
    [name] = name_clusters([texts], [_weights(texts)], kind="pain")
    assert name.startswith("Time spent"), name
    assert spent_time_name(texts, []).startswith("Time spent")


def test_pains_that_say_no_span_of_time_are_not_time_spent() -> None:
    texts = [
        "Every two weeks the rota goes wrong.",
        "The drivers never answer.",
        "Last month we lost a client.",
        "Each morning it's the same.",
    ]
    assert spent_time_name(texts, []) == ""
