"""A theme named from the things its quotes share names each by its noun phrase's head, never by a
word that only describes ("Problems with the email and the fake" had named phishing pains from
"a fake DocuSign email" and "a fake invoice"): such a word goes, a word always said before the
same noun takes it ("the bank feed"). Pains of a vet practice, a warehouse and an accounting
firm, invented; the other quotes lean on what came before, so nothing else names them."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.noun_heads import ends_its_phrase, its_phrase
from pipeline.cluster.topic_names import unnamed_theme

LEANING = [
    "It's chaos.",
    "That's really it.",
    "I wanted one thing.",
    "Honestly it's a mess.",
    "That's the bit I hate.",
]
# trade -> (the two quotes that share things, on two calls; the theme's name)
SHARED = {
    "vet": (
        [
            "Someone booked a fake appointment through the website and we kept the theatre "
            "free all morning.",
            "The website sent a fake reminder to half our clients last week.",
        ],
        "Problems with the website",
    ),
    "warehouse": (
        [
            "A driver turned up with a duplicate delivery note and the scanner took it.",
            "The scanner printed a duplicate label for every pallet on Friday.",
        ],
        "Problems with the scanner",
    ),
    "accounting": (
        [
            "The bank feed pulled in a duplicate payment and nobody noticed for a month.",
            "A client sent us a duplicate invoice and the bank feed matched it anyway.",
        ],
        "Problems with the bank feed",
    ),
}


@pytest.mark.parametrize("trade", sorted(SHARED))
def test_a_shared_things_name_is_made_of_noun_phrases(trade: str) -> None:
    shared, expected = SHARED[trade]
    texts = [*LEANING, *shared, "We lost track of it over Easter."]
    taken = unnamed_theme("pain")  # the neutral name another theme already has
    names = name_clusters(
        [["Something else entirely was said here."], texts],
        [[1.0], [1.0 - 0.05 * j for j in range(len(texts))]],
        kind="pain",
        kept=[taken, None],
        calls=[[9], list(range(1, len(texts) + 1))],
    )
    assert names[1] == expected


@pytest.mark.parametrize(
    ("word", "trade", "phrase"),
    [
        ("fake", "vet", ""),  # "a fake appointment", "a fake reminder": it only describes
        ("website", "vet", "website"),
        ("duplicate", "warehouse", ""),
        ("scanner", "warehouse", "scanner"),  # "the scanner | took it": a verb follows
        ("bank", "accounting", "bank feed"),  # always said before "feed"
    ],
)
def test_a_word_names_a_thing_in_its_phrase(word: str, trade: str, phrase: str) -> None:
    texts, _ = SHARED[trade]
    assert its_phrase(word, texts) == phrase
    assert ends_its_phrase(word, texts) == (phrase == word)
