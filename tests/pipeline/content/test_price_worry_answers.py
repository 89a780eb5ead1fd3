"""A price worry is answered by the price fact of what it is about: a seat's price below the
one a buyer pays a rival, the idle-unit terms for units sitting idle, never a one-off fee for a
seat's price nor a fee waiver the buyer's size does not meet; a "how long" question by the
onboarding fact giving a duration. Three trades each (vans, boiler engineers, gyms; offices,
bakeries, clinics)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.drafts import one_pager
from pipeline.content.evidence import Evidence
from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from pipeline.content.scale import buyer_counts
from pipeline.content.value import asks_value
from tests.pipeline.content.one_theme import one_theme_evidence


def _profile(**lists: list[str]) -> ProductProfile:
    empty: dict[str, list[str]] = {
        k: [] for k in ("pricing", "plans", "features", "integrations", "security")
    }
    empty |= {"onboarding": [], "proof_points": [], "roadmap": []}
    return ProductProfile(name="Ours", **(empty | lists))


def _evidence(category: str, said: list[str], profile: ProductProfile) -> Evidence:
    evidence, cluster = one_theme_evidence("Theme", category, said)
    return replace(evidence, clusters=[cluster], profile=profile_facts(profile))


def _answer(said: str, profile: ProductProfile) -> list[str]:
    """The profile facts the one-pager cites under one price worry."""
    page = one_pager(_evidence("price", [said], profile))
    texts = {f.id: f.text for f in profile_facts(profile)}
    return [texts[i] for i in page.objections[0].profile]


TRADES = [  # unit, cheaper plan, dearer plan, fee, idle terms, proof
    ("van", "$29 per van per month on the Basic plan (tracking, timesheets).",
     "$45 per van per month on the Plus plan, which adds fuel cards.",
     "One-time setup fee of $400, waived on annual contracts of 12 vans or more.",
     "Vans parked for a whole month are not billed.",
     "Fleets on Ours cut timesheet admin by 3 hours a week."),
    ("engineer", "$12 per engineer per month on the Starter plan (job sheets, quotes).",
     "$19 per engineer per month on the Team plan, which adds stock control.",
     "One-time onboarding fee of $600, waived on annual contracts of 20 engineers or more.",
     "Engineers sitting idle for a whole month are not charged.",
     "Boiler firms on Ours cut invoicing time by half."),
    ("site", "$35 per site per month on the Studio plan (bookings, reminders).",
     "$60 per site per month on the Group plan, which adds shared reporting.",
     "One-time setup fee of $900, waived on annual contracts of 8 sites or more.",
     "Sites standing closed for a whole month are not billed.",
     "Gyms on Ours cut no-shows by a third."),
]  # fmt: skip


def _trade_profile(cheap: str, dear: str, fee: str, idle: str, proof: str) -> ProductProfile:
    return _profile(pricing=[cheap, dear, fee], plans=[idle], proof_points=[proof])


@pytest.mark.parametrize(("unit", "cheap", "dear", "fee", "idle", "proof"), TRADES)
def test_a_rivals_lower_seat_price_is_met_by_our_cheaper_plan_never_a_fee(
    unit: str, cheap: str, dear: str, fee: str, idle: str, proof: str
) -> None:
    profile = _trade_profile(cheap, dear, fee, idle, proof)
    rival_price = {"van": "thirty-five", "engineer": "fifteen", "site": "fifty"}[unit]
    said = f"We pay Rivalco {rival_price} a {unit}. So you're asking me to pay more for the same."
    assert _answer(said, profile) == [cheap]


@pytest.mark.parametrize(("unit", "cheap", "dear", "fee", "idle", "proof"), TRADES)
def test_a_worry_about_idle_units_is_met_by_the_idle_terms(
    unit: str, cheap: str, dear: str, fee: str, idle: str, proof: str
) -> None:
    profile = _trade_profile(cheap, dear, fee, idle, proof)
    state = {"van": "parked in the yard", "engineer": "sitting idle", "site": "standing empty"}
    said = f"I'm not paying for a {unit} that's {state[unit]} half the winter."
    assert _answer(said, profile) == [idle]


FEES = [  # the fee worry of a buyer below the waiver's size, in its trade
    ("Four hundred bucks for five vans is kind of steep, that's a whole week's worth of fuel.", 0),
    ("Six hundred bucks for nine engineers is a lot, that's a whole month's worth of parts.", 1),
    ("Nine hundred dollars for three sites is steep for a whole business our size.", 2),
]  # fmt: skip


@pytest.mark.parametrize(("said", "trade"), FEES)
def test_a_fee_worry_is_not_answered_by_a_waiver_they_do_not_meet_nor_a_seat_price(
    said: str, trade: int
) -> None:
    """A small buyer's "the fee is steep" gets a gap to write: the waiver for bigger buyers
    repeats their complaint, a seat's price and the idle terms answer another worry."""
    profile = _trade_profile(*TRADES[trade][1:])
    assert _answer(said, profile) == []
    assert not asks_value([said])  # "a week's worth of fuel" asks nothing about value


def test_a_price_per_seat_is_no_count_of_seats() -> None:
    lines = ["We pay Rivalco forty-one a truck.", "twenty quid a head", "thirty-five a van"]
    assert buyer_counts(lines) == {}
    assert buyer_counts(["a hundred and forty doors"]) == {"property": [140.0]}


SETUP = [
    ("We're in our busy season until March and I can't have jobs slipping while the office "
     "learns a new system.",
     "How long have you been in business? I don't want to move all our clients over and then "
     "you shut down.", "Typical go-live is 10 business days with a named onboarding specialist."),
    ("Spring is our peak, I can't have the kitchen confused by a new ordering screen in April.",
     "Honestly the changeover is what scares me, not the money.",
     "Most bakeries are live within two weeks, with a trainer on site for the first day."),
    ("We open the new wing in May and I can't have the front desk on a new system then.",
     "What worries me is the rollout, the nurses are stretched.",
     "Clinics go live in 3 weeks on average, with a dedicated onboarding manager."),
]  # fmt: skip


@pytest.mark.parametrize(("first", "second", "fact"), SETUP)
def test_how_long_to_get_running_is_answered_by_the_onboarding_duration(
    first: str, second: str, fact: str
) -> None:
    profile = _profile(
        onboarding=[fact],
        features=["Reminders go out by text message."],
        proof_points=["Customers cut admin time by a third."],
    )
    [item] = objection_faq(_evidence("setup_time", [first, second], profile)).items
    assert item.question == "How long does it take to get up and running?"
    assert item.answer.startswith(fact), item.answer
