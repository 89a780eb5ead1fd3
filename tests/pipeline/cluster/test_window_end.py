"""The dashboard's default window ends where the calls are: one stray date (a misread
"12/03/2026" stored as 3 December) months after every other call had moved the 30 days onto
itself and emptied the top objections."""

from __future__ import annotations

import datetime as dt

from pipeline.cluster.trend import window_end

TODAY = dt.date(2026, 12, 5)
SPRING = [dt.date(2026, 2, 10) + dt.timedelta(days=2 * n) for n in range(20)]


def test_one_stray_date_months_after_the_others_does_not_end_the_window() -> None:
    assert window_end([*SPRING, dt.date(2026, 12, 3)], TODAY) == max(SPRING)


def test_a_date_in_the_future_does_not_end_the_window() -> None:
    assert window_end([dt.date(2026, 11, 20), dt.date(2027, 11, 20)], TODAY) == dt.date(
        2026, 11, 20
    )


def test_the_latest_calls_of_a_steady_stream_end_the_window() -> None:
    days = [TODAY - dt.timedelta(days=n) for n in range(60)]
    assert window_end(days, TODAY) == TODAY


def test_a_workspace_of_future_dates_only_still_has_a_window() -> None:
    assert window_end([dt.date(2099, 1, 2), dt.date(2099, 1, 9)], TODAY) == dt.date(2099, 1, 9)
    assert window_end([], TODAY) is None


MARCH = [dt.date(2026, 3, 3) + dt.timedelta(days=2 * n) for n in range(14)]


def test_one_stray_date_among_fifteen_calls_does_not_end_the_window() -> None:
    """The reviewer's shape: 14 calls in March-April and one misread "12/03/2026" in December
    (one call in 15 is more than the 5% a share alone leaves out)."""
    assert window_end([*MARCH, dt.date(2026, 12, 3)], TODAY) == max(MARCH)


def test_a_real_cluster_of_recent_calls_keeps_the_latest_week() -> None:
    """Calls resumed after a quiet spell: the spring calls do not pull the window back."""
    recent = [TODAY - dt.timedelta(days=n) for n in (0, 2, 4, 6)]
    assert window_end([*MARCH, *recent], TODAY) == TODAY
    assert window_end([*MARCH, TODAY - dt.timedelta(days=6), TODAY], TODAY) == TODAY


def test_two_calls_far_apart_end_on_the_later() -> None:
    """Neither of two calls outvotes the other."""
    days = [dt.date(2026, 3, 3), dt.date(2026, 11, 3)]
    assert window_end(days, TODAY) == dt.date(2026, 11, 3)
