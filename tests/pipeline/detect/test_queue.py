"""Which sentences the review queue asks about: closest to the threshold, spread over calls and
themes, the buyers' own sentences before a rep's note lines."""

from __future__ import annotations

import numpy as np

from pipeline.detect.learning import OpenSentence, _queue_order
from pipeline.detect.queue import pick, uncertainty_order


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


def test_the_queue_orders_buyer_sentences_before_note_lines() -> None:
    rows = [
        OpenSentence(1, 1, 0.16, buyer=False),  # "Deal stays open." in a rep's note
        OpenSentence(2, 1, 0.5, buyer=True),
        OpenSentence(3, 2, 0.15, buyer=True),
        OpenSentence(4, 2, 0.9, buyer=False),
    ]
    assert _queue_order(rows, 0.16) == [2, 1, 0, 3]
