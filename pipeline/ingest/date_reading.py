"""Which way a slashed date both of whose numbers could be the month ("12/03/2026") is read. A
team selling in the US, the UK and Germany writes both orders, so no one setting fits: each file
is settled by its own evidence first, and ``CALLMINE_DATE_ORDER`` decides only what it leaves.

In order, strongest first:
1. the file's own dates that read one way only: a slashed date with a number over 12
   ("25/03/2026" is day-first, "03/25/2026" month-first), or the same day with its month
   spelled ("12 March", "Dec 3");
2. a reading in the future of the upload is no call yet: the other one;
3. the markets the file names (``pipeline/data/regions.toml``: £, €, "UK", "Australia") or a
   language other than English: day-first; the United States: month-first. Weaker than the
   file's dates, as a US rep may quote a price in pounds, so it only breaks a tie;
4. a reading far from every call whose date is sure (a quarter from the nearest; a date read
   by this rule or the setting is not sure) while the other is not: the other one;
5. the setting.

Rules 4 and 5 are weak, so the call keeps both readings (``extra.date_readings``): once the
whole upload is stored, and again after every later upload, ``pipeline.ingest.redating``
applies rule 4 again with every sure date in view."""

from __future__ import annotations

import bisect
import calendar
import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.values import numeric_date
from pipeline.language import in_english
from pipeline.regions import regions_named

FAR_FROM_SURE = dt.timedelta(days=91)  # a quarter from every sure call: a misread date
TIMELINE_REASON = "the other reading is far from every other call"
SETTING_REASON = "the workspace's date order"
REVISABLE_REASONS = frozenset({TIMELINE_REASON, SETTING_REASON})
DAY_FIRST_MARKETS = frozenset({"United Kingdom", "Ireland", "Australia", "New Zealand", "Europe"})
MONTH_FIRST_MARKETS = frozenset({"United States"})
_READ_CHARS = 200_000  # a 100k-row export's first rows tell its markets as well as all of them
_READ_LINES = 200
_SLASHED = re.compile(r"(?<![\d/])(\d{1,2})/(\d{1,2})/(\d{4}|\d{2})(?![\d/])")
_MONTHS = "|".join(
    sorted({*calendar.month_name[1:], *calendar.month_abbr[1:], "Sept"}, key=len, reverse=True)
)
_SPELLED = re.compile(
    rf"(?i)\b(?:(\d{{1,2}})(?:st|nd|rd|th)?\s+(?:of\s+)?({_MONTHS})\b"
    rf"|\b({_MONTHS})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b)"
)
_NOON = 12


@dataclass(frozen=True)
class FileDates:
    """What a file says of its own date order: ``written`` from its dates that read one way only,
    ``spelled`` the (month, day) pairs it writes with a month's name, ``locale`` from the markets
    it names or its language; None where it says nothing."""

    written: bool | None
    spelled: frozenset[tuple[int, int]]
    locale: bool | None


def file_dates(calls: Sequence[ParsedCall]) -> FileDates:
    """The evidence of every call read from one file (a CRM export's rows tell each other)."""
    text = "\n".join(_texts(calls))[:_READ_CHARS]
    return FileDates(written=_written_order(text), spelled=_spelled(text), locale=_locale(calls))


@dataclass(frozen=True)
class DateContext:
    """All one upload's dates are read against: its file's evidence, the workspace's setting
    (``day_first``), the sorted dates of the calls whose date is sure (``sure_dates``) and
    the upload's day."""

    evidence: FileDates
    day_first: bool
    sure: Sequence[dt.date]
    today: dt.date


def settle_date(call: ParsedCall, context: DateContext) -> None:
    """Read ``call``'s ambiguous date (a header's or column's, or a chat's whose dates never told
    the order) by the module's rules; a date that reads one way only is left as it is."""
    readings = _readings(call)
    if readings is None:
        return
    month_first, day_first_date = readings
    # A chat's own assumption ("03.09.26" with dots is European) stands where the setting is US.
    default = context.day_first or call.extra.get("date_order") == "day-first"
    chosen, reason = _choose(
        month_first, day_first_date, context.evidence, default, context.sure, context.today
    )
    call.call_date = day_first_date if chosen else month_first
    call.extra["date_order"] = "day-first" if chosen else "month-first"
    call.extra["date_order_by"] = reason
    call.extra["date_readings"] = [month_first.isoformat(), day_first_date.isoformat()]


