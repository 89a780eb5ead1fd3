"""Our company and our product are never a rival: not configured, not guessed, not from a
CRM column, however ours is known (the setting, the roster's company, the product profile).

Why: a won deal's Attio note, "Decided to go with LedgerLoop, closed won.", had been stored as
a competitor objection naming our own company, with our company configured."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.brand_names import not_ours
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.team import add_member
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings

# An Attio notes export, in its own columns; invented people and companies.
NOTES = (
    "Note ID,Title,Content,Parent record,Parent object,Created by,Created at\n"
    'a1,Closed won — Fernhill Books,"Dana Okoro said ""the price per seat is fine but the '
    'portal must carry our logo."" Decided to go with Tillwise Practice, closed won.",'
    "Fernhill Books,companies,Rui Santos,2026-03-02T01:15:40.000Z\n"
)


def _rivals_and_kinds(workspace: Workspace) -> tuple[set[str | None], set[str]]:
    with workspace.session() as db:
        named = set(db.scalars(select(Mention.competitor).where(Mention.competitor.is_not(None))))
        said = select(Mention.kind).where(Mention.text.contains("Decided to go with"))
        return named, set(db.scalars(said))


@pytest.mark.parametrize("known_by", ["setting", "roster", "profile"])
def test_decided_to_go_with_us_is_no_rival_and_no_objection(
    tmp_path: Path, embedder: Embedder, known_by: str
) -> None:
    ours = {"setting": {"our_company": "Tillwise Practice"}}.get(known_by, {})
    workspace = Workspace(make_settings(tmp_path / "data", **ours), embedder=embedder)
    try:
        with workspace.session() as db:
            if known_by == "roster":
                add_member(db, "Rui Santos", company="Tillwise Practice")
            if known_by == "profile":
                set_profile(db, ProductProfile.model_validate({"name": "Tillwise Practice"}))
        [result] = ingest_bytes(workspace, NOTES.encode(), "attio_notes.csv")
        assert result.status == "created", result.reason
        named, kinds = _rivals_and_kinds(workspace)
        assert not {"Tillwise Practice", "Tillwise"} & named
        assert kinds <= {"other"}, kinds
        with workspace.session() as db:
            assert db.scalars(select(Call.outcome)).one() == "won"
    finally:
        workspace.close()


def test_a_competitor_column_or_flag_naming_us_is_dropped(
    tmp_path: Path, embedder: Embedder
) -> None:
    assert not_ours(["Karbon", "tillwise", "Tillwise Practice"], ["Tillwise Practice"]) == [
        "Karbon"
    ]
    settings = make_settings(tmp_path / "data", our_company="Tillwise Practice")
    workspace = Workspace(settings, embedder=embedder)
    try:
        said = b"Rui Santos: What do you use today?\nDana Okoro: We use Karbon for the lists.\n"
        metadata = CallMetadata(our_speakers="Rui Santos", competitors="Karbon; Tillwise")
        ingest_bytes(workspace, said, "okoro.txt", metadata)
        with workspace.session() as db:
            assert db.scalars(select(Call.competitors)).one() == ["Karbon"]
    finally:
        workspace.close()
