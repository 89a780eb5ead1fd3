"""A question theme of reported questions ("She asked whether X (yes, ...)") is named by the
first one put directly, never by the rep's bracketed answer.

Why: the demo's theme of "She asked whether it can warn when a room falls below the ratio (yes,
coverage rules per room), whether staff can swap shifts ... (yes, swaps are checked against the
coverage rule ...)" had been named "Swaps are checked against the coverage rule". Notes from a
vet group, a warehouse and an accounting firm; named on the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.label import centralities, name_clusters
from pipeline.cluster.reported_questions import direct_question
from pipeline.embed import Embedder, normalise

# trade -> (a question theme's quotes, the questions that may name it: each quote's first)
THEMES: dict[str, tuple[list[str], set[str]]] = {
    "vets": (
        [
            "She asked whether the nurses can see lab results on the tablet (yes, results sync "
            "within a minute), and whether reminders go by text (yes, SMS and email).",
            "Asked if the nurses can see lab results away from the practice (yes, read-only).",
        ],
        {
            "Can the nurses see lab results on the tablet?",
            "Can the nurses see lab results away from the practice?",
        },
    ),
    "warehousing": (
        [
            "They wanted to know whether pickers can scan two pallets at once (no, one at a "
            "time for now), and whether the handhelds work in the freezer (yes, rated to -30).",
            "He asked if pickers can scan a pallet from the forklift (yes, long-range scanners).",
        ],
        {"Can pickers scan two pallets at once?", "Can pickers scan a pallet from the forklift?"},
    ),
    "accounting": (
        [
            "The partner asked whether we can import last year's ledgers from Sage (yes, a CSV "
            "import in a day), whether clients sign engagement letters online (yes, e-sign).",
            "Asked if we can import the ledgers before year end (yes, about two days' work).",
        ],
        {
            "Can you import last year's ledgers from Sage?",
            "Can you import the ledgers before year end?",
        },
    ),
}


@pytest.mark.parametrize("trade", sorted(THEMES))
def test_a_theme_of_reported_questions_is_named_by_the_first_put_directly(
    embedder: Embedder, trade: str
) -> None:
    quotes, expected = THEMES[trade]
    vectors = embedder.encode(quotes)
    [name] = name_clusters(
        [quotes],
        centralities(vectors, [range(len(quotes))], normalise(vectors.sum(axis=0))),
        kind="question",
    )
    assert name in expected, name


# A rep's note says the buyer in the third person; the question is put in the buyer's own words,
# unless "their" is the people the question is about ("the drivers ... their routes").
IN_THE_BUYERS_WORDS = {
    "Asked whether we can import their Servicio history (yes, a CSV).": (
        "Can you import our Servicio history?"
    ),
    "The manager asked if they can keep their own appointment codes.": (
        "Can we keep our own appointment codes?"
    ),
    "She wanted to know whether we could move them over before the spring rush.": (
        "Could you move us over before the spring rush?"
    ),
    "He asked whether the drivers can see their routes the night before.": (
        "Can the drivers see their routes the night before?"
    ),
}


@pytest.mark.parametrize("note", sorted(IN_THE_BUYERS_WORDS))
def test_a_reported_question_is_put_in_the_buyers_own_words(note: str) -> None:
    assert direct_question(note) == IN_THE_BUYERS_WORDS[note]


# "Matt asked if we do casual passes for drop-ins." had named its theme "Do you casual passes
# for drop-ins?": reported speech puts no "do" before a verb, so its "do" is the verb.
SAID_DO = {
    "kennels": (
        ["Asked if we do weekend pick-ups for the dogs."],
        "Do you do weekend pick-ups for the dogs?",
    ),
    "printing": (
        ["The owner asked whether it does spot colour proofs."],
        "Does it do spot colour proofs?",
    ),
    "roofing": (
        ["Priya asked if you do gutter guards as an add-on."],
        "Do you do gutter guards as an add-on?",
    ),
}


@pytest.mark.parametrize("trade", sorted(SAID_DO))
def test_a_reported_do_keeps_its_verb(embedder: Embedder, trade: str) -> None:
    quotes, expected = SAID_DO[trade]
    vectors = embedder.encode(quotes)
    [name] = name_clusters(
        [quotes],
        centralities(vectors, [range(len(quotes))], normalise(vectors.sum(axis=0))),
        kind="question",
    )
    assert name == expected
