"""A pricing explainer's price list: every price and plan of the profile, grouped by the market
it is for, the markets the page's calls show first, then the plans for anyone.

Why: a review's marina pricing page listed A$279 and the club plan, the prices nearest its
quotes, and left out UK £149, Ireland €179, US $189 and the group plan. The page about price
states them all; which price answers which buyer is the worries' business (``offers``)."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from pipeline.content.evidence import Evidence
from pipeline.content.offers import OFFER_SECTIONS
from pipeline.content.profile import ProfileFact
from pipeline.content.quote_text import clip
from pipeline.content.types import Point
from pipeline.regions import distinct, regions_named

MAX_PRICES = 20  # the points a price list may hold (``PricingExplainer.prices``)
# A fact's label before its first colon: "UK: £149 a month", "Australia and New Zealand: A$279".
_LABEL = re.compile(r"^([^:]{1,60}):")


def fact_markets(text: str) -> frozenset[str]:
    """The markets a price is for: those its label names ("Australia and New Zealand: ..."),
    else the one market it names alone; none for a plan priced for several ("£49 / €55 /
    A$89") or for anyone."""
    label = _LABEL.match(text)
    if label and (named := distinct(regions_named(label.group(1)))):
        return named
    named = distinct(regions_named(text))
    return named if len(named) == 1 else frozenset()


def calls_per_market(evidence: Evidence) -> Counter[str]:
    """How many of the page's calls show each market (their buyers', ``Evidence.buyers``)."""
    return Counter(m for buyer in evidence.buyers.values() for m in buyer.markets)


def ordered(facts: Iterable[ProfileFact], shown: Counter[str]) -> list[ProfileFact]:
    """``facts`` grouped by market: a market more of the calls show first, one they show
    none of next (the profile's order), then the plans for any market, the pricing list's
    before the plans and terms."""
    listed = list(facts)

    def key(fact: ProfileFact) -> tuple[bool, int, bool, int]:
        markets = fact_markets(fact.text)
        calls = max((shown[m] for m in markets), default=0)
        return (not markets, -calls, fact.section != "pricing", listed.index(fact))

    return sorted(listed, key=key)


def price_list(evidence: Evidence) -> list[Point]:
    """Every pricing and plans fact the page may state for the market it is for (an industry's
    fact on its industry's page only: ``Evidence.may_state``), grouped by ``ordered``."""
    facts = [
        f
        for f in evidence.profile
        if f.section in OFFER_SECTIONS and evidence.may_state(f, fact_markets(f.text))
    ]
    return [
        Point(text=clip(f.text, 240), citations=[], profile=[f.id])
        for f in ordered(facts, calls_per_market(evidence))
    ][:MAX_PRICES]
