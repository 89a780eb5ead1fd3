"""Our payroll partner is not a rival: "We use LedgerLeaf." had put LedgerLeaf (named in our
profile's integrations) among the competitors the pages offer, and its comparison page, whose
one quote came from a won deal, failed with a validation error (HTTP 500)."""

from __future__ import annotations

import pytest

from pipeline.cluster.rivals import known_competitors
from pipeline.cluster.rows import load_rows
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.dashboard import competitor_mentions
from pipeline.detect.competitors import GUESSED_RIVAL_CONFIDENCE, KNOWN_RIVAL_CONFIDENCE
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
        guessed = _mention(db, turns[0], "competitor", None, None, competitor="LedgerLeaf")
        guessed.confidence = GUESSED_RIVAL_CONFIDENCE  # no one configured it: a guess
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


CREWDESK = ProductProfile(
    name="Crewdesk",
    pitch="Quoting and job scheduling for roofing crews; we work as a team with your office.",
    pricing=["Team plan: three users for $149 a month."],
    plans=[],
    features=["Roof layouts drawn from SkyTiles imagery in minutes."],
    integrations=["Two-way JobJuggler sync: a signed quote becomes a job."],
    security=[],
    onboarding=["We import open jobs from RoofRight in the first week."],
    proof_points=[],
)


def test_a_plan_or_data_source_of_ours_is_no_rival_but_a_configured_rival_stays(
    ws: Workspace,
) -> None:
    """A buyer's "4 seats on Team plan" (our plan) and "We pay for SkyTiles" (imagery our
    layouts read) are no rivals; JobJuggler, configured and also an integration, stays."""
    with ws.session() as db:
        theme = add_theme(db, "Too dear", "dear")
        _, turns = _call(
            db,
            1,
            "Hilltop Roofing",
            "won",
            "2026-05-04",
            turns=[
                ("Ana", "buyer", "4 seats on Team plan, annual."),
                ("Ana", "buyer", "We pay for SkyTiles separately."),
                ("Ana", "buyer", "We run every job in JobJuggler."),
                ("Ana", "buyer", "We're on RoofRight and it's clunky."),
                ("Ana", "buyer", "It's too dear for us."),
            ],
        )
        _mention(db, turns[4], "objection", "price", theme)
        for turn, name, confidence in (
            (turns[0], "Team", GUESSED_RIVAL_CONFIDENCE),
            (turns[1], "SkyTiles", GUESSED_RIVAL_CONFIDENCE),
            (turns[2], "JobJuggler", KNOWN_RIVAL_CONFIDENCE),  # configured
            (turns[3], "RoofRight", GUESSED_RIVAL_CONFIDENCE),
        ):
            _mention(db, turn, "competitor", None, None, competitor=name).confidence = confidence
        db.flush()
        before = [row.name for row in competitor_mentions(db)]
        set_profile(db, CREWDESK)
        after = [row.name for row in competitor_mentions(db)]
        named = known_competitors(db)
        (price,) = load_rows(db, cluster_ids=[theme.id])
    assert before == ["JobJuggler", "RoofRight", "SkyTiles", "Team"]
    assert after == ["JobJuggler", "RoofRight"]  # RoofRight: we import from it, a rival
    assert named == ["JobJuggler", "RoofRight"]
    assert price.call_competitors == ("JobJuggler", "RoofRight")  # "on these calls"


def test_a_product_of_a_maker_our_profile_integrates_with_is_no_rival(ws: Workspace) -> None:
    """Review 23m: the profile integrates with "ConnectWise Manage"; the buyer's "ConnectWise
    Automate" and its short name "Automate" had been guessed rivals on the dashboard and the
    cluster pages. Invented here as a booking tool's profile naming one product of a maker."""
    profile = PROFILE.model_copy(
        update={"integrations": ["Opens a Harbourline Desk ticket for every failed booking."]}
    )
    with ws.session() as db:
        _, turns = _call(
            db,
            1,
            "Marlow Dental",
            "open",
            "2026-08-03",
            turns=[
                ("Jo", "buyer", "We run Harbourline Rota for the nurses."),
                ("Jo", "buyer", "Nobody looks at anything on top of Rota."),
                ("Jo", "buyer", "We've been trialling Tempo, it's cheaper."),
            ],
        )
        for turn, name in zip(turns, ("Harbourline Rota", "Rota", "Tempo"), strict=True):
            _mention(
                db, turn, "competitor", None, None, competitor=name
            ).confidence = GUESSED_RIVAL_CONFIDENCE
        db.flush()
        before = known_competitors(db)
        set_profile(db, profile)
        assert known_competitors(db) == ["Tempo"]
        assert [row.name for row in competitor_mentions(db)] == ["Tempo"]
    assert before == ["Harbourline Rota", "Rota", "Tempo"]


@pytest.mark.parametrize(
    ("integration", "onboarding", "partner", "rival"),
    [
        (  # trucking: the ELDs whose miles we read
            "Imports driver logs and GPS miles from Trakwell and Roadlog ELDs.",
            "We import two years of loads from FleetPad exports at no cost.",
            "Roadlog",
            "FleetPad",
        ),
        (  # dental: the imaging suite whose X-rays we show
            "Brings X-rays and charts from Radiview into every appointment.",
            "We bring your patient list over from ChairBook in a day.",
            "Radiview",
            "ChairBook",
        ),
        (  # salons: the card terminal whose takings we pull
            "Imports the day's takings and tips from Tillo card readers.",
            "Migrating from Glossbook? We import every client card from it.",
            "Tillo",
            "Glossbook",
        ),
    ],
)
def test_a_partner_we_import_from_is_no_rival_but_one_we_import_on_arrival_is(
    ws: Workspace, integration: str, onboarding: str, partner: str, rival: str
) -> None:
    """Walk 6: the integrations' "Imports ... GPS miles from Samsara, Motive" had been read as
    what we replace, so both ELD partners were competitors on the dashboard and pages. An
    import is a migration only where the profile tells of coming over to us (onboarding)."""
    profile = PROFILE.model_copy(update={"integrations": [integration], "onboarding": [onboarding]})
    with ws.session() as db:
        _, turns = _call(
            db,
            1,
            "Any Account",
            "open",
            "2026-09-01",
            turns=[
                ("Kim", "buyer", f"We're on {partner} for that."),
                ("Kim", "buyer", f"We use {rival} today."),
            ],
        )
        for turn, name in zip(turns, (partner, rival), strict=True):
            _mention(
                db, turn, "competitor", None, None, competitor=name
            ).confidence = GUESSED_RIVAL_CONFIDENCE
        set_profile(db, profile)
        assert known_competitors(db) == [rival]
        assert [row.name for row in competitor_mentions(db)] == [rival]
