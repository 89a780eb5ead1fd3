"""What kind of thing a quoted worry asks about and which facts are of that kind, whatever words
each uses: terms (contract, notice, cancelling, "locked in") and moving over (imports,
migration, "switch from X"). An add-on's usage fee answers only a worry about what it is for,
and a fact restating what a buyer complains of answers nothing.

Why: a self-storage FAQ answered "Is it worth the price for a business our size?" with "texts
are included up to 2,000 a month per site, then 4p each" beside eight plan prices, left "Are we
locked into a long contract?" to write beside "no multi-year contract", cited an unrelated fact
for "How hard is it to switch from X?" beside "Imports ... from X", and met "an import file
every month isn't an integration, it's a chore" with "a monthly import file (CSV) for Sage 200".
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.pairing import says_something, topic_words
from pipeline.content.profile import ProfileFact, content_words
from pipeline.content.worry_facts import (
    Asked,
    naming_fact,
    naming_weight,
    shared_systems,
    telling_words,
    tools_named,
)

# The kinds of worry a fact of another list, in other words, may answer by naming the same kind.
KIND_TOPICS = frozenset({"topic:term", "topic:migration"})
# A charge for use beyond an allowance or for an extra, in money or pence: "then 4p each",
# "extra users £5 a month", "overage at $0.02 per message".
_EXTRA = re.compile(
    r"\b(?:add-?ons?|overage|top-?ups?|extra|additional|pay[- ]as[- ]you[- ]go|per use)\b"
    r"|\b(?:included|free)\b[^.;]{0,40}\bup to\b[^.;]*\bthen\b",
    re.IGNORECASE,
)
_CHARGE = re.compile(
    r"(?:[$£€¥]\s?\d[\d,.]*\d|[$£€¥]\s?\d|\b\d+(?:\.\d+)?\s?(?:p|c|pence|cents?)\b)[^.;]{0,30}\b(?:each|per|an?)\b",
    re.IGNORECASE,
)
# A buyer's verdict against something as it is: "isn't an integration", "it's a chore".
_COMPLAINT = re.compile(
    r"\b(?:is|are|was|were)(?:n['’]t| not)\b|\bnot (?:really |even )?(?:a|an|the)\b"
    r"|\b(?:chore|hassle|faff|pain|nightmare|clunky|joke|headache|manual)\b|\btoo \w+\b",
    re.IGNORECASE,
)


def kinds(text: str) -> set[str]:
    """The kinds of worry a line names (``KIND_TOPICS`` of its ``topic_words``)."""
    return topic_words(text) & KIND_TOPICS


def of_its_kind(fact: ProfileFact, said: str) -> bool:
    """Whether a fact says something of the kind a worry asks about: "Monthly rolling plans,
    no multi-year contract" to "Are we locked in?", "Imports ... from SiteLink" to "How hard is
    it to switch from SiteLink?"."""
    return says_something(fact.text) and bool(kinds(fact.text) & kinds(said))


def answering_fact(said: str, pool: Sequence[ProfileFact], asked: Asked) -> ProfileFact | None:
    """The fact naming what a worry names (``naming_fact``), else one of the kind it asks about
    (``of_its_kind``): one naming the buyer's tools first ("Imports ... from SiteLink" to
    "switch from SiteLink"), then of the worry's own lists, naming most of it, nearest."""
    found = naming_fact(said, pool, asked)
    if found is not None:
        return found

    def rank(fact: ProfileFact) -> tuple[int, bool, float, float, int]:
        tools = len(shared_systems(fact.text, said, asked.rivals))
        own = fact.section in asked.own
        weight = naming_weight(fact.text, said, asked.weights, asked.rivals)
        return tools, own, weight, asked.near(said, fact), -fact.id

    # A fact of another list than the worry's own answers by kind only as the nearest in meaning
    # (as in ``naming_fact``): "salary history" beside the security list is no question of
    # moving records over.
    nearness = {f.id: asked.near(said, f) for f in pool}
    nearest = max(pool, key=lambda f: nearness[f.id], default=None)
    vectors = any(nearness.values())

    def may_answer(fact: ProfileFact) -> bool:
        mine = fact.section in asked.own or not asked.own
        return of_its_kind(fact, said) and (mine or not vectors or fact is nearest)

    return max((f for f in pool if may_answer(f)), key=rank, default=None)


def usage_fee(text: str) -> bool:
    """Whether a fact charges for use beyond an allowance or for an extra: an add-on's fee,
    no plan's price."""
    return _EXTRA.search(text) is not None and _CHARGE.search(text) is not None


def about_the_fee(
    fact: str, said: Sequence[str], prices: Sequence[str], rivals: Sequence[str] = ()
) -> bool:
    """Whether one of the lines names what a usage fee is for ("texts"): a word of it that no
    plan's price (``prices``, the other facts) names, as "site" and "month" are."""
    plans = set().union(*(telling_words(p, rivals) for p in prices if not usage_fee(p)))
    words = {w for w in telling_words(fact, rivals) - plans if not w.startswith("topic:")}
    return any(words & telling_words(text, rivals) for text in said)


def _stems(text: str) -> set[str]:
    """Content words with an adverb's "ly" dropped: "monthly" is "month"."""
    return {w.removesuffix("ly") if len(w) > 5 else w for w in content_words(text)}


def echoes_complaint(fact: str, said: str) -> bool:
    """Whether a fact only states again what a worry complains of: the line finds fault and
    every word of the fact but its tools is one of the line's, two at least. "A monthly import
    file (CSV) for Sage 200" is no answer to "an import file every month isn't an integration,
    it's a chore"; "Two-way sync with Sage 200" is one."""
    if _COMPLAINT.search(said) is None:
        return False
    tools = {w for tool in tools_named(fact) for w in tool.split()}
    words = _stems(fact) - tools
    return len(words) >= 2 and words <= _stems(said)
