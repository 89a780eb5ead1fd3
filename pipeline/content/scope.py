"""The market a sentence is written for: a product fact or a rep's reply that names one country
or currency ("Australian jobs: ...", "We bill customers in AUD") speaks to that market's buyers
only, and a page whose calls are not that market's says nothing of it. The markets are data, in
``pipeline/data/regions.toml``."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from collections.abc import Iterable
from functools import cache
from importlib import resources

from pipeline.content.profile import content_words


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    """Each market's names (any case), codes (capitals only) and currency signs, as one regex."""
    text = resources.files("pipeline").joinpath("data", "regions.toml").read_text("utf-8")
    markers: dict[str, re.Pattern[str]] = {}
    for region, said in tomllib.loads(text)["regions"].items():
        parts = [rf"(?i:\b(?:{'|'.join(said['names'])})\b)"]
        parts += [rf"\b{code}\b" for code in said["codes"]]
        parts += [rf"(?<![A-Za-z]){re.escape(sign)}" for sign in said["signs"]]
        markers[region] = re.compile("|".join(parts))
    return markers


def regions_named(text: str) -> frozenset[str]:
    """The markets ``text`` names, by country, people, currency code or sign."""
    return frozenset(region for region, pattern in _markers().items() if pattern.search(text))


def audience(calls: Iterable[str]) -> frozenset[str]:
    """The markets most of these calls (their texts) name: whom a page drawn from them speaks
    to. A call naming none is a buyer of any market, so one Australian call among five does not
    make the page Australian."""
    texts = list(calls)
    named = Counter(region for text in texts for region in regions_named(text))
    return frozenset(region for region, count in named.items() if 2 * count > len(texts))


# An amount in a plain dollar sign: dollars of whichever market the page is for.
_PLAIN_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")


def speaks_to(text: str, markets: frozenset[str]) -> bool:
    """Whether ``text`` may be said to buyers of ``markets``: it names no market, names several
    (a fact written for each: "$99 (US); AUD 129 in Australia", "$249 a month (AUD 349)"), or
    names one of theirs."""
    named = regions_named(text)
    several = len(named) > 1 or (len(named) == 1 and _PLAIN_DOLLARS.search(text) is not None)
    return not named or several or bool(named & markets)


def foreign_words(industry: str | None, industries: Iterable[str]) -> frozenset[str]:
    """The words that name the calls' other industries and not ``industry`` ("residential" for
    a "Commercial solar" page among "Residential solar" calls): a fact saying one is about
    another industry's buyers. None for a page of every industry."""
    if not industry:
        return frozenset()
    own = content_words(industry)
    others = (content_words(name) for name in industries if name.casefold() != industry.casefold())
    return frozenset(word for words in others for word in words) - own
