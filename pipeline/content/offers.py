"""Whom a price or plan of the profile is for, and whether a buyer's calls show they are: a
price for one market ("UK: £95 a month"), a plan for a size ("five or more locations, or a
crematory"), a discount for a kind of customer ("Registered charities get 10% off"). Such an
offer answers only the buyers it is for, and where it names what they are, it answers them
better than one for anyone.

Why: review 27 answered a British buyer's "more than we pay now" with the US price, a one-home
business's "real money" with the plan for five locations or more, and never gave the charity
burial ground the charity discount."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from pipeline.content.profile import ProfileFact
from pipeline.content.scale import Bound, buyer_counts, fact_bounds
from pipeline.content.scope import regions_named, speaks_to
from pipeline.market_evidence import markets_shown

OFFER_SECTIONS = frozenset({"pricing", "plans"})  # the lists whose facts are offers
_WORD_RE = re.compile(r"[a-z]+(?:-[a-z]+)*")  # "non-profit" is one word
# Words naming how or when one pays, not whom an offer is for ("Annual plans get ...").
_NO_KIND = frozenset(
    "plan plans annual annually monthly yearly upfront payment payments billing contract "
    "contracts subscription subscriptions customer customers client clients user users team "
    "teams business businesses company companies account accounts everyone anyone new all".split()
)
# Words that make a phrase a clause about when or how, not a kind of customer.
_CLAUSE = frozenset("who that which when if before after from with by on in at".split())
# Whom an offer is for, named as a kind of customer: "Registered charities and schools get 10%
# off", "a 15% discount for non-profits", "free for students".
_FOR_KIND = re.compile(
    r"^(?P<who>[a-z][\w' -]{2,60}?)\s+(?:get|gets|receive|receives|pay|pays|save|saves|"
    r"qualify for|are eligible for|enjoy)\s+(?:a |an )?(?:\d+(?:\.\d+)?\s?%|half|discount|"
    r"reduced|special|lower|free)"
    r"|\b(?:discounts?|off|pricing|rates?|prices?|free)\s+for\s+(?P<for>[a-z][\w' -]{2,60}?)"
    r"(?=[.;:,)]|$)",
    re.IGNORECASE,
)
# A plan's condition in brackets: "Group plan (five or more locations, or a crematory)".
_BRACKETS = re.compile(r"\(([^()]{3,120})\)")
# Where one kind or size ends and the next begins: not the "or" of "five or more".
_ALTERNATIVES = re.compile(r",\s*(?:or\s+)?|\s+(?:or|and)\s+(?!more|fewer|less)|\s*/\s*")


@dataclass(frozen=True)
class Buyer:
    """What a buyer's calls show of them: the markets they name, the counts they give of the
    business (``scale.buyer_counts``), the words said (their account's and industry's too) and
    the words of their industry (``trade``)."""

    markets: frozenset[str] = frozenset()
    counts: Mapping[str, list[float]] = field(default_factory=dict)
    words: frozenset[str] = frozenset()
    trade: frozenset[str] = frozenset()


@dataclass(frozen=True)
class Condition:
    """One way to be whom an offer is for: a size (every bound holds) or a kind of customer
    (its words as ``stem`` spells them, the last one naming it: "community", "clinic")."""

    bounds: tuple[Bound, ...] = ()
    kind: tuple[str, ...] = ()


def stem(word: str) -> str:
    """A word as ``Buyer.words`` holds it: lower case, a plural made singular ("charities")."""
    word = word.casefold()
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def buyer_of(
    texts: Iterable[str], markets: frozenset[str] | None = None, industries: Iterable[str] = ()
) -> Buyer:
    """The buyer the lines ``texts`` (their calls' buyer lines, account) of ``industries`` show,
    of the ``markets`` their calls show they are in (else those these lines show)."""
    trade = _stems(industries)
    lines = [t for t in texts if t]
    if markets is None:
        markets = markets_shown(lines)
    return Buyer(markets, buyer_counts(lines), _stems(lines) | trade, trade)


def _stems(texts: Iterable[str]) -> frozenset[str]:
    return frozenset(stem(w) for t in texts if t for w in _WORD_RE.findall(t.casefold()))


def markets_of(buyers: Iterable[Buyer]) -> frozenset[str]:
    """The markets any of these buyers' calls name."""
    return frozenset().union(*(b.markets for b in buyers))


def _kind(phrase: str) -> tuple[str, ...]:
    """The kind of customer a phrase names, its words stemmed ("natural burial grounds"); none
    where it says how or when one pays ("customers paying annually", "those who switch before
    June") or names everyone."""
    words = _WORD_RE.findall(phrase.casefold())
    if not words or len(words) > 4 or _CLAUSE & set(words) or any(w.endswith("ly") for w in words):
        return ()
    head = words[-1]
    return () if head in _NO_KIND or head.endswith("ing") else tuple(map(stem, words))


def conditions(text: str) -> list[Condition]:
    """The ways to be whom an offer is for, any one enough: the sizes or kinds in its brackets
    ("five or more locations, or a crematory"), else the sizes it states (all of them), else
    the kinds of customer it is for ("charities and natural burial grounds get 10% off").
    None: it is for anyone."""
    for inside in _BRACKETS.findall(text):
        if fact_bounds(inside):
            return [_condition(part) for part in _ALTERNATIVES.split(inside) if part.strip()]
    if bounds := fact_bounds(text):
        return [Condition(bounds=tuple(bounds))]
    found = _FOR_KIND.search(text)
    if found is None:
        return []
    who = found.group("who") or found.group("for")
    kinds = [_kind(part) for part in _ALTERNATIVES.split(who)]
    return [Condition(kind=k) for k in kinds if k] if all(kinds) else []


def _condition(part: str) -> Condition:
    bounds = fact_bounds(part)
    return Condition(bounds=tuple(bounds)) if bounds else Condition(kind=_kind(part))


def _is_kind(kind: tuple[str, ...], buyer: Buyer) -> bool:
    """Whether a buyer's calls say they are of a kind: its last word ("ground" of "natural burial
    grounds"), and the word before it where the last is their own industry's ("community
    clinics" to a clinic: every clinic says "clinic")."""
    *before, head = kind
    if head not in buyer.words:
        return False
    return not (before and head in buyer.trade) or before[-1] in buyer.words


def _meets(condition: Condition, buyer: Buyer) -> bool:
    """Whether a buyer is shown to meet a condition: their calls name its kind, or give a count
    each bound holds for; an upper bound only ("up to 10 users") holds for one who gives none.
    A plan for five sites or more is no price for a buyer whose size is not known."""
    if condition.kind:
        return _is_kind(condition.kind, buyer)
    return bool(condition.bounds) and all(
        any(b.holds_for(n) for n in buyer.counts[b.group])
        if b.group in buyer.counts
        else b.low <= 1
        for b in condition.bounds
    )


def eligible(fact: ProfileFact, buyer: Buyer) -> bool | None:
    """Whether a buyer is shown to be whom an offer (a fact of ``OFFER_SECTIONS``) is for; None
    for a fact that is no offer or is for anyone."""
    found = conditions(fact.text) if fact.section in OFFER_SECTIONS else []
    return any(_meets(c, buyer) for c in found) if found else None


def offered_to(fact: ProfileFact, buyers: Sequence[Buyer]) -> bool:
    """Whether a fact may answer these buyers: it speaks to the markets their calls name
    (``speaks_to``; any fact where none is named), and an offer with a condition to one who is
    shown to meet it."""
    markets = markets_of(buyers)
    if markets and not speaks_to(fact.text, markets):
        return False
    return not buyers or any(eligible(fact, b) is not False for b in buyers)


def offer_rank(fact: ProfileFact, buyers: Sequence[Buyer]) -> int:
    """How much a fact is written for these buyers, negated (the lower, the better an answer):
    2 for each whose shown condition it sets ("five or more locations" to a group of seven), 1
    for each whose market it names; 0 for a fact for anyone. A group's plan before its
    market's price for one site."""
    named = regions_named(fact.text)
    return -sum(2 * bool(eligible(fact, b)) + bool(named & b.markets) for b in buyers)
