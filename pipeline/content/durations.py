"""How long something takes, as a fact or a rep says it: a rollout's step, how long a switch
from a rival takes. One pattern for every page that reads a duration."""

from __future__ import annotations

import re

from pipeline.content.quote_text import clip

# How long something takes: "two days", "2-day", "a few weeks", and "about a week" or "in an
# hour" (a bare "a week" after a lead word only: "forty-nine a month" is a price, "once a day"
# a frequency).
_COUNT = r"(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten|twelve)"
# Which days count: "ten working days", "3 business days", "one billing month", "a full day".
_KIND_OF_DAY = r"(?:(?:working|business|calendar|billing|full|whole|clear|school)[\s-]+)?"
DURATION_RE = re.compile(
    r"\b(?:(?:about|around|roughly|under|within|less than|over)\s+)?"
    # a range whole: "four to six weeks", "2-3 weeks" ("six weeks" had stood for the first)
    rf"(?:{_COUNT}\s*(?:-|–|to|or)\s*)?"
    rf"(?:{_COUNT}|a few|a couple of|couple of)"
    rf"[\s-]+{_KIND_OF_DAY}(?:minutes?|hours?|days?|weeks?|months?)\b"
    # how much or how long a term is, not how long a step takes: "6 months of records",
    # "24-month terms", "12 months minimum", "waived on a 12-month plan"
    r"(?![\s-]+(?:of|terms?|contracts?|agreements?|commitments?|minimum|history|records?|old"
    r"|plans?|subscriptions?|deals?|leases?|licen[cs]es?|renewals?|prepay\w*|upfront)\b)"
    r"|\b(?:about|around|roughly|under|within|inside|in|than|just|only|usually|takes|took|over)"
    rf"\s+(?:half\s+)?an?\s+{_KIND_OF_DAY}(?:hour|day|week)\b",
    re.IGNORECASE,
)
# A question asking how long until it is in use: "How long does it take to get up and running?"
_HOW_LONG = re.compile(
    r"\bhow (?:long|soon|quickly|fast)\b"
    r"|\bwhen (?:can|could|would|will) (?:we|I) (?:start|go live)\b",
    re.IGNORECASE,
)
_LEAD_RE = re.compile(r"^(?:in|than|just|only|usually|takes|took|inside)\s+", re.IGNORECASE)


def gives_duration(text: str) -> bool:
    """Whether ``text`` says how long something takes ("live in two weeks", "about a day")."""
    return DURATION_RE.search(text) is not None


def duration_in(text: str) -> str:
    """The first duration ``text`` gives ("about a week", "2-day"), else "to confirm"."""
    found = DURATION_RE.search(text)
    if found is None:
        return "to confirm"
    return clip(_LEAD_RE.sub("", found.group()), 40)


def asks_how_long(question: str) -> bool:
    """Whether a question asks how long something takes (answered by a duration)."""
    return _HOW_LONG.search(question) is not None
