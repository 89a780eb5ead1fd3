"""Whether the calls reach back far enough to compare a period with the one before it.

A workspace whose first call is 6 October, read over 12 October to 10 November, had compared
against 12 September to 11 October: six days of calls against thirty, and 6 of its 8 top themes
read "rising". The period before must hold a call and have calls over at least
``MIN_HISTORY_SHARE`` of its days, counted from where the calls begin (a stray early date left
out, as ``window_end`` leaves out a stray late one); else no theme rises or falls.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Sequence

from pipeline.cluster.trend import REACHED_CALLS, REACHED_SHARE, Period, Periods
from pipeline.wording import plural

MIN_HISTORY_SHARE = 0.5


def history_start(dates: Sequence[dt.date]) -> dt.date | None:
    """The day the calls begin: the earliest date that all but a stray few reach back to (one
    misread "2020" among a month of calls is no year of history)."""
    known = sorted(dates)
    if len(known) <= REACHED_CALLS:
        return known[0] if known else None
    stray = max(REACHED_CALLS, len(known) - math.ceil(REACHED_SHARE * len(known)) + 1)
    return known[stray - 1]


def covered_days(period: Period, start: dt.date) -> int:
    """The days of ``period`` on or after ``start``."""
    return max(0, (period.end - max(start, period.start)).days + 1)


def has_history(before: Period, dates: Sequence[dt.date]) -> bool:
    """Whether ``before`` holds a call and the calls cover at least ``MIN_HISTORY_SHARE`` of
    its days."""
    start = history_start(dates)
    if start is None or not any(before.holds(day) for day in dates):
        return False
    return covered_days(before, start) >= MIN_HISTORY_SHARE * before.days


def judged(window: Periods, dates: Sequence[dt.date]) -> Periods:
    """``window`` with whether the calls (their dates) reach back over its period before."""
    return window.model_copy(update={"history": has_history(window.before, dates)})


def history_note(window: Periods, dates: Sequence[dt.date]) -> str:
    """What a reader is told when the two periods are not compared: why no theme rises or
    falls; "" when they are."""
    if window.history:
        return ""
    before = window.before
    held = sum(before.holds(day) for day in dates)
    first = f"the first call is on {min(dates)}; " if dates else ""
    return (
        f"not enough history to compare: {first}{before.start} to {before.end} holds "
        f"{plural(held, 'call')}"
    )


def later_calls_note(end: dt.date, dates: Sequence[dt.date]) -> str:
    """What a reader of the default period is told of calls dated after it (a date in the future
    is taken for a misreading, and a stray date far past the rest ends no period): how many,
    the latest, and where to fix them; "" when none is."""
    later = [day for day in dates if day > end]
    if not later:
        return ""
    dated = "call dated" if len(later) == 1 else "calls dated"
    return (
        f"{len(later)} {dated} after {end} (the latest {max(later)}) "
        f"{'is' if len(later) == 1 else 'are'} not in this period: if a date is wrong, fix it on "
        "the call's page; else choose the period's end"
    )
