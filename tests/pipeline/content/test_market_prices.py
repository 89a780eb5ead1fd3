"""A generated page (no LLM) answers each buyer's price worry with the price for the market
their calls show they are in: a US buyer who names only their state or city gets the US price,
as a British buyer gets the UK one, and a buyer who needs the portal in Spanish is no Spain
buyer.

Why: held-out funeral-home calls had "half our families are Spanish-speaking" read as a Spain
buyer, and US buyers who said "Louisiana EDRS" read as of no market, so the page's British
calls made it answer them with the UK price."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, facts_answering, theme_around


@dataclass(frozen=True)
class Trade:
    industry: str
    unit: str  # what a price is per
    uk: tuple[str, str]  # (a line saying where a British buyer is, their price worry)
    us: tuple[str, str]  # (a line naming only a US place, their price worry)
    spanish: tuple[str, str]  # (a US buyer needing Spanish, their price worry)


TRADES = [
    Trade(
        "Marinas", "marina",
        ("We're the only marina on the Yorkshire coast.", "That's more than our berth software."),
        ("Our two yards are on Lake Michigan, just outside Milwaukee.",
         "That's a big number for a yard our size."),
        ("Half our berth holders only speak Spanish. We're in Corpus Christi, Texas.",
         "That's a lot of money for a marina our size."),
    ),
    Trade(
        "Dental labs", "lab",
        ("We're a small lab in Lancashire.", "That's steep for a lab our size."),
        ("We do crowns for about forty practices across Ohio.",
         "The price per lab is too high for us."),
        ("Our technicians mostly speak Spanish. We're in Phoenix, Arizona.",
         "That's a lot of money each month."),
    ),
    Trade(
        "Breweries", "taproom",
        ("We brew in Glasgow and sell across Scotland.", "That's dear for one taproom."),
        ("Our taproom is in Asheville, North Carolina.",
         "That's more than our whole point-of-sale costs."),
        ("Half our staff speak Spanish at the taproom. We're in San Antonio, Texas.",
         "That's too much for a taproom our size."),
    ),
]  # fmt: skip


def _profile(trade: Trade) -> ProductProfile:
    unit = trade.unit
    return ProductProfile(
        name="Tideway",
        pricing=[
            f"UK: £95 a month per {unit}.",
            f"Spain: €89 a month per {unit}.",
            f"US: $129 a month per {unit}.",
        ],
        features=["Bookings and invoices in one place."],
    )


def _seed(ws: Workspace, embedder: Embedder, trade: Trade) -> list[int]:
    """One price theme per buyer, each worry said on its own call with the line beside it."""
    ids = []
    with ws.session() as db:
        set_profile(db, _profile(trade))
        for n, (beside, worry) in enumerate([trade.uk, trade.us, trade.spanish], start=1):
            theme = theme_around(db, embedder, [worry])
            turns = [("Pat", "buyer", beside), ("Pat", "buyer", worry)]
            _, [_b, u] = _call(db, n, f"Account {n}", "open", "2026-03-01", turns,
                               industry=trade.industry)  # fmt: skip
            _mention(db, u, "objection", "price", theme)
            ids.append(theme.id)
    return ids


@pytest.mark.parametrize("doc_type", ["pricing-explainer", "one-pager"])
@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_us_buyer_gets_the_us_price_as_a_uk_buyer_gets_the_uk_one(
    ws: Workspace, embedder: Embedder, trade: Trade, doc_type: str
) -> None:
    uk, spain, us = _profile(trade).pricing
    answers = facts_answering(ws, embedder, doc_type, _seed(ws, embedder, trade))
    assert answers[trade.uk[1]][:1] == [uk]
    for worry in (trade.us[1], trade.spanish[1]):
        assert answers[worry][:1] == [us]
        assert uk not in answers[worry] and spain not in answers[worry]
