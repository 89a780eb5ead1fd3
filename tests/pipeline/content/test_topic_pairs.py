"""A profile fact answers a buyer's line only when it speaks to that line's topic (its words name
it, or it is near the line in meaning above the page's own floor), never by a word shared by
chance; else the cell stays to write. A contract people hold is their records, not a plan term.

Why: a review's ClockBee comparison answered "two bills and two apps" with "Imports the staff
list and current rota from a spreadsheet" (sharing "rota"), filed "Staffly already has
everyone's contracts in it" under "Plans and terms", and answered "We can't justify $100 a
month for a rota" with free migration."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.profile import ProductProfile, ProfileFact, profile_facts
from pipeline.content.quote_fit import value_answers
from pipeline.content.rival_claims import rival_topic
from pipeline.embed import Embedder


def _quote(n: int, text: str, rival: str | None, category: str = "competitor") -> Quote:
    return Quote(
        id=n, text=text, role="buyer", kind="objection", call_id=n, utterance_id=n,
        mention_id=n, call_date=dt.date(2026, 3, n), account=f"Account {n}", outcome="lost",
        speaker="Sam", cluster_id=None, competitor=rival, category=category,
    )  # fmt: skip


def _evidence(
    embedder: Embedder | None, quotes: list[Quote], profile: ProductProfile, rival: str | None
) -> Evidence:
    """A page's evidence, each quote's closeness to each fact by the real embedder if given."""
    facts = profile_facts(profile)
    near: dict[int, dict[int, float]] = {}
    if embedder is not None:
        said = embedder.encode([q.text for q in quotes])
        ours = embedder.encode([f.text for f in facts])
        near = {
            q.id: {f.id: float(v) for f, v in zip(facts, row, strict=True)}
            for q, row in zip(quotes, said @ ours.T, strict=True)
        }
    return Evidence(
        clusters=[], quotes=quotes, phrases=[], facts=[], competitor=rival,
        rival_forms=(rival,) if rival else (), product=profile.name, profile=facts,
        quote_closeness=near,
    )  # fmt: skip


@dataclass(frozen=True)
class AllInOne:
    industry: str
    rival: str
    said: str  # a buyer's two systems, sharing a word with our import fact
    others: tuple[str, ...]  # what else buyers said of the rival (the page's other pairs)
    imports: str  # our integration sharing a word with ``said`` only
    one_system: str  # our integration saying it is one system


ALL_IN_ONE = [
    AllInOne("Salons", "ChairPro",
             "We use ChairPro for the bookings and PayNote for the invoices, so it's two bills "
             "and two apps.",
             ("ChairPro charges forty a month per chair.", "ChairPro's support never answers."),
             "Imports the client list and upcoming bookings from a spreadsheet.",
             "Bookings, invoices and card payments in one system."),
    AllInOne("Breweries", "BrewBoss",
             "BrewBoss runs the brewing schedule and Xero the invoices, two systems and two "
             "logins.",
             ("BrewBoss put our price up by a third.", "BrewBoss is too clunky on the floor."),
             "Imports the product list and brewing schedule from a spreadsheet.",
             "Brewing, stock and invoicing under one login."),
    AllInOne("Dental labs", "LabTrac",
             "LabTrac has the cases and a separate tool the invoices, so two subscriptions "
             "and two bills.",
             ("LabTrac is cheaper per case.", "LabTrac's support desk takes days."),
             "Imports the practice list and open cases from a spreadsheet.",
             "Cases and invoices in one place, one bill a month."),
]  # fmt: skip


def _all_in_one_row(embedder: Embedder, trade: AllInOne, integrations: list[str]) -> str:
    """Our side of the row holding the trade's two-systems line."""
    said = [trade.said, *trade.others]
    quotes = [_quote(n, t, trade.rival) for n, t in enumerate(said, 1)]
    profile = ProductProfile(
        name="Ourapp",
        pricing=["$30 a month per seat."],
        features=["Reminders go out by text the day before."],
        integrations=integrations,
    )
    page = comparison(_evidence(embedder, quotes, profile, trade.rival))
    [row] = [r for r in page.rows if 1 in r.citations]
    return row.us