def far_from(day: dt.date, sure: Sequence[dt.date]) -> bool:
    """Whether ``day`` lies more than ``FAR_FROM_SURE`` from every date of ``sure`` (sorted);
    False when there is none to tell."""
    at = bisect.bisect_left(sure, day)
    nearest = [abs((sure[i] - day).days) for i in (at - 1, at) if 0 <= i < len(sure)]
    return bool(nearest) and min(nearest) > FAR_FROM_SURE.days


def timeline_choice(first: dt.date, second: dt.date, sure: Sequence[dt.date]) -> bool | None:
    """True for ``second`` when ``first`` is far from every sure date and ``second`` is not,
    False for the reverse, None when the timeline does not tell."""
    far = (far_from(first, sure), far_from(second, sure))
    return far[0] if far[0] != far[1] else None


def _choose(
    month_first: dt.date,
    day_first_date: dt.date,
    evidence: FileDates,
    default: bool,
    sure: Sequence[dt.date],
    today: dt.date,
) -> tuple[bool, str]:
    """Day-first or not, and why (kept with the call, so a reader can check it)."""
    if evidence.written is not None:
        return evidence.written, "the file's other dates"
    spelled = [(d.month, d.day) in evidence.spelled for d in (month_first, day_first_date)]
    if spelled[0] != spelled[1]:
        return spelled[1], "the same date spelled in the file"
    if (month_first > today) != (day_first_date > today):
        return month_first > today, "the other reading is in the future"
    if evidence.locale is not None:
        return evidence.locale, "the markets or language of the file"
    timeline = timeline_choice(month_first, day_first_date, sure)
    if timeline is not None:
        return timeline, TIMELINE_REASON
    return default, SETTING_REASON


def _readings(call: ParsedCall) -> tuple[dt.date, dt.date] | None:
    """The month-first and day-first readings of the call's date, when both are dates and
    differ; None when it reads one way only."""
    if written := call.extra.get("date_text"):
        found = _SLASHED.search(str(written))
        if found is None:
            return None
        first, second, year = (int(part) for part in found.groups())
    elif call.extra.get("date_order_assumed") and call.call_date is not None:
        when = call.call_date  # a chat's date, read in its assumed order
        first, second, year = when.month, when.day, when.year
        if call.extra.get("date_order") == "day-first":
            first, second = second, first
    else:
        return None
    if first > _NOON or second > _NOON or first == second:
        return None
    month_first = numeric_date(first, second, year, day_first=False)
    day_first_date = numeric_date(first, second, year, day_first=True)
    if month_first is None or day_first_date is None:
        return None
    return month_first, day_first_date


def _texts(calls: Sequence[ParsedCall]) -> list[str]:
    texts: list[str] = []
    for call in calls:
        texts.append(call.raw_text[:_READ_CHARS])
        texts.append(str(call.extra.get("date_text") or ""))
    return texts


def _written_order(text: str) -> bool | None:
    """Day-first when a slashed date's first number is over 12, month-first when its second
    is; None when neither, or both (two exports pasted together tell nothing)."""
    pairs = [(int(a), int(b)) for a, b, _year in _SLASHED.findall(text)]
    day_first = any(a > _NOON and b <= _NOON for a, b in pairs)
    month_first = any(b > _NOON and a <= _NOON for a, b in pairs)
    return day_first if day_first != month_first else None


def _spelled(text: str) -> frozenset[tuple[int, int]]:
    months = {name.casefold(): number for number, name in enumerate(calendar.month_abbr) if name}
    pairs: set[tuple[int, int]] = set()
    for day_before, month_after, month_before, day_after in _SPELLED.findall(text):
        month = months[(month_after or month_before)[:3].casefold()]
        pairs.add((month, int(day_before or day_after)))
    return frozenset(pairs)


def _locale(calls: Sequence[ParsedCall]) -> bool | None:
    """Day-first for a file naming only day-first markets or written mostly in another language
    than English, month-first for one naming only the United States; else None."""
    text = "\n".join(call.raw_text[:_READ_CHARS] for call in calls[:_READ_LINES])[:_READ_CHARS]
    named = regions_named(text)
    day_first = bool(named & DAY_FIRST_MARKETS)
    month_first = bool(named & MONTH_FIRST_MARKETS)
    if day_first != month_first:
        return day_first
    if day_first:
        return None
    lines = [u.text for call in calls[:_READ_LINES] for u in call.utterances][:_READ_LINES]
    foreign = sum(not in_english(line) for line in lines)
    return True if lines and 2 * foreign > len(lines) else None
