"""A rival's price is set beside the cheapest plan of ours on the same basis that covers what
theirs covers, not a dearer plan sharing a charge word ("add-on", "adds") with it; and the
dearer plan where theirs names what only it adds.

Why: a trucking comparison set a $55 plan ("adds ELD import and the QuickBooks sync") beside a
rival's "$29 a truck, IFTA reports an add-on", while the $39 plan includes IFTA."""

from __future__ import annotations

import pytest

from pipeline.content.plan_scope import cheaper_plan
from pipeline.content.profile import ProductProfile, profile_facts

CASES = [
    (  # a rival's add-on that our base plan includes
        ["$19 per chair per month on Basic (booking, reminders, color formulas).",
         "$32 per chair per month on Plus, which adds payroll and the Xero sync."],
        "Chairly is $15 per chair, color formulas are an add-on at $6 per chair.",
        "Chairly is $22 per chair with payroll and the Xero sync included.",
    ),
    (
        ["$12 per crew per month on Route (scheduling, invoices, route maps).",
         "$20 per crew per month on Fleet, which adds GPS tracking and the QuickBooks sync."],
        "Lawnlog charges $9 per crew, route maps are an extra $5 per crew.",
        "Lawnlog is $18 per crew and includes GPS tracking.",
    ),
    (
        ["$30 per groomer per month on Salon (booking, reminders, vaccine records).",
         "$48 per groomer per month on Studio, which adds card payments and the Square sync."],
        "Kennelbook is $25 a groomer, vaccine records are an add-on at $8 a groomer.",
        "Kennelbook is $40 a groomer with card payments through Square.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pricing", "covered", "beyond"), CASES)
def test_the_cheapest_plan_covering_theirs(pricing: list[str], covered: str, beyond: str) -> None:
    base, added = profile_facts(ProductProfile(name="Ours", pricing=pricing))
    pool = [base, added]
    assert cheaper_plan([covered], pool, chosen=added) == base
    assert cheaper_plan([covered], pool, chosen=base) == base
    assert cheaper_plan([beyond], pool, chosen=added) == added  # theirs names what it adds
