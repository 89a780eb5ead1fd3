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
