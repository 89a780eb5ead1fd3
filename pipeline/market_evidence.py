"""The market a buyer is in, from what their calls say: a country, state, province, county or
city they are in, their money, a postcode or phone number of one country (``regions.toml``,
``places.toml``). Each sign is read alike for every market: a US buyer who names only "Louisiana
EDRS" or "(614) 555-0187" shows their market as a British one does with "£95".

Why: held-out funeral-home calls read a US buyer's "Spanish-speaking families" as a Spain buyer,
and US buyers naming only their state as of no market, so they were told the UK price. What is
not where the buyer is counts for no market: a language ("in Spanish", ``regions``), a trip
("we were in Spain last week"), where data is hosted or sent ("hosted in the US"), a supplier's
or rival's country ("a US-based SMS provider", "RotaPro is a UK company"). A name two places
share ("Georgia", "Victoria") needs another sign of its market; money several markets use
(plain dollars) names them all, and only where nothing names one."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache, lru_cache, reduce
from importlib import resources

from pipeline.regions import markers

_LOOK_BACK = 60  # characters before a sign read for what frames it
# Before a place that is not where the speaker is: a trip or a show there, where they come from
# or were, what is sent, shipped or hosted there.
_AWAY = re.compile(
    r"(?i:\b(?:(?:holidays?|holidaying|vacation(?:ing)?|trips?|travel\w*|flights?|flew|fly(?:ing)?"
    r"|visit(?:s|ed|ing)?|conference|show|expo)\s+(?:in|to|at)"
    r"|(?:back|originally|moved(?:\s+here)?|came(?:\s+over)?|emigrated)\s+from"
    r"|(?:went|gone|been|off|going|goes|go|sent|send(?:s|ing)?|ship(?:s|ped|ping)?"
    r"|export(?:s|ed|ing)?|transferr?(?:ed|ing)?)\s+to"
    r"|(?:were|was|used\s+to\s+be)\s+in"
    r"|(?:hosted|hosting|stored|housed|servers?|data\s+cent(?:er|re)s?)\s+(?:in|out\s+of))"
    r"\s+(?:the\s+)?$)"
)
# Before a place that is someone else's: "a US-based provider", "they're based in Germany".
_THEIRS_BEFORE = re.compile(
    r"(?i:\b(?:a|an|the|their|its|his|her)\s+(?:[\w-]+\s+)?$"
    r"|\b(?:they(?:'re|\s+are)|it(?:'s|\s+is)|he(?:'s|\s+is)|she(?:'s|\s+is)|which\s+is"
    r"|who\s+are)\s+(?:based|headquartered|located|hosted|run)\s+(?:in|out\s+of)\s+(?:the\s+)?$)"
)
_THEIRS_AFTER = re.compile(
    r"(?i:(?:-|\s+)based\b|\s+(?:[\w-]+\s+)?(?:company|companies|firm|vendor|provider|supplier"
    r"|outfit|start-?up|package|software|product|tool|app|platform|competitor|rival|system)\b)"
)
# ... unless the speaker says it of themselves: "we're a UK company".
_OURS_BEFORE = re.compile(
    r"(?i:\b(?:we(?:'re|\s+are)|i(?:'m|\s+am)|we(?:'ve|\s+have)\s+been|as)\s+(?:a|an)\s+"
    r"(?:[\w-]+\s+)?$)"
)


@dataclass(frozen=True)
class _Sign:
    """A pattern and the markets one finding of it may be."""

    pattern: re.Pattern[str]
    markets: frozenset[str]


@dataclass(frozen=True)
class _Signs:
    strong: tuple[_Sign, ...]  # one market each: names, places, shapes
    shared: tuple[_Sign, ...]  # a place's name another place or a person also has
    weak: tuple[_Sign, ...]  # money or a number several markets share


def _words(names: Iterable[str]) -> str:
    return rf"(?<![\w-])(?:{'|'.join(names)})(?![\w-])"


@cache
def _signs() -> _Signs:
    """The signs of ``regions.toml`` (names, codes, money) and ``places.toml``."""
    text = resources.files("pipeline").joinpath("data", "places.toml").read_text("utf-8")
    data = tomllib.loads(text)
    strong = []
    for market, named in markers().items():
        place = data["places"].get(market, {})
        parts = [named.pattern, *place.get("shapes", [])]
        parts += [_words(place["places"])] if place.get("places") else []
        strong.append(_Sign(re.compile("|".join(parts)), frozenset({market})))
    shared = [
        _Sign(re.compile(_words(s["names"])), frozenset(s["markets"])) for s in data["shared"]
    ]
    weak = [_Sign(re.compile(w["pattern"]), frozenset(w["markets"])) for w in data["weak"]]
    return _Signs(tuple(strong), tuple(shared), tuple(weak))


def elsewhere(text: str, start: int, end: int) -> bool:
    """Whether the place at ``text[start:end]`` is said as somewhere the speaker is not: a trip,
    a past home, what is sent or hosted there, a supplier's or rival's country."""
    before = text[max(0, start - _LOOK_BACK) : start]
    if _AWAY.search(before):
        return True
    theirs = _THEIRS_BEFORE.search(before) and _THEIRS_AFTER.match(text, end)
    return bool(theirs) and not _OURS_BEFORE.search(before)


def _found(sign: _Sign, text: str) -> int:
    """How often ``text`` gives ``sign`` as where the speaker is."""
    return sum(not elsewhere(text, m.start(), m.end()) for m in sign.pattern.finditer(text))


def _markets(signs: Iterable[_Sign]) -> frozenset[str]:
    return frozenset().union(*(s.markets for s in signs))


def markets_shown(texts: Iterable[str]) -> frozenset[str]:
    """The markets these lines show their speaker is in: those most often given by a name,
    place or shape (ties kept), a shared name counting for a market another sign gives; else
    the markets common to every weak sign (plain dollars and a +1 number: the US or Canada)."""
    return _markets_in("\n".join(t for t in texts if t))


# A page reads each call's market three times (its buyer, its scope, its offers) and every page
# drafted from the same themes the same calls: each text is read once (a call's text at most).
@lru_cache(maxsize=256)
def _markets_in(text: str) -> frozenset[str]:
    signs = _signs()
    strong = Counter({m: n for s in signs.strong if (n := _found(s, text)) for m in s.markets})
    weak = [s for s in signs.weak if _found(s, text)]
    shared = [(s, n) for s in signs.shared if (n := _found(s, text))]
    for sign, n in shared:
        others = _markets([*weak, *(s for s, _ in shared if s is not sign)]) | set(strong)
        strong.update(dict.fromkeys(sign.markets & others, n))
    if strong:
        top = max(strong.values())
        return frozenset(market for market, n in strong.items() if n == top)
    return reduce(frozenset.intersection, (s.markets for s in weak)) if weak else frozenset()


@cache
def _place_names() -> re.Pattern[str]:
    """Every place ``places.toml`` lists, a shared name too, as one whole-name pattern."""
    text = resources.files("pipeline").joinpath("data", "places.toml").read_text("utf-8")
    data = tomllib.loads(text)
    names = [n for place in data["places"].values() for n in place.get("places", [])]
    names += [n for shared in data["shared"] for n in shared["names"]]
    return re.compile(f"(?:{'|'.join(names)})")


def names_a_place(name: str) -> bool:
    """Whether ``name`` is a place ``places.toml`` lists ("Denver", "Perth"): a guessed rival
    "cheaper than Denver" had been one."""
    return _place_names().fullmatch(" ".join(name.split())) is not None
