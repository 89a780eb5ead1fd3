"""Facts that hold for one size of business: "Tiered pricing for agencies with more than 50
recruiters" is no answer to a buyer with fourteen consultants, and "Agents managing over 500
units cut arrears time by half" no proof for one with a hundred and forty. A fact's bound and a
buyer's count are compared only when both count the same kind of thing (``scale_words.toml``);
a buyer who states no count may be told the fact, whose own words say whom it is for."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.content.profile import content_words
from pipeline.lazy_regex import lazy_compile

_SMALL = (
    "one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen "
    "sixteen seventeen eighteen nineteen"
).split()
_TENS = "twenty thirty forty fifty sixty seventy eighty ninety".split()
NUMBER_WORDS = {w: n for n, w in enumerate(_SMALL, 1)} | {w: 10 * n for n, w in enumerate(_TENS, 2)}
# A figure in words as a regex alternation (longest first) and the words that say it is money:
# one spelling for every reader of prices ("twenty quid", "forty-one bucks").
NUMBER_WORD_ALTERNATION = "|".join(
    sorted([*NUMBER_WORDS, "hundred", "thousand"], key=len, reverse=True)
)
MONEY_WORDS = "quid|bucks|dollars|pounds|euros|grand"
_SCALES = {"hundred": 100, "thousand": 1000}
# "a" counts only before a scale ("a hundred and forty"): "forty-one a truck" is a price.
_WORD = (
    "|".join(sorted([*NUMBER_WORDS, *_SCALES], key=len, reverse=True))
    + r"|a(?=\s(?:hundred|thousand)\b)"
)
# A count in figures ("1,000", "180") or words ("a hundred and forty", "two thousand four
# hundred", "thirty-five"), then what it counts.
_NUMBER = rf"\d[\d,]*(?:\.\d+)?|(?:(?:{_WORD})\b(?:\sand\s|[- ])?)+"
_COUNT_RE = re.compile(rf"(?<![\w£$€¥.])(?P<n>{_NUMBER})\s*\+?[\s-]*(?P<unit>[a-z]+)", re.I)
_ABOVE = r"more than|over|above|at least|upwards of|from"
_BELOW = r"up to|under|fewer than|less than|at most|no more than|below"
_BOUND_RE = lazy_compile(
    rf"\b(?P<op>{_ABOVE}|{_BELOW})\s+(?P<n>{_NUMBER})\s*\+?[\s-]*(?P<unit>[a-z]+)?"
    rf"|(?<![\w£$€¥.])(?P<n2>{_NUMBER})\s*(?P<unit2>[a-z]+) or (?P<tail>fewer|less|more)\b"
    # "three or more sites", "10+ users": from that many up.
    rf"|(?<![\w£$€¥.])(?P<n3>{_NUMBER})\s*(?:or more|\+)\s+(?P<unit3>[a-z]+)",
    re.I,
)


@dataclass(frozen=True)
class Bound:
    """The sizes a fact holds for: ``low`` to ``high`` of one group of things counted."""

    group: str
    low: float = 0.0
    high: float = float("inf")

    def holds_for(self, count: float) -> bool:
        return self.low <= count <= self.high


@cache
def _groups() -> dict[str, str]:
    """Word -> the group of things it counts."""
    text = resources.files("pipeline").joinpath("data", "scale_words.toml").read_text("utf-8")
    groups = tomllib.loads(text)["groups"]
    return {word: name for name, words in groups.items() for word in words}


def number_value(written: str) -> float | None:
    """A count's value however written: "1,000", "a hundred and forty", "twenty-five"."""
    written = written.strip(" -").casefold()
    if written[:1].isdigit():
        return float(written.replace(",", ""))
    total, part = 0.0, 0.0
    for word in re.split(r"[\s-]+", written):
        if word in NUMBER_WORDS:
            part += NUMBER_WORDS[word]
        elif word in _SCALES:
            part = max(part, 1.0) * _SCALES[word]
            if _SCALES[word] >= 1000:
                total, part = total + part, 0.0
        elif word == "a":
            part = part or 0.0
    value = total + part
    return value or None


