"""A price is charged per the unit its words name, not per seat whatever the noun: a gym's
location, a fleet's truck, a salon's chair, software's seat. A price worry on one unit is met
with our price on that unit, and with nothing rather than a price on another.

Why: "45 per site" had been read as per seat, so a per-seat price answered what a rival
charges a location."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.drafts import one_pager
from pipeline.content.faq import objection_faq
from pipeline.content.price_basis import price_basis, unit_price
from pipeline.content.profile import ProductProfile, profile_facts
from tests.pipeline.content.one_theme import one_theme_evidence

# (a buyer's worry on a unit's price, the unit's basis and amount, our plan on that unit in
# other words, our price on another unit)
TRADES = [
    ("We pay GymHub AUD 120 a location and you're asking for more.", "per_location", 120.0,
     "AUD 99 per studio per month on the Studio plan.",
     "AUD 3 per member per month for the booking app."),
    ("FleetCo charges us $30 a truck, so you want me to pay more than that.", "per_vehicle", 30.0,
     "$25 per van per month on the Fleet plan.",
     "$9 per user per month for office logins."),
    ("We pay Chairly twenty quid a chair and I won't go above it.", "per_chair", 20.0,
     "£18 per chair per month on the Salon plan.",
     "£12/site/month for the online shop."),
    ("We pay Deskly $20 a seat, you're asking more.", "per_seat", 20.0,
     "$18 per active user per month on the Team plan.",
     "$10 per location per month for the on-site gateway."),
]  # fmt: skip


@pytest.mark.parametrize(("said", "basis", "amount", "plan", "other"), TRADES)
def test_a_price_is_per_the_unit_its_words_name(
    said: str, basis: str, amount: float, plan: str, other: str
) -> None:
    assert price_basis(said) == price_basis(plan) == basis
    assert price_basis(other) != basis
    assert unit_price(said) == (amount, basis)


@pytest.mark.parametrize(
    ("text", "basis"),
    [
        ("We run 45 per site and the price still hurts.", "per_location"),
        ("Group plan for 5+ branches: AUD 80 a month each.", "per_location"),
        ("Billed per truck, $14 a month.", "per_vehicle"),
        ("AUD 99 a month, billed per location.", "per_location"),
    ],
)
def test_a_site_or_a_truck_is_no_seat(text: str, basis: str) -> None:
    assert price_basis(text) == basis


def _profile(pricing: list[str]) -> ProductProfile:
    return ProductProfile.model_validate({"name": "Ours", "pricing": pricing})


def _cited(said: str, pricing: list[str]) -> tuple[list[str], list[str]]:
    """The pricing facts the one-pager and the FAQ cite under one price worry ``said``."""
    profile = _profile(pricing)
    evidence, cluster = one_theme_evidence("Theme", "price", [said])
    evidence = replace(evidence, clusters=[cluster], profile=profile_facts(profile))
    texts = {f.id: f.text for f in profile_facts(profile)}
    page = one_pager(evidence).objections[0].profile
    faq = objection_faq(evidence).items[0].profile
    return [texts[i] for i in page], [texts[i] for i in faq]


@pytest.mark.parametrize(("said", "basis", "amount", "plan", "other"), TRADES)
def test_a_price_worry_is_met_with_our_price_on_its_unit(
    said: str, basis: str, amount: float, plan: str, other: str
) -> None:
    assert _cited(said, [plan, other]) == ([plan], [plan])


@pytest.mark.parametrize(("said", "basis", "amount", "plan", "other"), TRADES)
def test_a_price_on_another_unit_is_no_answer(
    said: str, basis: str, amount: float, plan: str, other: str
) -> None:
    """Nothing cited (a gap to write) rather than a seat's price for a location's."""
    assert _cited(said, [other]) == ([], [])
