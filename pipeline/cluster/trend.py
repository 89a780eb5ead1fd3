"""The one trend rule: mentions in a period against the period of equal length just before it.

The home page's "rising" badge, the cluster page, ``sort=trend`` and the dashboard's arrows all
read it from here, so a cluster marked rising on one page never shows falling on another.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterable
from typing import Literal

from pydantic import BaseModel

from pipeline.errors import BadInput

TREND_DAYS = 30  # the default period: the 30 days up to the latest call
RISING_RATIO = 1.5  # (recent + 1) / (before + 1) at or above this is rising; its inverse, falling
MIN_MENTIONS = 3  # a direction needs at least this many mentions in the larger period
MIN_TREND_CALLS = 2  # one call's mentions all share its date: a ratio of them is no trend
# The default window ends near the date this share of the calls, and at least ``REACHED_CALLS``
# of them, reach: a stray date (a misread "12/03/2026", a typo'd year) months after every other
# call does not move it onto itself, even among 15 calls where one is more than 5%.
REACHED_SHARE = 0.95
REACHED_CALLS = 2

Direction = Literal["up", "down", "flat"]
# The trend in a word, the same on the dashboard, the cluster list and the API: "" when it
# cannot be told (no mentions, one call's, or calls that do not reach back far enough).
TrendWord = Literal["rising", "falling", "steady", "new", ""]
_WORDS: dict[Direction, TrendWord] = {"up": "rising", "down": "falling", "flat": "steady"}


class Period(BaseModel):
    """Both ends included."""

    start: dt.date
    end: dt.date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def holds(self, day: dt.date | None) -> bool:
        return day is not None and self.start <= day <= self.end


class Periods(BaseModel):
    """``history``: whether the calls reach back over enough of ``before`` to compare the two
    (``pipeline.cluster.history``); a period before the first call holds no mentions because
    nothing was recorded, not because fewer were raised."""

    recent: Period
    before: Period
    history: bool = True


def shifted(day: dt.date, days: int) -> dt.date:
    """``day`` moved by ``days``, held within the calendar: a period asked from the year 99 has
    no period of its length before it, and ``date`` arithmetic past year 1 or 9999 raises."""
    try:
        return day + dt.timedelta(days=days)
    except OverflowError:
        return dt.date.min if days < 0 else dt.date.max


def window_end(dates: Iterable[dt.date], today: dt.date) -> dt.date | None:
    """The latest call date the default window ends on: none after ``today`` (a date in the
    future is a misreading, unless every date is) and none more than ``TREND_DAYS`` after the
    date ``REACHED_SHARE`` of the calls, and ``REACHED_CALLS`` at least, reach (with two calls
    or fewer neither outvotes the other). None when no call has a date."""
    known = sorted(dates)
    past = [day for day in known if day <= today] or known
    if not past:
        return None
    beyond = max(REACHED_CALLS, len(past) - math.ceil(REACHED_SHARE * len(past)) + 1)
    reached = past[-beyond] if len(past) > REACHED_CALLS else past[-1]
    limit = shifted(reached, TREND_DAYS)
    return max(day for day in past if day <= limit)


def periods(end: dt.date, *, start: dt.date | None = None, days: int = TREND_DAYS) -> Periods:
    """``start``..``end`` (default: the ``days`` days ending at ``end``) and the period of the
    same length just before it."""
    start = start if start is not None else shifted(end, -(days - 1))
    if start > end:
        raise BadInput(f"the period starts ({start}) after it ends ({end})")
    length = (end - start).days + 1
    before_end = shifted(start, -1)
    return Periods(
        recent=Period(start=start, end=end),
        before=Period(start=shifted(before_end, -(length - 1)), end=before_end),
    )


def counts(days: Iterable[dt.date | None], window: Periods) -> tuple[int, int]:
    """How many of ``days`` fall in the recent period and in the one before."""
    listed = list(days)
    return (
        sum(window.recent.holds(d) for d in listed),
        sum(window.before.holds(d) for d in listed),
    )


def trend_score(recent: int, before: int) -> float:
    """Above 1: more mentions lately (+1 smoothed, so a new theme scores high, not infinite)."""
    return round((recent + 1) / (before + 1), 3)


def trend_word(recent: int, before: int, calls: int, history: bool = True) -> TrendWord:
    """The trend as a reader sees it: "" when it cannot be told (calls that do not reach back
    over the period before: 6 of 8 themes had read "rising", then every one "new" under "not
    enough history to compare"; no mentions; all of one call's: ten mentions on one day had
    read "trend 11.00"); "new" when nothing came before; else rising, falling or steady by
    ``direction``. The ratio stays in the JSON."""
    if not history:
        return ""
    if before == 0:
        return "new" if recent else ""
    if calls < MIN_TREND_CALLS:
        return ""
    return _WORDS[direction(recent, before)]


def trend_direction(recent: int, before: int, calls: int, history: bool = True) -> Direction:
    """``direction``, flat over one call's mentions (they rise or fall together) or without
    the history to compare with: the one reading of badges, arrows and words."""
    return direction(recent, before) if history and calls >= MIN_TREND_CALLS else "flat"


def direction(recent: int, before: int) -> Direction:
    """``up`` (rising), ``down`` (falling) or ``flat``: a change of at least ``RISING_RATIO``
    over at least ``MIN_MENTIONS`` mentions."""
    score = trend_score(recent, before)
    if recent >= MIN_MENTIONS and score >= RISING_RATIO:
        return "up"
    if before >= MIN_MENTIONS and score <= 1 / RISING_RATIO:
        return "down"
    return "flat"
