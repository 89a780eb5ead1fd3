"""The words of the calendar, in one place: weekdays and months say when, never who or what.

Why: person redaction (a day before a name is no name), theme naming (a date is no topic) and
SEO briefs (a date is no search) each need them; each keeps its own extras beside these.
"""

from __future__ import annotations

WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
MONTHS = (
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december",
)  # fmt: skip
# ("may" is a month and a modal verb: no abbreviation of its own.)
HOLIDAYS = ("christmas", "xmas", "easter", "halloween", "thanksgiving", "new year", "new year's")
MONTH_ABBREVIATIONS = tuple("jan feb mar apr jun jul aug sep sept oct nov dec".split())


def with_plurals(words: tuple[str, ...]) -> frozenset[str]:
    """The words and their plurals as a habit says them ("on Mondays")."""
    return frozenset(words) | {f"{word}s" for word in words}
