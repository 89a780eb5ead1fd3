"""Our payroll partner is not a rival: "We use LedgerLeaf." had put LedgerLeaf (named in our
profile's integrations) among the competitors the pages offer, and its comparison page, whose
one quote came from a won deal, failed with a validation error (HTTP 500)."""

from __future__ import annotations

import pytest

from pipeline.cluster.rivals import known_competitors
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.dashboard import competitor_mentions
from pipeline.errors import BadInput
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

PROFILE = ProductProfile(
    name="Shiftwise",
    pricing=["$49 a month base plus $4 per active user."],
    plans=[],
    features=[],
    integrations=["Native push of approved hours to LedgerLeaf payroll."],
    security=[],
    onboarding=["We migrate staff and hours from ClockBee for free."],
    proof_points=[],
)


def _seed(ws: Workspace) -> None:
    with ws.session() as db:
        theme = add_theme(db, "Too expensive", "expensive")
        _, turns = _call(
            db,
            1,
            "Ironworks Gym",
            "won",
            "2026-07-16",
            turns=[
                ("Dana", "buyer", "We use LedgerLeaf."),
                ("Sam Rivera", "rep", "Great, we push hours straight into it."),
                ("Dana", "buyer", "ClockBee is free for us, so it's a hard sell."),
                ("Sam Rivera", "rep", "We'd move your ClockBee hours over for free."),
                ("Dana", "buyer", "It's too expensive for a team our size."),
            ],
        )
        _mention(db, turns[0], "competitor", None, None, competitor="LedgerLeaf")
        _mention(db, turns[2], "competitor", None, None, competitor="ClockBee")
        _mention(db, turns[2], "objection", "competitor", theme).competitor = "ClockBee"
        _mention(db, turns[4], "objection", "price", theme)
        set_profile(db, PROFILE)


def test_a_name_our_profile_integrates_with_is_not_a_competitor(ws: Workspace) -> None:
    _seed(ws)
    with ws.session() as db:
        # ClockBee is named in our onboarding (we migrate from it): still a rival.
        assert known_competitors(db) == ["ClockBee"]
        assert [row.name for row in competitor_mentions(db)] == ["ClockBee"]  # the dashboard
        set_profile(db, PROFILE.model_copy(update={"integrations": []}))
        assert known_competitors(db) == ["ClockBee", "LedgerLeaf"]


def test_a_comparison_whose_quotes_are_all_from_won_deals_builds(ws: Workspace) -> None:
    _seed(ws)
    with ws.session() as db:
        document = generate_document(
            db, ws.settings, doc_type="comparison", competitor="ClockBee", use_llm=False
        )
        title, body = document.title, document.body_markdown
        with pytest.raises(BadInput, match="ledgerleaf is named in our product profile"):
            generate_document(db, ws.settings, doc_type="comparison", competitor="ledgerleaf")
    assert title == "Shiftwise vs ClockBee"
    assert "ClockBee is free for us" in body
