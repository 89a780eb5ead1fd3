"""A question theme's name is a label a marketer scans in a list, as short as any theme's: "How
fast someone actually picks up when a lawyer is locked out at nine at night before a filing"
had named one. A long question is named by what it asks about, cut before the clause only it
says, never mid-phrase ("How fast does an engineer turn | up"); the card keeps it whole.
Questions of a vet practice, a letting agent, a payroll bureau, a school and a bakery, named on
the real embedder.
"""

from __future__ import annotations

import pytest

from pipeline.cluster.label import centralities, label_clusters
from pipeline.cluster.quote_names import MAX_ASKED_WORDS, asked_core
from pipeline.embed import Embedder, normalise

# trade -> (a long question, what it asks about: the theme's name)
ASKED = {
    "vet": (
        "What I need to know is how fast someone actually calls back when a nurse is stuck "
        "with a sick dog at ten at night.",
        "How fast someone calls back",
    ),
    "letting agent": (
        "What I'd want to know is how fast someone actually turns up when a tenant has no "
        "heating at six on a Saturday morning.",
        "How fast someone turns up",
    ),
    "payroll": (
        "My question is how soon someone actually answers when a manager gets locked out at "
        "ten at night before payday.",
        "How soon someone answers",
    ),
    "school": (
        "What we need to know is how quickly somebody replies when a teacher cannot log in at "
        "seven before the exam.",
        "How quickly somebody replies",
    ),
    "bakery": (
        "How quickly does somebody come out to fix the oven when it breaks down at four in "
        "the morning before the shops open?",
        "How quickly does somebody come out to fix the oven?",
    ),
    "heating engineer": (
        "How fast does an engineer actually turn up when a boiler fails in a care home at six "
        "on a Saturday?",
        "How fast does an engineer turn up",
    ),
}


@pytest.mark.parametrize("trade", sorted(ASKED))
def test_a_long_question_names_its_theme_by_what_it_asks(embedder: Embedder, trade: str) -> None:
    question, expected = ASKED[trade]
    vectors = embedder.encode([question])
    [label] = label_clusters(
        [[question]], centralities(vectors, [range(1)], normalise(vectors)), kind="question"
    )
    assert label.name == expected
    assert len(label.name.split()) <= MAX_ASKED_WORDS
    assert label.central_quote == question  # the card quotes it whole


# A follow-up that points back names nothing of its own: the long question names the theme.
FOLLOW_UPS = {
    "vet": "And is that the same on a bank holiday?",
    "letting agent": "Is that the same on a bank holiday?",
    "school": "Is that the same in the holidays?",
}


@pytest.mark.parametrize("trade", sorted(FOLLOW_UPS))
def test_a_theme_of_a_long_question_and_a_follow_up_is_named_short(
    embedder: Embedder, trade: str
) -> None:
    question, expected = ASKED[trade]
    quotes = [question, FOLLOW_UPS[trade]]
    vectors = embedder.encode(quotes)
    centroid = normalise(vectors.mean(axis=0, keepdims=True))
    typical = [
        [c + (0.01 if j == 0 else 0.0) for j, c in enumerate(row)]
        for row in centralities(vectors, [range(2)], centroid)
    ]
    [label] = label_clusters([quotes], typical, kind="question")
    assert label.name == expected


# trade -> (a long question; a question sharing only its subject; one sharing its later clause's
# thing too; the cut each gives)
CLAUSES = {
    "vet": (
        "Can a locum see the rota before the shift if the usual vet is off sick?",
        "Can a locum log in from home?",
        "Does the shift show up for the locum?",
        ("Can a locum see the rota?", "Can a locum see the rota before the shift?"),
    ),
    "school": (
        "Can a supply teacher see the timetable before the lesson if the usual teacher is off?",
        "Can a supply teacher log in from home?",
        "Does the lesson plan go to the supply teacher?",
        (
            "Can a supply teacher see the timetable?",
            "Can a supply teacher see the timetable before the lesson?",
        ),
    ),
    "haulage": (
        "Can a relief driver see the route before the depot opens if the usual driver is off?",
        "Can a relief driver log in from home?",
        "Does the depot send the route to the relief driver?",
        (
            "Can a relief driver see the route?",
            "Can a relief driver see the route before the depot opens?",
        ),
    ),
}


@pytest.mark.parametrize("trade", sorted(CLAUSES))
def test_a_long_question_keeps_the_clause_its_theme_shares(trade: str) -> None:
    """The clause only the long question says goes; one its theme's other questions share
    stays ("before the shift", when another asks of the shift)."""
    asked, alone, sharing, (short, kept) = CLAUSES[trade]
    assert asked_core(asked, [asked, alone]) == short
    assert asked_core(asked, [asked, sharing]) == kept
