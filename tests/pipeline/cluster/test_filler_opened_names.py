"""A quote's opening filler or join counts for nothing in a theme's name: "Honestly, three days."
is a fragment like "Three days." (its theme is named from the question it answers), and a name
read from "Plus I have to rekey every invoice by hand." drops its "Plus"."""

from __future__ import annotations

import pytest

from pipeline.cluster.answered import asked_about, fragment
from pipeline.cluster.label import name_clusters
from pipeline.cluster.quote_names import quote_phrase

# (the rep's question, answers that open on a filler): none reads alone
ANSWERS = [
    (
        "How long does a transfer take to clear?",  # banking wording
        ["Honestly, three days.", "I mean, two days, usually.", "Well, up to five days.",
         "Honestly, a week sometimes.", "I mean, four days."],
    ),
    (
        "And how often do clients miss appointments?",  # salons
        ["I mean, twice a week, easily.", "Honestly, every Saturday.", "Well, most weekends.",
         "Honestly, three times a week.", "I mean, constantly."],
    ),
    (
        "How long does a vaccine clinic take you?",  # vets
        ["Well, twenty minutes.", "Honestly, half an hour.", "I mean, about forty minutes.",
         "Well, an hour, easily.", "Honestly, fifteen minutes."],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("question", "answers"), ANSWERS, ids=["banking", "salons", "vets"])
def test_answers_opening_on_a_filler_are_named_from_the_question(
    question: str, answers: list[str]
) -> None:
    assert all(fragment(a) for a in answers), [a for a in answers if not fragment(a)]
    weights = [1.0 - 0.05 * j for j in range(len(answers))]
    [name] = name_clusters([answers], [weights], answered=[[question] * len(answers)])
    assert name == asked_about(question)


@pytest.mark.parametrize(
    ("quote", "name"),
    [
        ("Plus I have to rekey every invoice by hand.", "I have to rekey every invoice by hand"),
        ("On top of that the card reader drops out.", "The card reader drops out"),
        ("Plus the pallet labels print out of order.", "The pallet labels print out of order"),
        ("Not to mention the groomers keep double booking.", "The groomers keep double booking"),
    ],
)
def test_a_name_read_from_a_quote_drops_its_opening(quote: str, name: str) -> None:
    assert quote_phrase(quote) == name


@pytest.mark.parametrize(
    "quote", ["Honestly, three hours.", "I mean, a whole day.", "To be honest, every payday."]
)
def test_a_filler_before_a_fragment_never_names_a_theme(quote: str) -> None:
    """Read whole, the quote had named a theme with its filler ("Honestly, three hours.")."""
    assert not quote_phrase(quote).lower().startswith(("honestly", "i mean", "to be honest"))
    assert fragment(quote)


# A word that only starts like a filler keeps its first word in a name: "Well-being", "Look at",
# "Right now" (vets, warehousing, salons, accounting).
KEPT_OPENINGS = [
    ("Well-being checks for the kennel staff take all of Friday.", "Well-being checks"),
    ("Look at the pick lists, every aisle is on a different sheet.", "Look at the pick lists"),
    ("Right now the colour stock is counted by hand every week.", "Right now the colour stock"),
    ("Right now month-end close takes us nine working days.", "Right now month-end close"),
]


@pytest.mark.parametrize(("quote", "opening"), KEPT_OPENINGS)
def test_a_word_that_only_looks_like_a_filler_stays_in_the_name(quote: str, opening: str) -> None:
    assert quote_phrase(quote).startswith(opening), quote_phrase(quote)


@pytest.mark.parametrize(
    "quote",
    ["Look, the pick lists are on a different sheet for every aisle.",
     "Right, the colour stock is counted by hand every single week."],
)  # fmt: skip
def test_look_and_right_before_a_comma_are_still_dropped(quote: str) -> None:
    assert quote_phrase(quote).startswith("The "), quote_phrase(quote)
