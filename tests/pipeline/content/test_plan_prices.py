"""A price worry is answered by the price of the plan its buyer is on (the figure they name, or
their segment's words in the plan's), on every page type, with the real embedder and SQLite, in
three industries: "There is no setup fee." had answered "£19 a month plus fees is a lot", and a
school's "$9 vs fifteen" the solo plan's price."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.plan_fit import says_free
from pipeline.content.profile import ProductProfile, profile_facts, set_profile
from pipeline.content.value import gives_value
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, facts_answering, theme_around


@dataclass(frozen=True)
class Market:
    solo: str  # the one-person segment's industry
    team: str  # the many-person segment's industry
    profile: ProductProfile  # pricing: the solo plan, the team plan, then a free fact
    worries: list[tuple[str, str, int]]  # (industry, what the buyer said, its plan's index)


GROOMING = Market(
    solo="Mobile groomer",
    team="Grooming salon",
    profile=ProductProfile(
        name="PawBook",
        pricing=[
            "Solo plan: $29 a month for one groomer.",
            "Salon plan: $18 per groomer a month for grooming salons.",
            "There is no setup fee.",
        ],
        features=["Clients book grooms online from a link."],
    ),
    worries=[
        ("Mobile groomer", "Twenty-nine a month plus fees is a lot when a groom is forty.", 0),
        ("Grooming salon", "Another app quoted us eleven per groomer and you're at eighteen.", 1),
        ("Grooming salon", "That's more than our salon pays for the diary we have now.", 1),
    ],
)
PHYSIO = Market(
    solo="Sole practitioner",
    team="Physio clinic",
    profile=ProductProfile(
        name="MoveNotes",
        pricing=[
            "Practitioner plan: $35 a month for one practitioner.",
            "Clinic plan: $22 per practitioner a month for clinics.",
            "Setup is free.",
        ],
        features=["Patients book and pay online."],
    ),
    worries=[
        ("Sole practitioner", "Thirty-five dollars a month is steep when it's only me.", 0),
        ("Physio clinic", "We pay fifteen a head now and you want twenty-two.", 1),
        ("Physio clinic", "That's a lot more than the clinic budgets for software.", 1),
    ],
)
CLEANING = Market(
    solo="Independent cleaner",
    team="Cleaning company",
    profile=ProductProfile(
        name="SparkRota",
        pricing=[
            "Independent plan: $15 a month for one cleaner.",
            "Company plan: $9 per cleaner a month for cleaning companies.",
            "There are no onboarding fees.",
        ],
        features=["Jobs are scheduled and invoiced from one app."],
    ),
    worries=[
        ("Independent cleaner", "Fifteen dollars a month eats into what I make on a clean.", 0),
        ("Cleaning company", "Nine a cleaner adds up fast with thirty cleaners.", 1),
        ("Cleaning company", "For a cleaning company our size it's more than we spend now.", 1),
    ],
)
MARKETS = [GROOMING, PHYSIO, CLEANING]


def _seed(ws: Workspace, embedder: Embedder, market: Market) -> list[int]:
    """One price theme per worry, each said on its own call of the buyer's segment."""
    ids = []
    with ws.session() as db:
        set_profile(db, market.profile)
        for n, (industry, text, _) in enumerate(market.worries, start=1):
            theme = theme_around(db, embedder, [text])
            _, [u] = _call(db, n, f"Account {n}", "open", "2026-03-01",
                           [("Pat", "buyer", text)], industry=industry)  # fmt: skip
            _mention(db, u, "objection", "price", theme)
            ids.append(theme.id)
    return ids


@pytest.mark.parametrize("doc_type", ["one-pager", "pricing-explainer"])
@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.team)
def test_a_price_worry_gets_the_price_of_its_buyers_plan(
    ws: Workspace, embedder: Embedder, market: Market, doc_type: str
) -> None:
    ids = _seed(ws, embedder, market)
    answers = facts_answering(ws, embedder, doc_type, ids)
    free = market.profile.pricing[2]
    for _, text, plan in market.worries:
        assert answers.get(text), (text, answers)
        assert answers[text][0] == market.profile.pricing[plan], (text, answers[text])
        assert free not in answers[text]


@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.team)
def test_an_faq_price_answer_states_a_plan_price_not_only_what_is_free(
    ws: Workspace, embedder: Embedder, market: Market
) -> None:
    ids = _seed(ws, embedder, market)
    answers = facts_answering(ws, embedder, "objection-faq", ids[:1])
    [facts] = answers.values()
    assert facts and facts[0] == market.profile.pricing[0]
    assert market.profile.pricing[2] not in facts


@pytest.mark.parametrize(
    ("fact", "free"),
    [
        ("There is no setup fee.", True),
        ("Setup is free.", True),
        ("There are no onboarding fees.", True),
        ("Card payments cost 1.4% + 20p; bank transfers are marked paid at no charge.", False),
        ("Annual plans get two months free.", False),
        ("£19 a month for one instructor.", False),
    ],
)
def test_only_a_fact_stating_no_figure_says_something_is_free(fact: str, free: bool) -> None:
    assert says_free(fact) is free


@pytest.mark.parametrize(
    ("fact", "gives"),
    [
        ("Card payments cost 1.4% + 20p; bank transfers are marked paid at no charge.", False),
        ("Payouts cost 2.9% + 30c, and refunds are returned at no extra charge.", False),
        ("$12 a seat, with training included at no extra charge.", False),
        ("The seat price is paid back by one extra placement a year.", True),
        ("Data migration is included at no extra charge.", True),
    ],
)
def test_a_price_list_charge_is_no_value_answer(fact: str, gives: bool) -> None:
    [parsed] = profile_facts(ProductProfile(name="X", pricing=[fact]))
    assert gives_value(parsed) is gives
