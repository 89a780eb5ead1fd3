"""The market a sentence is written for: a product fact or a rep's reply that names one country
or currency ("Australian jobs: ...", "We bill customers in AUD") speaks to that market's buyers
only, and a page whose calls are not that market's says nothing of it. The markets are data, in
``pipeline/data/regions.toml``."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from pipeline.content.profile import content_words
from pipeline.market_evidence import markets_shown
from pipeline.regions import distinct, regions_named

__all__ = ["Audiences", "audience", "foreign_words", "regions_named", "speaks_to"]


def audience(calls: Iterable[str]) -> frozenset[str]:
    """The markets most of these calls (their texts) show their buyers are in
    (``markets_shown``, read alike for every market): whom a page drawn from them speaks to. A
    call showing none is a buyer of any market, so one Australian call among five does not
    make the page Australian."""
    return _most_of([markets_shown([text]) for text in calls])


def _most_of(shown: Sequence[frozenset[str]]) -> frozenset[str]:
    named = Counter(region for markets in shown for region in markets)
    return frozenset(region for region, count in named.items() if 2 * count > len(shown))


class Audiences:
    """``audience`` of calls (their texts by call id) from one document's pool, each call read
    once: a document asks it of every theme's calls and of the page's, and reading the example
    calls' markets again for each took 4.5 s of their seven documents."""

    def __init__(self) -> None:
        self._shown: dict[int, frozenset[str]] = {}

    def __call__(self, texts_by_call: Mapping[int, str]) -> frozenset[str]:
        for call_id, text in texts_by_call.items():
            if call_id not in self._shown:
                self._shown[call_id] = markets_shown([text])
        return _most_of([self._shown[call_id] for call_id in texts_by_call])


# An amount in a plain dollar sign: dollars of whichever market the page is for.
_PLAIN_DOLLARS = re.compile(r"(?<![A-Za-z])\$\s?\d")
# An amount written in one market's money by its code or sign ("AUD 349", "A$89", "349 CAD").
_MARKED_AMOUNT = re.compile(
    r"\b[A-Z]{3}\s?\d[\d,.]*|\b\d[\d,.]*\s?[A-Z]{3}\b|(?<![A-Za-z])[A-Z]{1,3}\$\s?\d[\d,.]*"
    r"|[£€¥₹]\s?\d[\d,.]*"
)


def speaks_to(text: str, markets: frozenset[str]) -> bool:
    """Whether ``text`` may be said to buyers of ``markets``: it names no market, names several
    (a fact written for each: "$99 (US); AUD 129 in Australia", "$249 a month (AUD 349)"), or
    names one of theirs. Plain dollars beside a market named by its money alone are another
    market's ("$249 (AUD 349)"); beside one named as a place ("US: $129 a month") they are its
    own, and "US: $129" had answered a British buyer's price worry. A market and the one it is
    part of are one ("Spain: €89 a month", ``distinct``)."""
    named = regions_named(text)
    placed = regions_named(_MARKED_AMOUNT.sub(" ", text))
    other = len(named) == 1 and not placed and _PLAIN_DOLLARS.search(text) is not None
    return not named or len(distinct(named)) > 1 or other or bool(named & markets)


def foreign_words(industry: str | None, industries: Iterable[str]) -> frozenset[str]:
    """The words that name the calls' other industries and not ``industry`` ("residential" for
    a "Commercial solar" page among "Residential solar" calls): a fact saying one is about
    another industry's buyers. None for a page of every industry."""
    if not industry:
        return frozenset()
    own = content_words(industry)
    others = (content_words(name) for name in industries if name.casefold() != industry.casefold())
    return frozenset(word for words in others for word in words) - own
