"""Names keep what their quotes mean: no dropped negation, no term cut mid-phrase, no question
theme under a placeholder, no loose pain theme under one quote's words."""

from __future__ import annotations

import pytest

from pipeline.cluster.label import name_clusters
from pipeline.cluster.name_sense import drops_a_negation, keeps_its_sense


@pytest.mark.parametrize(
    "quotes",
    [
        [
            "Not interested right now - we've run the kennels on one rota 10 yrs, it works fine.",
            "looks like it was built in 2009",
        ],
        [
            "Not interested right now - the pick lists are 10 yrs old and they work fine.",
            "looks like it was built in 2009",
        ],
    ],
)
def test_a_status_quo_name_never_drops_not_nor_keeps_a_fragment(quotes: list[str]) -> None:
    [name] = name_clusters([quotes], [[0.9, 0.5]], categories=["status_quo"], kind="objection")
    assert "interested right" not in name.lower()
    assert keeps_its_sense(name, quotes)


def test_a_term_said_negated_is_no_name_alone() -> None:
    quotes = ["We're not interested this year.", "Not interested, we have a vet system."]
    assert drops_a_negation("interested", quotes)
    assert not drops_a_negation("Not interested", quotes)
    assert not drops_a_negation("vet system", quotes)


@pytest.mark.parametrize(
    "questions",
    [
        [
            "What happens when the groomer's van goes through a tunnel with no signal at all?",
            "And the alert, if a kennel heater fails overnight, who gets told?",
        ],
        [
            "Would it help if we wrote a one-page summary for the partners at the firm?",
        ],
        [
            "Asked whether the scanner works offline in the back of the cold store.",
        ],
    ],
)
def test_a_question_theme_is_named_from_its_questions_never_a_placeholder(
    questions: list[str],
) -> None:
    [name] = name_clusters(
        [questions], [[0.9 - 0.2 * i for i in range(len(questions))]], kind="question"
    )
    assert not name.startswith("Questions buyers ask")


def test_a_question_theme_takes_no_topic_its_central_question_does_not_ask() -> None:
    questions = [
        "Can the customer see the photo without logging into anything?",
        "Can the drivers see their own data?",
        "Can the driver weigh and photograph the box at the door?",
        "Can shop staff see ETAs on the tablet without a login?",
    ]
    [name] = name_clusters([questions], [[0.8, 0.7, 0.35, 0.2]], kind="question")
    assert name != "Drivers"
