"""When each message of a phone chat export was sent. WhatsApp writes numeric dates in the
phone's locale (``03/09/2026`` is 3 September in Leeds, March 9 in Boston), so the day/month
order is decided once per file from its own dates, not guessed date by date."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.ingest.values import default_day_first, numeric_date, parse_date

_NUMERIC = re.compile(r"^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})$")
_CLOCK = re.compile(r"^(\d{1,2})[:.](\d{2})(?:[:.](\d{2}))?$")
_NOON = 12


@dataclass(frozen=True)
class DateOrder:
    """How a file's numeric dates are written; ``assumed`` when every one read either way."""

    day_first: bool
    assumed: bool

    def as_extra(self) -> dict[str, str | bool]:
        """What the call keeps, so a reader can see which order its dates were given."""
        order = "day-first" if self.day_first else "month-first"
        return {"date_order": order, "date_order_assumed": self.assumed}


def date_order(dates: Sequence[str]) -> DateOrder | None:
    """A first number over 12 means day-first, a second over 12 month-first; else the one order
    that keeps the messages in time order; else the project's default. None: no numeric date."""
    numeric = [found.groups() for found in map(_NUMERIC.match, dates) if found]
    if not numeric:
        return None
    day_first = any(int(first) > _NOON for first, _sep, _second, _year in numeric)
    month_first = any(int(second) > _NOON for _first, _sep, second, _year in numeric)
    if day_first != month_first:
        return DateOrder(day_first=day_first, assumed=False)
    if not day_first:
        in_order = [flag for flag in (True, False) if _chronological(numeric, day_first=flag)]
        if len(in_order) == 1:
            return DateOrder(day_first=in_order[0], assumed=False)
    return DateOrder(day_first=default_day_first(numeric[0][1]), assumed=True)


def _chronological(numeric: Sequence[tuple[str, ...]], *, day_first: bool) -> bool:
    read = [numeric_date(int(a), int(b), int(y), day_first=day_first) for a, _s, b, y in numeric]
    days = [day for day in read if day is not None]
    return len(days) == len(read) and all(a <= b for a, b in zip(days, days[1:], strict=False))


def message_time(
    date: str, clock: str, meridiem: str | None, order: DateOrder | None
) -> dt.datetime | None:
    """``03/09/2026`` ``10:15 pm`` -> a datetime, the numeric date read in the file's order."""
    found = _NUMERIC.match(date)
    if found is not None and order is not None:
        first, _sep, second, year = found.groups()
        day = numeric_date(int(first), int(second), int(year), day_first=order.day_first)
    else:
        day = parse_date(date)
    time = _time_of_day(clock, meridiem)
    return None if day is None or time is None else dt.datetime.combine(day, time)


def _time_of_day(clock: str, meridiem: str | None) -> dt.time | None:
    """``10:15:32``, ``4:02 PM``, ``12:05 a.m.`` -> a time; None when it is no clock time."""
    found = _CLOCK.match(clock)
    if found is None:
        return None
    hour, minute, second = int(found.group(1)), int(found.group(2)), int(found.group(3) or 0)
    if meridiem:
        afternoon = meridiem.strip().casefold().startswith("p")
        hour = hour % _NOON + (_NOON if afternoon else 0)
    try:
        return dt.time(hour, minute, second)
    except ValueError:
        return None
