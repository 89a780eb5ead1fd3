"""Whether the calls reach back over the period a trend compares with, and the trend's word."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.cluster.history import has_history, history_note, history_start, judged
from pipeline.cluster.trend import Period, periods, shifted, trend_direction, trend_word

END = dt.date(2026, 11, 10)


def _days(*offsets: int) -> list[dt.date]:
    """Dates this many days before ``END``."""
    return [END - dt.timedelta(days=days) for days in offsets]


@pytest.mark.parametrize(
    ("dates", "history"),
    [
        (_days(0, 5, 20, 35), False),  # the first call 6 days into the 30 before
        (_days(0, 5, 20, 33, 35), False),  # two calls there, still a sliver
        (_days(0, 5, 45, 55), True),  # calls over 16 of the 30 days before
        (_days(0, 5, 200, 210), False),  # calls long ago, none in the period before
        (_days(0, 5, 20, 35, 900), False),  # one stray date years before the others
        (_days(*range(0, 180, 7)), True),  # weekly for six months
        ([], False),
    ],
)
def test_history_reaches_the_period_before(dates: list[dt.date], history: bool) -> None:
    window = periods(END)
    assert has_history(window.before, dates) is history
    judged_window = judged(window, dates)
    assert judged_window.history is history
    assert (history_note(judged_window, dates) == "") is history


def test_the_stray_first_date_is_left_out() -> None:
    assert history_start(_days(0, 1, 2, 3, 400)) == END - dt.timedelta(days=3)
    assert history_start(_days(0, 400)) == END - dt.timedelta(days=400)
    assert history_start([]) is None


@pytest.mark.parametrize(
    ("recent", "before", "calls", "history", "word", "way"),
    [
        (9, 2, 5, "yes", "rising", "up"),
        (1, 6, 5, "yes", "falling", "down"),
        (4, 4, 5, "yes", "steady", "flat"),
        (9, 0, 5, "yes", "new", "up"),
        (9, 2, 5, "", "", "flat"),  # no history: neither rising nor falling
        (1, 6, 5, "", "", "flat"),
        (9, 0, 5, "", "", "flat"),  # no history: nothing is "new" either
        (9, 2, 1, "yes", "", "flat"),  # one call's mentions rise together
        (0, 0, 0, "yes", "", "flat"),
    ],
)
def test_one_word_for_every_surface(
    recent: int, before: int, calls: int, history: str, word: str, way: str
) -> None:
    assert trend_word(recent, before, calls, bool(history)) == word
    assert trend_direction(recent, before, calls, bool(history)) == way


def test_periods_at_the_ends_of_the_calendar_stop_there() -> None:
    day = dt.date(2026, 3, 2)
    assert periods(day, start=dt.date(99, 9, 28)).before.start == dt.date.min
    window = periods(day, start=dt.date.min)
    assert window.before == Period(start=dt.date.min, end=dt.date.min)
    assert periods(dt.date(1, 1, 3)).recent.start == dt.date.min
    assert shifted(dt.date.max, 30) == dt.date.max
    assert shifted(day, -1) == dt.date(2026, 3, 1)
