""" "HCP" and "Housecall Pro" are one competitor end to end: ingest, detection, comparison.

Why: a reviewer's calls said "HCP" on two calls and "Housecall Pro" on three; the filters and
the dashboard listed two competitors and the comparison page quoted half the calls."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import select

from pipeline.analysis.corrections import redetect_all
from pipeline.cluster.rivals import known_competitors
from pipeline.content.generate import generate_document
from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings

CALL = b"""Maya Chen: Thanks for making the time. What are you using for dispatch today?
Dana Ruiz: We're on HCP right now and honestly HCP is cheaper than what you quoted.
Maya Chen: Understood. We move your jobs over for free.
Dana Ruiz: Housecall Pro took us a month to set up, so switching again worries me.
"""


def test_an_alias_is_the_competitors_one_name(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(
        tmp_path / "data",
        competitor_aliases={"HCP": "Housecall Pro"},
        our_company="Dispatchly",
    )
    workspace = Workspace(settings, embedder=embedder)
    try:
        [result] = ingest_bytes(
            workspace,
            CALL,
            "ruiz.txt",
            CallMetadata(
                our_speakers="Maya Chen", competitors="hcp; HouseCall-Pro", outcome="lost"
            ),
        )
        assert result.status == "created"
        with workspace.session() as db:
            call = db.scalars(select(Call)).one()
            assert call.competitors == ["Housecall Pro"]
            named = set(
                db.scalars(select(Mention.competitor).where(Mention.competitor.is_not(None)))
            )
            assert named == {"Housecall Pro"}
            assert known_competitors(db) == ["Housecall Pro"]
            document = generate_document(
                db, settings, doc_type="comparison", competitor="HCP", use_llm=False
            )
            assert document.competitor == "Housecall Pro"
            assert document.title.endswith("Housecall Pro")
            assert "HCP is cheaper" in document.body_markdown
    finally:
        workspace.close()


def test_an_alias_added_later_applies_at_redetect(tmp_path: Path, embedder: Embedder) -> None:
    before = make_settings(tmp_path / "data", our_company="Dispatchly")
    workspace = Workspace(before, embedder=embedder)
    try:
        metadata = CallMetadata(our_speakers="Maya Chen", competitors="HCP")  # type: ignore[arg-type]
        ingest_bytes(workspace, CALL, "ruiz.txt", metadata)
        with workspace.session() as db:
            assert db.scalars(select(Call.competitors)).one() == ["HCP"]
    finally:
        workspace.close()
    after = before.model_copy(update={"competitor_aliases": {"HCP": "Housecall Pro"}})
    workspace = Workspace(after, embedder=embedder)
    try:
        redetect_all(workspace)
        with workspace.session() as db:
            assert db.scalars(select(Call.competitors)).one() == ["Housecall Pro"]
            assert known_competitors(db) == ["Housecall Pro"]
    finally:
        workspace.close()


def test_a_short_name_of_one_rival_is_its_fuller_name(tmp_path: Path, embedder: Embedder) -> None:
    """Nothing configured: "eighteen vans on Verizon Connect" and "before we cancel Verizon"
    had been two rivals on the dashboard."""
    from pipeline.rival_names import fuller_names

    assert fuller_names(["Verizon", "Verizon Connect", "Samsara"]) == {"Verizon": "Verizon Connect"}
    assert fuller_names(["Microsoft", "Microsoft Teams", "Microsoft Dynamics"]) == {}
    said = (
        b"Jordan Hayes: What do you run today?\n"
        b"Rick Alvarez: Yeah, eighteen vans on Verizon Connect, and it doesn't talk to "
        b"ServiceTitan.\n"
        b"Jordan Hayes: Got it.\n"
        b"Rick Alvarez: I want to see it working before we cancel Verizon, the fee is ten grand.\n"
    )
    workspace = Workspace(make_settings(tmp_path / "data", our_company="FleetPilot"),
                          embedder=embedder)  # fmt: skip
    try:
        ingest_bytes(workspace, said, "summit.txt", CallMetadata(our_speakers="Jordan Hayes"))
        with workspace.session() as db:
            named = set(
                db.scalars(select(Mention.competitor).where(Mention.competitor.is_not(None)))
            )
        assert named == {"Verizon Connect"}, named
    finally:
        workspace.close()
