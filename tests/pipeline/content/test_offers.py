"""A price or plan written for some buyers answers only those buyers, and theirs is the better
answer: a price for one market ("UK: £95 a month") to that market's buyers (the market their
calls name, their currency), a plan for a size to buyers whose calls give that size, a discount
for a kind of customer to buyers whose calls say they are one.

Why: review 27 (funeral homes) answered a British buyer's "more than we pay now" with "US: $129
a month", a one-home business's "real money" with the plan "for five or more locations", and
never gave a charity burial ground the charity discount."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Quote
from pipeline.content.offers import buyer_of, eligible, offer_rank
from pipeline.content.profile import (
    ProductProfile,
    ProfileFact,
    profile_facts,
    set_profile,
    stated_price,
)
from pipeline.content.scope import regions_named, speaks_to
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, facts_answering, theme_around

UK, US, AU = frozenset({"United Kingdom"}), frozenset({"United States"}), frozenset({"Australia"})


@pytest.mark.parametrize(
    ("fact", "markets", "speaks"),
    [
        ("US: $129 a month per location, or $1,290 a year.", UK, False),
        ("US: $129 a month per location, or $1,290 a year.", US, True),
        ("UK: £95 a month per branch.", US, False),
        ("Australian pest controllers: $149 a month per van.", UK, False),
        ("Australian pest controllers: $149 a month per van.", AU, True),
        ("US marinas pay $3 a berth a month.", AU, False),
        ("Canada: $89 per clinic a month.", US, False),
        # Written for two markets, or for none: said to any buyer.
        ("Solo plan $79 a month; group plan $299 (CAD 399).", UK, True),
        ("Pro is $99 (US) or AUD 129 in Australia.", UK, True),
        ("Farm plan: $40 a month per farm.", UK, True),
        ("School plan: $300 a month per school.", frozenset(), True),
    ],
)
def test_a_price_for_one_market_speaks_to_its_buyers_only(
    fact: str, markets: frozenset[str], speaks: bool
) -> None:
    assert speaks_to(fact, markets) is speaks


@pytest.mark.parametrize(
    ("said", "markets"),
    [
        ("Ninety-five pounds a month per branch, so a hundred and ninety.", UK),
        ("It's forty pounds a month per seat for the dispatchers.", UK),
        ("Twelve pounds a week per site is fine.", UK),
        ("Sixty pounds per licence, same as the old one.", UK),
        # A pound of weight by the month, or pounds with nothing counted: no market.
        ("We go through forty pounds a month of bait.", frozenset()),
        ("The bull put on two hundred pounds a year.", frozenset()),
    ],
)
def test_a_price_in_pounds_per_site_names_the_uk(said: str, markets: frozenset[str]) -> None:
    assert regions_named(said) == markets


GROUP = "Group plan (five or more locations, or a crematory): flat price per location, quoted."


@pytest.mark.parametrize(
    ("fact", "said", "meets"),
    [
        (GROUP, ["Each of the seven branches runs its own copy."], True),
        (GROUP, ["Four funeral homes and the crematory."], True),
        (GROUP, ["A hundred and twenty-nine a month is real money."], False),
        (GROUP, ["We have two branches."], False),
        ("Fleet plan for ten or more vans: $40 a van.", ["We run twelve vans."], True),
        ("Fleet plan for ten or more vans: $40 a van.", ["That's a lot for us."], False),
        ("Multi-site plan for 3+ sites and over 40 users.", ["We're one site, 60 staff."], False),
        ("Studio plan for 10 or more users: $12 a user.", ["We're twenty staff."], True),
        ("Registered charities get 10% off.", ["We're a registered charity."], True),
        (
            "Registered charities get 10% off.",
            ["Is there a cheaper tier, like for charities?"],
            True,
        ),
        ("Registered charities get 10% off.", ["We're a family-run pest control firm."], False),
        ("Schools and colleges get 20% off.", ["Our school has six hundred pupils."], True),
        ("Schools and colleges get 20% off.", ["Our clinic is open six days."], False),
        ("A 15% discount for non-profits.", ["As a non-profit we watch every dollar."], True),
        ("A 15% discount for non-profits.", ["Our farm shop pays for itself."], False),
        ("Free for teams up to 10 users.", ["Too dear for us."], True),  # no size against it
        ("Free for teams up to 10 users.", ["We have 35 techs."], False),
        # No condition: for anyone.
        ("Annual plans get two months free.", ["That's steep."], None),
        ("Customers paying annually get 10% off.", ["That's steep."], None),
        ("$40 a month per site.", ["That's steep."], None),
    ],
)
def test_an_offer_holds_for_buyers_whose_calls_show_its_condition(
    fact: str, said: list[str], meets: bool | None
) -> None:
    assert eligible(ProfileFact(1, "pricing", fact), buyer_of(said)) is meets


@pytest.mark.parametrize(
    ("fact", "said", "industry", "meets"),
    [
        ("Community clinics get 10% off.", "We're a physio clinic in town.", "Clinics", False),
        ("Community clinics get 10% off.", "We're a community clinic run by volunteers.",
         "Clinics", True),
        ("Family-run farms get 15% off.", "Our farm grows barley.", "Farms", False),
        ("Family-run farms get 15% off.", "We're a family-run farm.", "Farms", True),
        ("Independent schools get 20% off.", "Our school has six hundred pupils.", "Schools",
         False),
        ("Independent schools get 20% off.", "We're an independent school.", "Schools", True),
        # A kind that is not their trade: its last word is enough.
        ("Registered charities get 10% off.", "We're a charity.", "Pest control", True),
    ],
)  # fmt: skip
def test_a_kind_named_by_the_buyers_own_trade_needs_its_qualifier(
    fact: str, said: str, industry: str, meets: bool
) -> None:
    """Every clinic says "clinic": "community clinics" are whom a clinic must say it is."""
    buyer = buyer_of([said], None, [industry])
    assert eligible(ProfileFact(1, "pricing", fact), buyer) is meets


def test_a_fact_of_another_list_is_no_offer() -> None:
    proof = ProfileFact(1, "proof_points", "Agencies with 10 or more users cut admin by half.")
    assert eligible(proof, buyer_of(["That's steep."])) is None


@dataclass(frozen=True)
class Market:
    industry: str
    profile: ProductProfile  # pricing: UK price, US price, group plan, a kind's discount
    uk: tuple[str, str]  # (the worry, another line of the call naming the UK)
    small: tuple[str, str]  # (the worry, another line naming the US, and no size)
    kind: tuple[str, str]  # (the worry, another line saying they are the discount's kind)


def _profile(
    name: str, uk: str, us: str, group: str, discount: str, feature: str
) -> ProductProfile:
    return ProductProfile(name=name, pricing=[uk, us, group, discount], features=[feature])


MARKETS = [
    Market(
        "Pest control",
        _profile(
            "BugRoute",
            "UK: £49 a month per van.",
            "US: $65 a month per truck.",
            "Fleet plan (ten or more vans): a flat price per van, quoted.",
            "Registered charities and housing associations get 15% off.",
            "Routes are planned from the day's jobs.",
        ),
        ("That's more than the route planner costs us now.", "Most of our jobs are in England."),
        ("That's real money for a business like ours.", "We invoice everything in USD."),
        (
            "The monthly fee is a stretch for us.",
            "We're a housing association, so it goes to the board.",
        ),
    ),
    Market(
        "Marinas",
        _profile(
            "BerthBook",
            "UK: £120 a month per marina.",
            "US: $150 a month per marina.",
            "Group plan (three or more marinas): a flat price per marina, quoted.",
            "Sailing clubs and registered charities get 20% off.",
            "Berth holders pay their fees online.",
        ),
        (
            "That's more than the harbour software we have now.",
            "We're the biggest marina in Wales.",
        ),
        ("That's a big number for one yard.", "Half our berth holders are American."),
        ("The fee is a lot for a small outfit.", "We're a sailing club run by volunteers."),
    ),
    Market(
        "Clinics",
        _profile(
            "MoveNotes",
            "UK: £60 a month per clinic.",
            "US: $79 a month per clinic.",
            "Group plan (four or more clinics): a flat price per clinic, quoted.",
            "Non-profits and community clinics get 10% off.",
            "Patients book and pay online.",
        ),
        ("That's more than our diary costs.", "We bill patients in GBP."),
        ("That's a lot of money for us.", "Our patients pay in US dollars, US$ only."),
        ("The price is hard for us to find.", "We're a non-profit, funded by grants."),
    ),
]


def _seed(ws: Workspace, embedder: Embedder, market: Market) -> list[int]:
    """One price theme per worry, each said on its own call with the line beside it."""
    ids = []
    with ws.session() as db:
        set_profile(db, market.profile)
        for n, (worry, beside) in enumerate([market.uk, market.small, market.kind], start=1):
            theme = theme_around(db, embedder, [worry])
            turns = [("Pat", "buyer", beside), ("Pat", "buyer", worry)]
            _, [_b, u] = _call(db, n, f"Account {n}", "open", "2026-03-01", turns,
                               industry=market.industry)  # fmt: skip
            _mention(db, u, "objection", "price", theme)
            ids.append(theme.id)
    return ids


@pytest.mark.parametrize("doc_type", ["one-pager", "pricing-explainer"])
@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.industry)
def test_a_price_worry_gets_the_offer_for_whom_its_buyer_is(
    ws: Workspace, embedder: Embedder, market: Market, doc_type: str
) -> None:
    uk, us, group, discount = market.profile.pricing
    answers = facts_answering(ws, embedder, doc_type, _seed(ws, embedder, market))
    assert answers[market.uk[0]][:1] == [uk]  # their market's price, not the other's
    assert answers[market.small[0]][:1] == [us]  # no plan for a size they are not shown to be
    assert group not in answers[market.small[0]] and uk not in answers[market.small[0]]
    assert answers[market.kind[0]][:1] == [discount]


def _rival_page(said: str, markets: frozenset[str], profile: ProductProfile) -> str:
    """Our side of the price row of a comparison with Rivalco, its one quote from a buyer
    whose calls name ``markets``."""
    quote = Quote(
        id=1, text=said, role="buyer", kind="objection", call_id=1, utterance_id=1,
        mention_id=1, call_date=dt.date(2026, 4, 1), account="Acme", outcome="open",
        speaker="Jo", cluster_id=None, competitor="Rivalco", category="price",
    )  # fmt: skip
    page = comparison(
        Evidence(
            clusters=[], quotes=[quote], phrases=[], facts=[], competitor="Rivalco",
            rival_forms=("Rivalco",), product=profile.name, profile=profile_facts(profile),
            rival_said=frozenset({1}), buyers={1: buyer_of([said], markets)},
        )
    )  # fmt: skip
    return next(row.us for row in page.rows if 1 in row.citations)


@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.industry)
def test_a_rivals_price_row_gets_the_price_of_the_buyers_market(market: Market) -> None:
    uk, us, _, _ = market.profile.pricing
    said = "Rivalco is cheaper than you, they came in at forty a month."
    assert _rival_page(said, UK, market.profile) == uk
    assert _rival_page(said, US, market.profile) == us


@pytest.mark.parametrize(
    ("fact", "price"),
    [
        ("UK: £49 a month per van, or £490 a year paid annually (two months free).", 49.0),
        ("First month free, then $20 a month per berth.", 20.0),
        ("$300 a month per school; 30 days free to try.", 300.0),
        ("Annual billing: 12 weeks free on the farm plan.", float("inf")),
        ("A clinic pays £60 a month, and the first week free.", 60.0),
        # What costs nothing is still free.
        ("Setup is free.", 0.0),
        ("Hardware is included at no charge; $79 a device month to month.", 0.0),
        ("There is no setup fee.", 0.0),
    ],
)
def test_a_free_period_is_no_free_price(fact: str, price: float) -> None:
    """A free period of a priced plan is no free price: "(two months free)" had made review
    27's UK price read as costing nothing, so no price worry was answered with it."""
    assert stated_price(fact) == price


