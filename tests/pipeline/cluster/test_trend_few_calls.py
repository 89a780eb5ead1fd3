"""A trend needs calls to compare: ten mentions of one call read "trend 11.00" and rose."""

from __future__ import annotations

import datetime as dt

from pipeline.cluster.stats import MentionRow, cluster_stats
from pipeline.cluster.trend import periods, trend_word

LATEST = dt.date(2026, 3, 20)


def _row(i: int, call_id: int, day: dt.date) -> MentionRow:
    return MentionRow(
        i, f"Every Sunday the count takes {i} hours.", call_id, i, None, None, day, "Acme", "lost"
    )


def test_one_call_many_mentions_is_new_not_a_ratio() -> None:
    rows = [_row(i, 7, LATEST) for i in range(10)]
    figures = cluster_stats(rows, periods(LATEST))
    assert figures.trend_label == "new"
    assert figures.direction == "flat"  # one call's mentions do not make a rising theme


def test_one_call_seen_before_shows_no_trend() -> None:
    rows = [_row(i, 7, LATEST - dt.timedelta(days=40)) for i in range(6)]
    figures = cluster_stats(rows, periods(LATEST))
    assert figures.trend_label == ""
    assert figures.direction == "flat"


def test_several_calls_read_rising_the_ratio_kept() -> None:
    early = [_row(i, i, LATEST - dt.timedelta(days=40)) for i in range(2)]
    late = [_row(10 + i, 10 + i, LATEST - dt.timedelta(days=i)) for i in range(5)]
    figures = cluster_stats([*early, *late], periods(LATEST))
    assert (figures.trend_label, figures.trend) == ("rising", 2.0)
    assert figures.direction == "up"
    assert trend_word(0, 0, 3) == ""
