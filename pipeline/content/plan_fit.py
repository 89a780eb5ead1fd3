"""Which plan a price worry is about: the plan whose price its buyer names ("Nineteen quid a
month plus fees is a lot" of a £19 plan), else whose words are the buyer's segment's ("School
plan" to a driving school). "There is no setup fee." had answered "£19 a month is a lot", and
a school's "$9 vs fifteen" the solo plan's price: what costs least is no answer to "too dear"."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Sequence

from pipeline.content.citable import Quote
from pipeline.content.profile import FREE_RE, ProfileFact, content_words, stated_price
from pipeline.content.scale import figures
from pipeline.regions import regions_named

NAMED_PRICE = 2.0  # a figure the buyer names that the plan states outweighs any shared word
OWN_MARKET = 1.5  # a plan for the buyer's market outweighs a shared word, not a named figure


def says_free(text: str) -> bool:
    """Whether a fact only says something costs nothing ("There is no setup fee."), stating no
    figure: "Card payments cost 1.4% + 20p; bank transfers at no charge" says what cards cost."""
    return FREE_RE.search(text) is not None and not figures(text)


def plan_prices(facts: Sequence[ProfileFact]) -> list[ProfileFact]:
    """The pricing facts stating what a plan costs: an amount of money, nothing said free."""
    return [f for f in facts if f.section == "pricing" and 0 < stated_price(f.text) < math.inf]


def fitting_plan(
    quotes: Sequence[Quote], facts: Sequence[ProfileFact], markets: frozenset[str] = frozenset()
) -> ProfileFact | None:
    """The plan price of ``facts`` the buyers of ``quotes`` are on: the figures they name
    that it states, then the market of theirs (``markets``) it names ("UK: £95 a month"), then
    the words it shares with their calls' industry (the telling ones: "instructor" in every
    plan says nothing); None where no plan stands first. A feature a buyer names is no plan of
    theirs: "I can't pay for cameras" is not on the camera plan."""
    plans = plan_prices(facts)
    if len(plans) < 2:
        return plans[0] if plans else None
    # Every word counts, "clinic" and "school" too (the theme namer's generic words): they
    # say whom a plan is for; a word in every plan weighs nothing.
    bags = [content_words(p.text) for p in plans]
    counts = Counter(word for bag in bags for word in bag)
    said = [q for q in quotes if q.role != "answer"]

    def fit(plan: ProfileFact, bag: set[str]) -> float:
        mine = set(figures(plan.text))
        theirs = OWN_MARKET if regions_named(plan.text) & markets else 0.0
        return theirs + sum(
            NAMED_PRICE * len(mine & set(figures(q.text)))
            + sum(
                math.log(len(plans) / counts[word])
                for word in bag & content_words(q.industry or "")
            )
            for q in said
        )

    ranked = sorted(
        ((fit(p, bag), p.id, p) for p, bag in zip(plans, bags, strict=True)),
        key=lambda t: (-t[0], t[1]),
    )
    (best, _, plan), (second, _, _) = ranked[0], ranked[1]
    return plan if best > second else None
