"""Which profile fact answers a buyer's pain: a use case leads with the problems the product
solves, each beside the fact that solves it.

Why: a pharmacy use case led "The problem" with "Our CD register is still a paper book", which
no fact of the profile answers (it was not built yet), and then listed expiry alerts and
reorders under "How it helps": a reader was promised what the product does not do."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.evidence import Evidence, Quote
from pipeline.content.pairing import states_gap
from pipeline.content.profile import ProfileFact
from pipeline.content.quote_fit import answers_quote


def pain_answer(
    evidence: Evidence, quote: Quote, facts: Sequence[ProfileFact]
) -> ProfileFact | None:
    """The fact of ``facts`` answering one pain: one speaking of what it says beyond its kind
    (``answers_quote``), or as near it in meaning as a fact must be to answer a quote
    (``Evidence.near_in_meaning``); the nearest in meaning first. None admitting a gap."""
    near = evidence.quote_closeness.get(quote.id, {})
    fitting = [
        f
        for f in facts
        if not states_gap(f.text)
        and (answers_quote(f.text, quote.text) or evidence.near_in_meaning([quote], f))
    ]
    return max(fitting, key=lambda f: (near.get(f.id, 0.0), -f.id), default=None)
