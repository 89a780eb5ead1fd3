"""Whether a buyer asks if it is worth the money, and which facts answer that: "Is it worth the
price for a team our size?" and "hard to justify" had been answered by the price list, which
says what it costs, not what it gives. A value question is answered by a proof point or a fact
that states a gain (time saved, paid back, what is included); with none, a value case to write.
The cues are data (``[value]`` in ``topic_words.toml``)."""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable
from functools import cache
from importlib import resources

from pipeline.content.profile import ProfileFact

# What a price-list fact charges: an amount of money or a share ("£19 a month", "1.4% + 20p").
_CHARGE_RE = re.compile(r"[$£€¥]\s?\d|\d\s?%")


@cache
def _cues() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    text = resources.files("pipeline").joinpath("data", "topic_words.toml").read_text("utf-8")
    value = tomllib.loads(text)["value"]
    asks, gains, included = (
        re.compile("|".join(value[name]), re.IGNORECASE) for name in ("asks", "gains", "included")
    )
    return asks, gains, included


def asks_value(lines: Iterable[str]) -> bool:
    """Whether one of the lines (a buyer's, or the heading over them) asks if it is worth it."""
    asks, _, _ = _cues()
    return any(asks.search(line) for line in lines)


def gives_value(fact: ProfileFact) -> bool:
    """Whether a fact states what we give for the money: a proof point, or a gain or what is
    included, in any list ("Migration is included at no charge")."""
    _, _, included = _cues()
    if fact.section == "pricing" and _CHARGE_RE.search(fact.text):
        return False  # "Cards cost 1.4% + 20p; transfers at no charge" says what it costs
    return states_gain(fact) or included.search(fact.text) is not None


def states_gain(fact: ProfileFact) -> bool:
    """Whether a fact states what the money brings back (a proof point, time or money saved),
    not only something that comes at no cost: "We migrate ... for free" is no answer to "$100
    a month for a rota" unless that is what the buyer asks about."""
    _, gains, _ = _cues()
    return fact.section == "proof_points" or gains.search(fact.text) is not None
