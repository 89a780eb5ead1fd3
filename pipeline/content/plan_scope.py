"""Which of our plans to set beside a price: of the plans charged on its basis that cost less
than a seat price a buyer names (or no more than the plan first chosen), those covering the
most of what the lines name (the things and tools their words say), the cheapest of them. One
rule for every page: the one-pager and a guide had taken the dearest plan below a named price,
the comparison the cheapest covering as much, and the same claim got a different plan on each.

Why: a comparison set our $55 Pro plan ("adds ELD import and the accounting sync") against a
rival's "$29 a truck, IFTA reports an add-on at $15", while our $39 Core plan includes IFTA:
the dearer plan had matched "add-on" to "adds", and made us look dearer than we are.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.citable import Quote
from pipeline.content.plan_fit import fitting_plan, plan_prices
from pipeline.content.price_basis import on_basis, price_basis, unit_price
from pipeline.content.profile import ProfileFact, stated_price
from pipeline.content.worry_facts import telling_words, tools_named

# Words of how a price is charged, not of what it buys: "an add-on", "adds", "priced at".
_CHARGE_WORDS = frozenset(
    {"add", "adds", "addon", "extra", "price", "priced", "pricing", "plan", "cost", "fee", "pay"}
)


def _scope(text: str, rivals: Sequence[str]) -> set[str]:
    """What a price's words say it covers: the things and tools they name."""
    return (telling_words(text, rivals) | tools_named(text)) - _CHARGE_WORDS


def cheaper_plan(
    said: Sequence[str],
    pool: Sequence[ProfileFact],
    rivals: Sequence[str] = (),
    chosen: ProfileFact | None = None,
) -> ProfileFact | None:
    """The plan price of ``pool`` to set beside ``said``: charged per the unit a line names a
    price for, below it ("we pay Rivalco forty-one a truck": a plan per vehicle under $41, not
    one per seat), or on ``chosen``'s basis at no more than it costs (``on_basis``); of those,
    covering the most of what ``said`` names, the cheapest. None where no line names a unit's
    price (without ``chosen``) or no plan costs less; ``chosen`` where it is no plan price."""
    if chosen is not None and not plan_prices([chosen]):
        return chosen
    if chosen is not None:
        basis, ceiling = price_basis(chosen.text), stated_price(chosen.text)
        within = [f for f in plan_prices(pool) if stated_price(f.text) <= ceiling]
        within = [*within, *([chosen] if chosen not in within else [])]
        beside = [f for f in within if on_basis(price_basis(f.text), basis)]
    else:
        named = [found for text in said if (found := unit_price(text)) is not None]
        if not named:
            return None
        # below the price of a line on its unit: a cheaper seat is no answer to a site's price
        beside = [
            f
            for f in plan_prices(pool)
            if any(
                stated_price(f.text) < price and on_basis(price_basis(f.text), basis)
                for price, basis in named
            )
        ]
    words = set().union(*(_scope(text, rivals) for text in said))
    covering = [(len(_scope(f.text, rivals) & words), f) for f in beside]
    most = max((n for n, _ in covering), default=0)
    return min(
        (f for n, f in covering if n == most),
        key=lambda f: (stated_price(f.text), f.id),
        default=None,
    )


def price_plans(
    quotes: Sequence[Quote],
    pool: Sequence[ProfileFact],
    markets: frozenset[str] = frozenset(),
    rivals: Sequence[str] = (),
) -> list[ProfileFact]:
    """The plans a price worry is met with, in one order on every page: the plan costing less
    than a unit's price its buyers name (``cheaper_plan``), then the plan they are on
    (``fitting_plan``)."""
    said = [q.text for q in quotes if q.role != "answer"]
    found = (cheaper_plan(said, pool, rivals), fitting_plan(quotes, pool, markets))
    return list({f.id: f for f in found if f is not None}.values())
