"""An SEO brief that is not about a rival targets the buyer's problem or our kind of product,
never a rival's brand: a rival its buyers named is at most a secondary "alternative to"
keyword.

Why: a general brief's target keyword was "requiem desk" and its title "Requiem Desk: what
buyers ask before they buy", a competitor's name, because it was the only phrase its buyers
repeated."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.seo_keywords import target_keywords
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

# (rival, phrases its buyers repeated, the general one among them or None)
PHRASES = [
    ("Harbour Desk", ["harbour desk", "berth renewals"], "berth renewals"),
    ("Field Ledger", ["field ledger", "field ledger export"], None),
    ("Vet Diary", ["vet diary", "vaccine reminders", "vet diary contract"], "vaccine reminders"),
    ("Pest Route", ["pest route"], None),
    ("Donor Hub", ["gift aid claims", "donor hub"], "gift aid claims"),
    ("Class Pass", ["class pass", "class pass pricing"], None),
    ("Clinic Book", ["clinic book", "online booking"], "online booking"),
    ("Agency Flow", ["agency flow", "client sign-off"], "client sign-off"),
    ("Farm Track", ["farm track"], None),
    ("School Post", ["school post", "parent messages"], "parent messages"),
]


@pytest.mark.parametrize(("rival", "phrases", "general"), PHRASES)
def test_a_general_brief_names_a_rival_only_as_an_alternative(
    rival: str, phrases: list[str], general: str | None
) -> None:
    found = target_keywords(phrases, [rival], about_rival=False)
    assert f"alternative to {rival.lower()}" in found
    naming = [p for p in found if rival.lower() in p]
    assert naming == [f"alternative to {rival.lower()}"], found
    assert found[0] == (general or f"alternative to {rival.lower()}")


@pytest.mark.parametrize(("rival", "phrases", "general"), PHRASES[:4])
def test_a_brief_about_the_rival_keeps_its_phrases(
    rival: str, phrases: list[str], general: str | None
) -> None:
    assert target_keywords(phrases, [rival], about_rival=True) == phrases


class Market(NamedTuple):
    rival: str
    pitch: str
    said: list[str]  # lines naming the rival: its name is the only phrase they share
    audience: str  # the target a searcher types for our kind of product


MARKETS = [
    Market(
        "Harbour Desk",
        "Berth bookings and invoicing for independent marinas.",
        [
            "We pay Harbour Desk every April for the licence.",
            "The skippers know Harbour Desk well enough by now.",
        ],
        "independent marina software",
    ),
    Market(
        "Field Ledger",
        "Spray records and payroll for family farms.",
        [
            "Our agronomist set up Field Ledger years ago.",
            "Moving off Field Ledger means retyping the crop history.",
        ],
        "family farm software",
    ),
    Market(
        "Vet Diary",
        "Appointments and reminders for mobile vets.",
        [
            "Vet Diary sends the vaccine texts for us already.",
            "Half the nurses only ever learnt Vet Diary on the job.",
        ],
        "mobile vet software",
    ),
]


@pytest.fixture
def brief(tmp_path: Path, request: pytest.FixtureRequest) -> Iterator[tuple[Market, Any]]:
    market: Market = request.param
    ws = Workspace(make_settings(tmp_path / "data", competitors=[market.rival]))
    try:
        with ws.session() as db:
            profile = ProductProfile(name="Bookwise", pitch=market.pitch)
            set_profile(db, profile)
            theme = add_theme(db, "Switching from what we have", "switching")
            for n, text in enumerate(market.said, start=1):
                _, [turn] = _call(
                    db, n, f"Account {n}", "open", "2026-05-04", [("Pat", "buyer", text)]
                )
                _mention(db, turn, "objection", "switching", theme, competitor=market.rival)
            db.flush()
            document = generate_document(
                db, ws.settings, doc_type="seo-brief", cluster_ids=[theme.id], use_llm=False
            )
            yield market, document.structured["content"]
    finally:
        ws.close()


@pytest.mark.parametrize("brief", MARKETS, indirect=True, ids=lambda m: m.rival)
def test_a_brief_targets_our_kind_of_product_not_the_rival(brief: tuple[Market, Any]) -> None:
    market, content = brief
    rival = market.rival.lower()
    assert rival not in content["target_keyword"].lower(), content["target_keyword"]
    assert rival not in content["title"].lower(), content["title"]
    assert content["target_keyword"] == market.audience
    named = [k for k in content["secondary_keywords"] if rival in k.lower()]
    assert named == [f"alternative to {rival}"], content["secondary_keywords"]
