"""Which of our plans to set beside a rival's price: the cheapest on the same basis that covers
as much of what their price covers (the things its words name) as the plan first chosen.

Why: a comparison set our $55 Pro plan ("adds ELD import and the accounting sync") against a
rival's "$29 a truck, IFTA reports an add-on at $15", while our $39 Core plan includes IFTA:
the dearer plan had matched "add-on" to "adds", and made us look dearer than we are.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.plan_fit import plan_prices
from pipeline.content.price_basis import price_basis
from pipeline.content.profile import ProfileFact, stated_price
from pipeline.content.worry_facts import telling_words, tools_named

# Words of how a price is charged, not of what it buys: "an add-on", "adds", "priced at".
_CHARGE_WORDS = frozenset(
    {"add", "adds", "addon", "extra", "price", "priced", "pricing", "plan", "cost", "fee", "pay"}
)


def _scope(text: str, rivals: Sequence[str]) -> set[str]:
    """What a price's words say it covers: the things and tools they name."""
    return (telling_words(text, rivals) | tools_named(text)) - _CHARGE_WORDS


def covering_plan(
    chosen: ProfileFact, pool: Sequence[ProfileFact], theirs: str, rivals: Sequence[str] = ()
) -> ProfileFact:
    """The cheapest plan price of ``pool`` charged on ``chosen``'s basis that covers at least
    as much of what ``theirs`` names as ``chosen`` does; ``chosen`` where it is no plan price
    or none cheaper covers as much ("QuickBooks sync" said of theirs keeps the plan adding it)."""
    if not plan_prices([chosen]):
        return chosen
    said, basis = _scope(theirs, rivals), price_basis(chosen.text)
    covered = len(_scope(chosen.text, rivals) & said)
    cheaper = [
        f
        for f in plan_prices(pool)
        if price_basis(f.text) == basis
        and stated_price(f.text) < stated_price(chosen.text)
        and len(_scope(f.text, rivals) & said) >= covered
    ]
    return min(cheaper, key=lambda f: (stated_price(f.text), f.id), default=chosen)
