"""A worry is answered by a fact of its kind (terms, moving over) in whatever words, never by an
add-on's usage fee it does not ask about, nor by a fact restating what it complains of.

Why: a self-storage FAQ answered "Is it worth the price?" with a per-text fee beside eight plan
prices, left "locked into a long contract?" to write beside "no multi-year contract", missed
"Imports ... from X" for "switch from X", and met "an import file every month isn't an
integration, it's a chore" with that very import file."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.profile import ProductProfile, ProfileFact, set_profile
from pipeline.content.restating import restates
from pipeline.content.worry_facts import Asked
from pipeline.content.worry_kinds import answering_fact, of_its_kind, usage_fee
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import facts_answering, objection_themes


@pytest.mark.parametrize(
    ("fact", "fee"),
    [
        ("Texts are included up to 2,000 a month per site, then 4p each.", True),
        ("Extra users are £5 a month each.", True),
        ("Overage is billed at $0.02 per message.", True),
        ("Additional locations: €39 a month per location.", True),
        ("Starter: £89 a month per site, up to 300 units.", False),
        ("US: $179 a month per clinic.", False),
        ("Annual billing takes two months off.", False),
        ("Group plan (five or more sites): £119 a month per site.", False),
    ],
)  # fmt: skip
def test_an_add_on_fee_is_told_from_a_plan_price(fact: str, fee: bool) -> None:
    assert usage_fee(fact) is fee


@pytest.mark.parametrize(
    ("fact", "said", "kind"),
    [
        ("Monthly rolling plans, no multi-year contract.", "Are we locked into a long contract?",
         True),
        ("Cancel any time with 30 days' notice.", "We don't want to be tied in.", True),
        ("No minimum term; pay month to month.", "What if we need to get out of it?", True),
        ("Annual or monthly billing, your choice.", "We can't sign a multi-year deal.", True),
        ("Imports jobs and customers from ServiceM8 and Tradify.",
         "How hard is it to switch from Tradify?", True),
        ("We migrate your history from Dentrix for free.",
         "Moving off Dentrix would take us months.", True),
        # Another kind, or no kind at all.
        ("Set-up takes about two weeks.", "Are we locked into a long contract?", False),
        ("Monthly rolling plans, no multi-year contract.", "How hard is it to switch from X?",
         False),
        ("Rolling out to every site takes a day.", "We don't want to be tied in.", False),
        ("Bookings and invoices in one place.", "Is it worth it for three vans?", False),
    ],
)  # fmt: skip
def test_a_fact_of_the_kind_a_worry_asks_about(fact: str, said: str, kind: bool) -> None:
    assert of_its_kind(ProfileFact(1, "plans", fact), said) is kind


@pytest.mark.parametrize(
    ("fact", "said", "echoed"),
    [
        ("A monthly import file (CSV) for Sage 200.",
         "An import file every month isn't an integration, it's a chore.", True),
        ("Weekly export file for Xero.", "A weekly export file is not a sync, it's a faff.", True),
        ("Manual upload of the daily report.", "Uploading a daily report by hand is a pain.",
         False),  # "manual" and "upload" are no words of the complaint
        ("Two-way sync with Sage 200, invoices posted nightly.",
         "An import file every month isn't an integration, it's a chore.", False),
        ("A monthly import file (CSV) for Sage 200.", "We need an import file every month.", False),
    ],
)  # fmt: skip
def test_a_fact_restating_a_complaint_is_no_answer(fact: str, said: str, echoed: bool) -> None:
    assert restates(fact, said) is echoed


def test_a_switching_worry_prefers_the_import_naming_its_tool() -> None:
    pool = [
        ProfileFact(1, "integrations", "Imports jobs from ServiceM8 and simPRO."),
        ProfileFact(2, "integrations", "Imports jobs and customers from Tradify and Fergus."),
        ProfileFact(3, "onboarding", "Set-up takes about two weeks."),
    ]
    asked = Asked({}, (), frozenset({"onboarding"}))
    assert answering_fact("How hard is it to switch from Tradify?", pool, asked) == pool[1]
    assert answering_fact("Will the team cope with change?", pool, asked) is None


@dataclass(frozen=True)
class Trade:
    industry: str
    unit: str  # what a plan is priced per
    rival: str  # the tool they are on now
    other: str  # another tool we import from
    addon: str  # what the usage fee is for


TRADES = [
    Trade("Self storage", "site", "SiteLink", "Storman", "texts"),
    Trade("Plumbing", "van", "Tradify", "Fergus", "SMS reminders"),
    Trade("Dental clinics", "chair", "Dentrix", "Exact", "e-signatures"),
    Trade("Marinas", "marina", "Dockwa", "Harba", "card readers"),
    Trade("Driving schools", "instructor", "Teachify", "Drivio", "theory test packs"),
    Trade("Vet practices", "vet", "Provet", "Merlin", "lab requests"),
    Trade("Gyms", "club", "Glofox", "Mindbody", "door fobs"),
    Trade("Recruiters", "recruiter", "Bullhorn", "Vincere", "job board posts"),
    Trade("Breweries", "brewhouse", "Ekos", "Orchestrated", "label prints"),
    Trade("Schools", "school", "Arbor", "Bromcom", "parent letters"),
]


def _profile(trade: Trade) -> ProductProfile:
    sizes = ("Starter", "Growth", "Scale", "Group")
    return ProductProfile(
        name="Tideway",
        pricing=[
            *(f"{s}: £{89 + 40 * n} a month per {trade.unit}." for n, s in enumerate(sizes)),
            f"US: ${129 + 10 * len(trade.unit)} a month per {trade.unit}.",
            f"{trade.addon.capitalize()} are included up to 500 a month, then 4p each.",
        ],
        plans=["Monthly rolling plans, no multi-year contract; 30 days' notice to leave."],
        features=["Bookings and invoices in one place."],
        integrations=[
            f"Imports customers, bookings and balances from {trade.rival} and {trade.other}.",
            "A monthly import file (CSV) for Sage 200.",
            "Payment links by e-mail through Stripe.",
        ],
        onboarding=["Set-up takes about two weeks, with a named onboarding lead."],
    )


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_each_worry_gets_a_fact_of_its_kind(
    ws: Workspace, embedder: Embedder, trade: Trade
) -> None:
    themes = {
        "price": ["Is it worth the price for a business our size?",
                  f"It's a lot of money for three {trade.unit}s."],
        "contract": ["Are we locked into a long contract?", "We don't want to be tied in."],
        "switching": [f"How hard is it to switch from {trade.rival}?",
                      "Moving everything over sounds painful."],
        "integrations": ["An import file every month isn't an integration, it's a chore.",
                         "Finance live in Sage 200."],
    }  # fmt: skip
    with ws.session() as db:
        set_profile(db, _profile(trade))
        ids = objection_themes(db, embedder, trade.industry, themes)
    answers = facts_answering(ws, embedder, "objection-faq", ids)
    every = [f for facts in answers.values() for f in facts]
    assert not [f for f in every if "4p each" in f], answers  # no add-on fee for a price worry
    assert not [f for f in every if "monthly import file" in f], answers  # the complaint itself
    switch = next(v for k, v in answers.items() if trade.rival in k or "over" in k)
    assert switch[:1] and trade.rival in switch[0], switch
    contract = next(v for k, v in answers.items() if "contract" in k or "tied" in k)
    assert contract[:1] and "no multi-year contract" in contract[0], contract