@pytest.mark.parametrize(
    ("theirs", "price", "said"),
    [
        ("Fleet plan (ten or more vans): a flat price per van, quoted.",
         "UK: £49 a month per van.", "We run twelve vans out of Leeds."),
        ("Group plan (four or more clinics): a flat price per clinic, quoted.",
         "UK: £60 a month per clinic.", "We have five clinics across Wales."),
        ("Schools and academies get 20% off.", "UK: £300 a month per school.",
         "Our school is in Glasgow."),
        ("Registered charities get 10% off.", "UK: £95 a month per site.",
         "We're a registered charity in Cardiff."),
        ("Multi-site plan for 3+ locations: $45 a month per location.",
         "UK: £40 a month per location.", "Our three locations are all in England."),
    ],
)  # fmt: skip
def test_an_offer_for_whom_they_are_comes_before_their_markets_price(
    theirs: str, price: str, said: str
) -> None:
    """A group of seven in the UK is answered with the group plan before the UK price for one
    site; the UK price before a fact for anyone."""
    buyer = buyer_of([said])
    ranks = [
        offer_rank(ProfileFact(n, "pricing", t), [buyer])
        for n, t in enumerate([theirs, price, "Cancel any time."])
    ]
    assert ranks[0] < ranks[1] < ranks[2] == 0