@pytest.mark.parametrize("trade", ALL_IN_ONE, ids=lambda t: t.industry)
def test_two_systems_are_not_answered_by_an_import_sharing_a_word(
    embedder: Embedder, trade: AllInOne
) -> None:
    us = _all_in_one_row(embedder, trade, [trade.imports])
    assert us.startswith("To write"), us


@pytest.mark.parametrize("trade", ALL_IN_ONE, ids=lambda t: t.industry)
def test_two_systems_are_answered_by_a_fact_saying_one_system(
    embedder: Embedder, trade: AllInOne
) -> None:
    us = _all_in_one_row(embedder, trade, [trade.imports, trade.one_system])
    assert us.startswith(trade.one_system), us


@pytest.mark.parametrize(
    "line",
    [
        "Staffly already has everyone's contracts in it.",
        "HRNest holds all the employment contracts for our nurses.",
        "The staff contracts live in PeopleDesk, and the payslips.",
        "CrewBase stores the contracts for our drivers.",
        "TeamVault keeps every employee's contract and their training records.",
    ],
)
def test_contracts_people_hold_are_records_not_plan_terms(line: str) -> None:
    assert rival_topic(line) == "switching"


@pytest.mark.parametrize(
    "line",
    [
        "We're mid-contract with ClockBee through 2027.",
        "Our contract with HRNest renews in March.",
        "We signed a two-year contract with CrewBase.",
        "We're locked into their contract until June.",
    ],
)
def test_a_buyers_own_contract_is_still_a_plan_term(line: str) -> None:
    assert rival_topic(line) == "contract"


@dataclass(frozen=True)
class Worth:
    industry: str
    worry: str  # whether the monthly price is worth it
    free: str  # a one-off service we do for free, on another thing
    gain: str  # what the money brings back
    asked_free: str  # a buyer asking about that very service


WORTH = [
    Worth("Rotas", "We can't justify $100 a month for a rota.",
          "We migrate staff, PINs and historical hours from a spreadsheet for free.",
          "Managers cut weekly rota time to under thirty minutes.",
          "Is moving our staff and hours over included, or is it extra? Otherwise it's hard "
          "to justify."),
    Worth("Salons", "Eighty pounds a month for a booking diary is hard to justify.",
          "We set up your price list and staff rotas for free.",
          "Salons cut no-shows by a third with text reminders.",
          "Would you set up our price list and staff rotas, or do we pay for that? I need it "
          "to be worth it."),
    Worth("Vets", "Is it really worth $199 a vet every month?",
          "Lab result imports from IDEXX come at no extra charge.",
          "Clinics save an hour a day on reminder calls.",
          "Are the IDEXX lab result imports included at no extra charge? Otherwise it's not "
          "worth it."),
]  # fmt: skip


def _worth(embedder: Embedder, trade: Worth, said: str) -> list[ProfileFact]:
    """The facts answering whether ``said`` is worth the money, in order."""
    others = ["The app keeps logging us out.", "Our owner signs anything over a grand."]
    quotes = [_quote(n, t, None, "price") for n, t in enumerate([said, *others], 1)]
    profile = ProductProfile(
        name="Ourapp",
        pricing=["$49 a month base plus $4 per user."],
        features=["Staff get reminders by text."],
        onboarding=[trade.free],
        proof_points=[trade.gain],
    )
    evidence = _evidence(embedder, quotes, profile, None)
    return value_answers(evidence, quotes[:1], evidence.profile)


@pytest.mark.parametrize("trade", WORTH, ids=lambda t: t.industry)
def test_a_monthly_price_is_worth_it_by_a_gain_not_by_a_free_service(
    embedder: Embedder, trade: Worth
) -> None:
    assert [f.text for f in _worth(embedder, trade, trade.worry)] == [trade.gain]


@pytest.mark.parametrize("trade", WORTH, ids=lambda t: t.industry)
def test_a_free_service_answers_a_buyer_asking_about_it(embedder: Embedder, trade: Worth) -> None:
    assert trade.free in [f.text for f in _worth(embedder, trade, trade.asked_free)]
