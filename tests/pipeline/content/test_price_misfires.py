"""Price rules that misfired on words that only look like theirs: a fact saying something is
free is no remedy for units sitting idle; a count or a share ("45 per site", "60 per cent")
is no seat price; one plan picker for every page, the cheapest covering what the buyer names.
Three trades each (vans, salons, gyms, kennels, lawn crews)."""

from __future__ import annotations

import pytest

from pipeline.content.plan_scope import cheaper_plan
from pipeline.content.price_basis import answers_on_basis, unit_price
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.remedies import removes_worry

IDLE = [
    "We'd be paying for nine vans all year when five sit idle in winter",
    "Half our chairs stand empty in January and we'd still pay for every one",
    "The mowers are parked from November to March, why pay for those crews",
]
FREE = [
    "Onboarding and training are not charged.",
    "No fee for SSO on any plan.",
    "Phone support is never billed by the hour.",
]
IDLE_TERMS = [
    "Vans off the road for a whole month are not billed.",
    "Chairs left empty for a whole month aren't charged.",
    "No charge for crews that are paused over the winter.",
]


@pytest.mark.parametrize("worry", IDLE)
@pytest.mark.parametrize("fact", FREE)
def test_a_free_thing_is_no_remedy_for_idle_units(worry: str, fact: str) -> None:
    assert not removes_worry(fact, [worry], "price")


@pytest.mark.parametrize(("worry", "fact"), list(zip(IDLE, IDLE_TERMS, strict=True)))
def test_idle_units_not_billed_remove_the_idle_worry(worry: str, fact: str) -> None:
    assert removes_worry(fact, [worry], "price")


@pytest.mark.parametrize(
    "said",
    [
        "About 60 per cent of our jobs are repeat, so honestly it's dear",
        "We run 45 per site and that's the cost problem",
        "We book 30 per groomer a week and the price still hurts",
        "Roughly 20 percent of the crews are seasonal, it's a lot of money",
    ],
)
def test_a_count_or_a_share_is_no_seat_price(said: str) -> None:
    plans = profile_facts(ProductProfile(name="Ours", pricing=["$55 per site per month on Pro."]))
    assert unit_price(said) is None
    assert cheaper_plan([said], plans) is None


@pytest.mark.parametrize(
    ("said", "price"),
    [
        ("We pay Rivalco forty-one a truck.", (41.0, "per_vehicle")),
        ("They charge us twenty quid a chair.", (20.0, "per_chair")),
        ("Kennelbook is $25 a groomer.", (25.0, "per_groomer")),
        ("We book 30 per groomer a week but pay 12 pounds a head", (12.0, "per_seat")),
    ],
)
def test_a_unit_price_said_as_money_or_as_paid(said: str, price: tuple[float, str]) -> None:
    assert unit_price(said) == price


PLANS = [  # our plans (the first covers what their price covers), a rival's seat price
    (
        ["$19 per chair per month on Basic (booking, reminders, color formulas).",
         "$32 per chair per month on Plus, which adds payroll and the Xero sync."],
        "Chairly is $35 per chair with color formulas included.",
    ),
    (
        ["$12 per crew per month on Route (scheduling, invoices, route maps).",
         "$20 per crew per month on Fleet, which adds GPS tracking and the QuickBooks sync."],
        "Lawnlog charges $24 per crew and that covers route maps.",
    ),
    (
        ["$30 per groomer per month on Salon (booking, reminders, vaccine records).",
         "$48 per groomer per month on Studio, which adds card payments and the Square sync."],
        "We pay Kennelbook fifty a groomer and it keeps the vaccine records.",
    ),
]  # fmt: skip


@pytest.mark.parametrize(("pricing", "said"), PLANS)
def test_one_plan_beside_a_rival_price_on_every_page(pricing: list[str], said: str) -> None:
    """The one-pager (a seat price named) and the comparison (the plan first chosen) set the
    same plan beside the same claim: the cheapest covering what it names, not the dearest
    below its price."""
    base, added = pool = profile_facts(ProductProfile(name="Ours", pricing=pricing))
    assert cheaper_plan([said], pool) == base
    assert cheaper_plan([said], pool, chosen=added) == base


@pytest.mark.parametrize(
    ("said", "seat", "fee"),
    [
        ("We pay Rivalco thirty-five a van.", "$29 per van per month.", "One-off setup of $400."),
        ("Twenty quid a chair is what we pay now.", "£18 per chair a month.", "£250 one-off fee."),
        ("Six hundred bucks up front is steep.", "$12 per engineer a month.", "$600 setup fee."),
    ],
)
def test_an_offer_on_another_basis_is_no_answer(said: str, seat: str, fee: str) -> None:
    facts = profile_facts(ProductProfile(name="Ours", pricing=[seat, fee]))
    kept = answers_on_basis(facts, [said], facts)
    assert len(kept) == 1 and ("setup" in said or "up front" in said) == (kept[0].text == fee)
