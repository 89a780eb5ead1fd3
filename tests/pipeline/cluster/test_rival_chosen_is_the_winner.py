"""A rival theme is "chosen over us" only where a quote says this rival was chosen: a loss to
another rival in the same theme, a buyer also talking to it, or a complaint about it as the tool
they use today is none; and a quote stating what it offered ("who have offered us the first
three months free") names the theme, never "named, no reason given".

Why: a lift-maintenance walk's "Servicio: chosen over us" held the only loss, which went to
LiftPro Cloud, beside "we are also talking to Servicio, who have offered us the first three
months free" and a complaint about Servicio; re-clustered, that offer sat in "Servicio: named,
no reason given". Lines from a dog groomer, a van fleet and a window cleaner; named on the real
embedder.
"""

from __future__ import annotations

from functools import partial

import pytest

from pipeline.cluster.rival_themes import (
    CHOSEN,
    NAMED,
    held_theme_name,
    rival_aspects,
    theme_rival,
)
from pipeline.embed import Embedder
from tests.pipeline.cluster.test_rival_reasons_named import rival_theme_name

# the theme's rival, the rival the loss went to, the theme's quotes, the offer it must be named by
THEMES = [
    (
        "Kennelo",
        "PawDesk",
        [
            "Sorry, we went with PawDesk in the end.",
            "We're also talking to Kennelo, who have offered us two months free.",
            "We've been on Kennelo for years and the groomers can't stand it.",
        ],
        "offered two months free",
    ),
    (
        "FleetWise",
        "Trakr",
        [
            "To be upfront, the board picked Trakr on Monday.",
            "FleetWise, which has offered a free tracker per van, is still in the running.",
            "We've used FleetWise since 2019 and the drivers hate it.",
        ],
        "offered a free tracker per van",
    ),
    (
        "SquidgeCRM",
        "RoundPro",
        [
            "We've decided to go with RoundPro.",
            "We're also talking to SquidgeCRM, who offered us half price for the first year.",
            "We're on SquidgeCRM now and it keeps losing our rounds.",
        ],
        "offered half price",
    ),
]
RIVALS = ["Kennelo", "PawDesk", "FleetWise", "Trakr", "SquidgeCRM", "RoundPro"]


def _named(embedder: Embedder, quotes: list[str]) -> str:
    return rival_theme_name(embedder, quotes, RIVALS)


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_a_loss_to_another_rival_is_not_this_rivals_choice(
    rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    aspects = rival_aspects(quotes, [], RIVALS)
    assert CHOSEN not in aspects
    assert aspects[0] != NAMED and offer in aspects


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_the_theme_is_named_by_the_offer_not_by_a_choice(
    embedder: Embedder, rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    name = _named(embedder, quotes)
    assert name.startswith(f"{rival}: ") and CHOSEN not in name and NAMED not in name


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_an_offer_alone_is_a_reason_given(
    rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    assert rival_aspects([quotes[1]], [], RIVALS)[0] == offer


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_the_rival_chosen_is_still_chosen_over_us(
    rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    assert CHOSEN in rival_aspects([quotes[0]], [], RIVALS)


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_named_no_reason_given_gives_way_once_a_quote_gives_one(
    rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    """Named when its first quote gave no reason, the theme is renamed once one does: the name
    had held, being among the theme's names (the last)."""
    bare = f"{rival}: {NAMED}"
    held = partial(held_theme_name, competitors=RIVALS, category="competitor", kind="objection")
    assert held(bare, [f"Lost to {rival}.", f"{rival}."])
    assert not held(bare, [f"Lost to {rival}.", quotes[1]])
    assert held(f"{rival}: {offer}", [f"Lost to {rival}.", quotes[1]])


@pytest.mark.parametrize(("rival", "winner", "quotes", "offer"), THEMES)
def test_two_rivals_named_as_often_make_the_chosen_ones_theme(
    rival: str, winner: str, quotes: list[str], offer: str
) -> None:
    """A loss to one beside a line on the other had been the other's (the names' order broke
    the tie) and named "<other>: named, no reason given"; with no choice said, neither's."""
    assert theme_rival([quotes[0], f"Engineers hate the {rival} app"], RIVALS) == winner
    assert theme_rival([f"We looked at {winner}.", f"The {rival} app is slow."], RIVALS) is None