def count_group(unit: str | None) -> str | None:
    """The group of things ``unit`` counts ("branches" are sites, ``scale_words.toml``)."""
    words = content_words(unit or "")
    return next((_groups()[w] for w in words if w in _groups()), None)


def fact_bounds(fact: str) -> list[Bound]:
    """The sizes a fact says it holds for ("more than 50 recruiters": 51 up; "20 recruiters or
    fewer": up to 20; "three or more sites": 3 up), where it names what it counts."""
    bounds = []
    for match in _BOUND_RE.finditer(fact):
        written, unit = (
            match.group("n") or match.group("n2") or match.group("n3"),
            match.group("unit") or match.group("unit2") or match.group("unit3"),
        )
        value, group = number_value(written), count_group(unit)
        if value is None or group is None:
            continue
        op = (match.group("op") or "").casefold()
        if match.group("n3"):
            bounds.append(Bound(group, low=value))
        elif op in ("more than", "over", "above") or match.group("tail") == "more":
            bounds.append(Bound(group, low=value + (0 if match.group("tail") else 1)))
        elif op in ("at least", "upwards of", "from"):
            bounds.append(Bound(group, low=value))
        else:
            below = op in ("under", "fewer than", "less than", "below")
            bounds.append(Bound(group, high=value - 1 if below else value))
    return bounds


def buyer_counts(lines: Iterable[str]) -> dict[str, list[float]]:
    """Group -> the counts the lines give of it ("fourteen consultants", "180 doors"); an
    amount of money ("£69 a seat") is no count."""
    found: dict[str, list[float]] = {}
    for line in lines:
        for match in _COUNT_RE.finditer(line):
            value, group = number_value(match.group("n")), count_group(match.group("unit"))
            if value is not None and group is not None:
                found.setdefault(group, []).append(value)
    return found


def size_rank(fact: str, said: Iterable[str]) -> int:
    """How well a fact's size fits the buyers who said these lines: 0 where it states bounds and
    each holds for a count they give ("three or more sites" to a buyer with four), 1 where it
    states none, 2 where they give no count it holds for. ``fits_scale`` lets a bounded fact
    through to buyers who give none; a plan for several sites is still no price to set before
    every buyer."""
    bounds, counts = fact_bounds(fact), buyer_counts(said)
    if not bounds:
        return 1
    held = all(any(b.holds_for(n) for n in counts.get(b.group, [])) for b in bounds)
    return 0 if held else 2


def fits_scale(fact: str, said: Iterable[str]) -> bool:
    """Whether a fact may be offered to the buyers who said these lines: each size bound it
    states holds for a count they give of that kind of thing, or they give none."""
    counts = buyer_counts(said)
    return all(
        any(bound.holds_for(n) for n in counts[bound.group])
        for bound in fact_bounds(fact)
        if bound.group in counts
    )


# "One" is left out: "one agent", "a one-year term" count nothing a buyer objects to.
_UNITS = "two three four five six seven eight nine".split()
_TEENS = "ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen".split()
_FIGURE_RE = re.compile(
    r"\d+(?:[.,]\d+)*|\b(?:" + "|".join(_TENS) + r")(?:[- ](?:one|" + "|".join(_UNITS) + r"))?\b"
    r"|\b(?:" + "|".join(_TEENS + _UNITS) + r")\b",
    re.IGNORECASE,
)


def _value(figure: str) -> str:
    """A figure's value, however written: "twenty-five" and "25" are "25"."""
    words = re.split(r"[- ]", figure.casefold())
    if words[0] in NUMBER_WORDS:
        return str(sum(NUMBER_WORDS.get(w, 0) for w in words))
    return figure.replace(",", "")


def figures(text: str) -> dict[str, list[tuple[int, int]]]:
    """Each figure's value -> where it is written (character spans)."""
    found: dict[str, list[tuple[int, int]]] = {}
    for match in _FIGURE_RE.finditer(text):
        found.setdefault(_value(match.group()), []).append(match.span())
    return found
