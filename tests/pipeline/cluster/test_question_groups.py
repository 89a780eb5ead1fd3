"""Question themes at the grain of an FAQ entry: questions on different topics are different
themes, a question like no other is a theme of its own (never dropped), and questions on one
subject stay together. The vectors are made up so that what is close is plain."""

from __future__ import annotations

import numpy as np

from pipeline.cluster.question_groups import refine_question_groups
from pipeline.cluster.questions import question_topic
from pipeline.embed import normalise


def _vectors(*directions: list[float]) -> np.ndarray:
    return normalise(np.asarray(directions, dtype=np.float32))


def test_unrelated_questions_of_one_cut_become_themes_of_their_own() -> None:
    # a hosting, a Spanish and an e-sign question the tree's cut put together, far apart
    vectors = _vectors([1, 0.1, 0, 0], [0.1, 1, 0, 0], [0, 0.1, 1, 0], [0, 0, 0.1, 1])
    groups = refine_question_groups(vectors, [None] * 4, [[0, 1, 2, 3]])
    assert sorted(groups) == [[0], [1], [2], [3]]


def test_questions_on_one_subject_stay_together() -> None:
    vectors = _vectors([1, 0.2, 0], [1, 0.1, 0.1], [0.9, 0, 0.2])
    assert refine_question_groups(vectors, ["price", "price", None], [[0, 1, 2]]) == [[0, 1, 2]]


def test_topics_split_a_theme_and_a_question_without_one_joins_the_close_one() -> None:
    # two price questions, a contract question worded like them, and one with no topic word
    # ("How much is it per dentist?") close to the price ones
    vectors = _vectors([1, 0.3, 0], [1, 0.2, 0.1], [0.7, 0, 0.7], [0.95, 0.3, 0])
    topics = ["price", "price", "contract", None]
    groups = refine_question_groups(vectors, topics, [[0, 1, 2, 3]])
    assert sorted(groups) == [[0, 1, 3], [2]]


def test_every_question_ends_in_exactly_one_theme() -> None:
    rng = np.random.default_rng(7)
    vectors = normalise(rng.normal(size=(40, 8)).astype(np.float32))
    topics = [None, "price", "security", None, "integrations"] * 8
    groups = refine_question_groups(vectors, topics, [list(range(20)), list(range(20, 40))])
    assert sorted(row for group in groups for row in group) == list(range(40))
    for group in groups:
        assert len({topics[row] for row in group} - {None}) <= 1


def test_a_question_topic_is_what_its_own_words_name_first() -> None:
    assert question_topic("Do you offer a discount for annual prepay?", "competitor") in {
        "price",
        "contract",
    }
    assert question_topic("Quick q: do you have SOC 2 or ISO 27001?") == "security"
    assert question_topic("Where is the data hosted?", "security") == "security"
    assert question_topic("Is the portal available in Spanish?") is None


def test_a_lone_question_joins_the_theme_its_own_words_name_however_it_is_worded() -> None:
    """The demo had seven one-question price themes ("What's list for us?", "Is it per
    location?") beside "What does it cost?": one FAQ entry. A topic only the detector's
    category gave is not enough to join from afar."""
    # two price questions alike, a price question worded unlike them, a far question whose
    # price topic only the detector gave
    vectors = _vectors([1, 0.1, 0, 0], [1, 0.2, 0, 0], [0.2, 0, 1, 0], [0, 1, 0, 0.1])
    topics = ["price", "price", "price", "price"]
    groups = refine_question_groups(
        vectors, topics, [[0, 1], [2], [3]], worded=[True, True, True, False]
    )
    assert sorted(groups) == [[0, 1, 2], [3]]
