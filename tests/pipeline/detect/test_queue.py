"""Which sentences the review queue asks about: kind in doubt (closest to the threshold first)
in turn with objections whose category is in doubt, sure ones last; spread over calls and
themes; the buyer's words (said or quoted in a rep's note) before an unknown speaker's."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.detect.learning import OpenSentence, _queue_order
from pipeline.detect.queue import doubt_order, pick, theme_margins, uncertainty_order


def _spread_vectors(n: int) -> np.ndarray:
    """``n`` orthogonal unit vectors: no two rows are near-duplicates."""
    return np.eye(n, dtype=np.float32)


def test_closest_to_the_threshold_in_log_odds_comes_first() -> None:
    assert uncertainty_order([0.9, 0.2, 0.01, 0.16, 0.5], 0.16) == [3, 1, 4, 2, 0]


def test_a_batch_is_spread_over_calls() -> None:
    probabilities = [0.16, 0.17, 0.15, 0.18, 0.3, 0.6]
    calls = ["a", "a", "a", "a", "b", "c"]
    chosen = pick(probabilities, calls, _spread_vectors(6), 3, 0.16)
    # at most ceil(3 / 3) + 1 = 2 from call "a", then the nearest of the other calls
    assert chosen == [0, 1, 4]


def test_near_duplicates_of_answered_sentences_wait() -> None:
    vectors = _spread_vectors(3)
    chosen = pick([0.16, 0.2, 0.5], ["a", "b", "c"], vectors, 1, 0.16, answered=vectors[:1])
    assert chosen == [1]


def test_rows_before_first_come_before_the_rest_whatever_their_margin() -> None:
    probabilities = [0.9, 0.02, 0.16, 0.17]  # the last two are the nearest, but not buyers'
    chosen = pick(probabilities, ["a", "b", "c", "d"], _spread_vectors(4), 3, 0.16, first=2)
    assert chosen == [1, 0, 2]


def test_the_queue_orders_the_buyers_words_before_an_unknown_speakers() -> None:
    rows = [
        OpenSentence(1, 1, 0.16, buyer=False),  # an unknown speaker: may be the rep
        OpenSentence(2, 1, 0.5, buyer=True),
        OpenSentence(3, 2, 0.15, buyer=True),
        OpenSentence(4, 2, 0.9, buyer=False),
    ]
    assert _queue_order(rows, 0.16) == [2, 1, 0, 3]


def test_sure_rows_wait_behind_every_row_in_doubt() -> None:
    p = [0.04, 0.19, 0.6, 0.98, 0.01]  # a 0.96 question is nearer the threshold than 0.98
    confidences = [0.96, 0.45, 0.6, 0.98, 0.99]
    margins = [None, None, None, -0.05, None]  # the 0.98 objection reads as another category
    # kind doubts (1, 2) take turns with the category doubt (3)
    assert doubt_order(p, confidences, margins, 0.2, sure_at=0.9) == [1, 3, 2, 0, 4]
    calls = ["a", "b", "c", "d", "e"]
    # a spread over five calls no longer lets the sure question in
    chosen = pick(p, calls, _spread_vectors(5), 3, 0.2, confidences=confidences,
                  theme_doubts=margins, sure_at=0.9)  # fmt: skip
    assert chosen == [1, 3, 2]


@pytest.mark.parametrize(
    ("vector", "expected_sign"),
    [((1.0, 0.0, 0.0), 1), ((0.2, 0.98, 0.0), -1)],
)
def test_a_row_nearer_another_categorys_centre_has_a_negative_margin(
    vector: tuple[float, ...], expected_sign: int
) -> None:
    centres = {
        1: np.array([1.0, 0.0, 0.0]),  # price
        2: np.array([0.95, 0.31, 0.0]),  # price too: the same category is no doubt
        3: np.array([0.0, 1.0, 0.0]),  # security
    }
    categories = {1: "price", 2: "price", 3: "security"}
    rows = np.array([vector], dtype=np.float32)
    (margin,) = theme_margins(rows, [1], centres, categories)
    assert margin is not None and np.sign(margin) == expected_sign
    assert theme_margins(rows, [None], centres, categories) == [None]
