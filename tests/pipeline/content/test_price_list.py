"""A pricing explainer states every price and plan of the profile, grouped by the market each
is for, the markets its calls show first, then the plans for anyone; the value section does
not list them again.

Why: a review's marina pricing page listed A$279 and the club plan (the prices nearest its
quotes) and left out UK £149, Ireland €179, US $189 and the group plan."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.price_list import fact_markets, ordered
from pipeline.content.profile import ProductProfile, ProfileFact, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

UK, US, IE = "United Kingdom", "United States", "Ireland"
AU, NZ, CA = "Australia", "New Zealand", "Canada"


@pytest.mark.parametrize(
    ("text", "markets"),
    [
        ("UK: £149 a month per marina for up to 250 berths.", {UK}),
        ("Ireland: €179 a month per lab, billed in euro.", {IE}),
        ("US: $189 a month per taproom.", {US}),
        ("Australia and New Zealand: A$279 a month per school (NZ$299 in New Zealand).", {AU, NZ}),
        ("Canada: CAD 99 a month per depot.", {CA}),
        ("Salons in Ireland pay €39 a month per chair.", {IE}),
        # A plan priced in several markets' money, or for a size or kind: for any market.
        ("Club plan for volunteer-run clubs: £49 / €55 / A$89 a month.", set()),
        ("Group plan (four or more clinics): a quoted price per clinic.", set()),
        ("Monthly plans roll month to month; there is no multi-year contract.", set()),
        ("Registered charities get 10% off.", set()),
        ("Multi-site breweries: a quoted price per site.", set()),
    ],
)
def test_a_price_is_for_the_market_its_label_names(text: str, markets: set[str]) -> None:
    assert fact_markets(text) == markets


def _facts(*texts: tuple[str, str]) -> list[ProfileFact]:
    return [ProfileFact(n, section, text) for n, (section, text) in enumerate(texts, start=1)]


@pytest.mark.parametrize(
    ("shown", "order"),
    [
        (Counter({AU: 2, IE: 1}), [4, 2, 1, 3, 5, 6, 7]),  # the calls' markets first
        (Counter({US: 3}), [3, 1, 2, 4, 5, 6, 7]),
        (Counter(), [1, 2, 3, 4, 5, 6, 7]),  # none shown: the profile's order, plans last
        (Counter({UK: 1, US: 1}), [1, 3, 2, 4, 5, 6, 7]),  # a tie keeps the profile's order
        (Counter({NZ: 1}), [4, 1, 2, 3, 5, 6, 7]),  # one of a fact's markets is enough
    ],
)
def test_prices_are_grouped_by_market_the_calls_shown_first(
    shown: Counter[str], order: list[int]
) -> None:
    facts = _facts(
        ("pricing", "UK: £149 a month per site."),
        ("pricing", "Ireland: €179 a month per site."),
        ("pricing", "US: $189 a month per site."),
        ("pricing", "Australia and New Zealand: A$279 a month per site."),
        ("plans", "Monthly plans roll month to month."),
        ("pricing", "Group plan (four or more sites): a quoted price per site."),
        ("plans", "Groups can pilot one site for 60 days."),
    )
    found = [f.id for f in ordered(facts, shown)]
    # Market prices first, then the pricing list's plans, then plans and terms.
    assert found[:4] == order[:4]
    assert found[4:] == [6, 5, 7]


@dataclass(frozen=True)
class Trade:
    industry: str
    unit: str
    place: str  # a line saying where the buyer is
    worry: str  # their price worry
    market: str  # the market ``place`` shows


TRADES = [
    Trade("Dental labs", "lab", "We're a crown and bridge lab in Cork, Ireland.",
          "That's a lot of money for a lab our size.", "Ireland"),
    Trade("Breweries", "taproom", "Our taproom is in Asheville, North Carolina.",
          "That's more than our whole point-of-sale costs.", "US"),
    Trade("Schools", "school", "We're a primary school just outside Brisbane.",
          "That's steep for one school.", "Australia"),
    Trade("Logistics", "depot", "Our depot is in Leeds, we run forty vans.",
          "The price per depot is too high for us.", "UK"),
    Trade("Salons", "salon", "We've two salons in Dublin, Ireland.",
          "That's dear for a small salon.", "Ireland"),
    Trade("Clinics", "clinic", "We're a physio clinic in Lancashire.",
          "That's more than our diary costs.", "UK"),
]  # fmt: skip


def _profile(unit: str) -> ProductProfile:
    return ProductProfile(
        name="Tideway",
        pricing=[
            f"UK: £149 a month per {unit}.",
            f"Ireland: €179 a month per {unit}, billed in euro.",
            f"US: $189 a month per {unit}.",
            f"Australia: A$279 a month per {unit}, GST on top.",
            f"Group plan (four or more {unit}s): a quoted price per {unit}.",
        ],
        plans=["Monthly plans roll month to month; there is no multi-year contract."],
        features=["Bookings and invoices in one place."],
        onboarding=["Set-up takes about a week."],
    )


def _prices(ws: Workspace, embedder: Embedder, trade: Trade) -> tuple[list[str], str]:
    """The page's price list (texts, in order) and its Markdown."""
    with ws.session() as db:
        profile = _profile(trade.unit)
        set_profile(db, profile)
        theme = theme_around(db, embedder, [trade.worry])
        turns = [("Pat", "buyer", trade.place), ("Pat", "buyer", trade.worry)]
        _, [_p, said] = _call(db, 1, "Account 1", "open", "2026-03-01", turns, trade.industry)
        _mention(db, said, "objection", "price", theme)
        page = generate_document(
            db, ws.settings, doc_type="pricing-explainer", use_llm=False, embedder=embedder,
            cluster_ids=[theme.id],
        )  # fmt: skip
        text = {p["id"]: p["text"] for p in page.structured["evidence"]["profile"]}
        content = page.structured["content"]
        return [
            text[i] for point in content["prices"] for i in point["profile"]
        ], page.body_markdown


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_the_pricing_explainer_lists_every_price_and_plan(
    ws: Workspace, embedder: Embedder, trade: Trade
) -> None:
    profile = _profile(trade.unit)
    prices, body = _prices(ws, embedder, trade)
    assert sorted(prices) == sorted([*profile.pricing, *profile.plans])  # every one, once
    assert prices[0].startswith(f"{trade.market}:"), prices  # the calls' market first
    assert prices[-2:] == [profile.pricing[4], profile.plans[0]]  # the plans for anyone last
    assert profile.features[0] not in prices and profile.onboarding[0] not in prices
    value = body.split("## How to explain the value", 1)[-1].split("## Next step")[0]
    assert not any(price in value for price in prices)  # stated once, under "What it costs"
