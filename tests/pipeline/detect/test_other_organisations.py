"""A name the words beside it make another kind of organisation is no guessed rival.

Why: a fleet buyer's "Our Unite rep has already said no to cameras" and "he's the GMB rep for
the depot" had put two trade unions among the "Competitors named" and in the FAQ's "other
tools" answer; "Allstar fuel cards" a fuel card. Configured rivals are named whatever follows.
"""

from __future__ import annotations

import pytest

from pipeline.detect.competitors import find_competitors


@pytest.mark.parametrize(
    "sentence",
    [
        "Our Unite rep has already said no to inward-facing cameras.",
        "He's our senior driver and he's the GMB rep for the depot.",
        "Our Unison representative wants to see the policy first.",
        "We're on Allstar fuel cards and want the receipts matched.",
        "We're with the union, Unite, on the camera question.",
        "We use Northgate Bank for the loan and they want the figures.",
        "We're with Harlow council on the parking permits.",
    ],
)
def test_a_union_a_card_or_a_bank_is_no_rival(sentence: str) -> None:
    assert find_competitors(sentence, ["Samsara"]) == []


@pytest.mark.parametrize(
    ("sentence", "rival"),
    [
        ("We use RotaPro and it is slow.", "RotaPro"),
        ("Our TrakSure contract ends in May.", "TrakSure"),
        ("Our Samsara rep offered us twenty percent off.", "Samsara"),  # configured: named
    ],
)
def test_a_product_is_still_a_rival(sentence: str, rival: str) -> None:
    assert [hit.name for hit in find_competitors(sentence, ["Samsara"])] == [rival]


@pytest.mark.parametrize(
    "sentence",
    [
        "Mira, half my crew reads Spanish better than English.",
        "Our drivers speak Polish more than English, to be honest.",
        "We compared it to German suppliers last year.",
        "The app is cheaper than Americans would pay, sure.",
        "We looked at South African rates and it is fine.",
        "Honestly it is better than Mandarin for the night shift.",
    ],
)
def test_a_language_or_a_people_is_no_rival(sentence: str) -> None:
    """A capitalised word after "than", "compared to", "looked at" had been a guessed rival."""
    assert find_competitors(sentence, ["Samsara"]) == []


def test_a_rival_configured_with_such_a_name_is_still_named() -> None:
    hits = find_competitors("We're still cheaper than English Cloud.", ["English Cloud"])
    assert [(hit.name, hit.known) for hit in hits] == [("English Cloud", True)]
    assert [hit.name for hit in find_competitors("Better than Mandarin Cloud.", [])] == [
        "Mandarin Cloud"
    ]
