"""The team roster: kept once in the database and used for every later upload's roles."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import text

from pipeline.errors import BadInput, Conflict, NotFound
from pipeline.ingest import team
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.database import Database
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

CALL = (
    b"Maria: Thanks for joining, how do you build rotas today?\n"
    b"Grace: On paper, and the agency bill is too high.\n"
    b"Maria: Would texts to your bank staff help?\n"
)


def _roles(workspace: Workspace, call_id: int) -> dict[str | None, str]:
    with workspace.session() as db:
        call = db.get(Call, call_id)
        assert call is not None
        return {u.speaker: u.role for u in call.utterances}


def test_add_list_remove_and_clear_errors(workspace: Workspace) -> None:
    with workspace.session() as db:
        maria = team.add_member(db, "  Maria   Chen ", company="Shiftwise")
        team.add_member(db, "@Tom Okafor")
    assert (maria.name, maria.company) == ("Maria Chen", "Shiftwise")
    with workspace.session() as db:
        assert [(m.name, m.company) for m in team.list_members(db)] == [
            ("Maria Chen", "Shiftwise"),
            ("Tom Okafor", None),
        ]
        with pytest.raises(Conflict, match="already on the team"):
            team.add_member(db, "maria chen")
        with pytest.raises(BadInput, match="needs a name"):
            team.add_member(db, "   ")
        with pytest.raises(BadInput, match="team member name"):
            team.add_member(db, "x" * 121)
    with workspace.session() as db:
        assert team.remove_member(db, "TOM OKAFOR").name == "Tom Okafor"
        assert team.remove_member(db, maria.id).name == "Maria Chen"
        with pytest.raises(NotFound):
            team.remove_member(db, maria.id)
        assert team.list_members(db) == []


def test_uploads_after_adding_someone_use_the_roster(workspace: Workspace) -> None:
    [before] = ingest_bytes(workspace, CALL, "before.txt", analyse=False)
    assert before.call_id is not None
    assert set(_roles(workspace, before.call_id).values()) <= {"unknown", "rep", "buyer"}
    with workspace.session() as db:
        team.add_member(db, "Maria Chen", company="Shiftwise")
    [after] = ingest_bytes(workspace, CALL + b"Grace: Fine.\n", "after.txt", analyse=False)
    assert after.call_id is not None
    assert _roles(workspace, after.call_id) == {"Maria": "rep", "Grace": "buyer"}
    with workspace.session() as db:
        team.remove_member(db, "Maria Chen")
    assert _roles(workspace, after.call_id) == {"Maria": "rep", "Grace": "buyer"}  # kept


def test_someone_named_ours_on_an_earlier_call_is_ours_on_the_next(
    workspace: Workspace,
) -> None:
    """A rep named in one call's metadata was "unknown" on the next call without it."""
    tom = b"Tom Okafor: How many staff?\nJake Moreno: Thirty, and ninety a month is a lot.\n"
    [first] = ingest_bytes(
        workspace, tom, "first.txt", CallMetadata(our_speakers=["Tom Okafor"]), analyse=False
    )
    assert first.call_id is not None
    [later] = ingest_bytes(workspace, tom + b"Tom Okafor: Fair.\n", "later.txt", analyse=False)
    assert later.call_id is not None
    assert _roles(workspace, later.call_id) == {"Tom Okafor": "rep", "Jake Moreno": "buyer"}


def test_a_label_naming_no_one_is_ours_only_on_its_own_call(workspace: Workspace) -> None:
    """A "Speaker 1" given as ours on one call had made the buyer "Speaker 1" of an inbound call
    a rep, and the rep who introduced herself the buyer."""
    first = b"Speaker 1: How many tutors do you have?\nSpeaker 2: Twelve, it's too dear.\n"
    [done] = ingest_bytes(
        workspace, first, "zoom.txt", CallMetadata(our_speakers=["Speaker 1"]), analyse=False
    )
    assert done.call_id is not None
    assert _roles(workspace, done.call_id) == {"Speaker 1": "rep", "Speaker 2": "buyer"}
    inbound = (
        b"Speaker 1: Hello, I'm calling about your software.\n"
        b"Speaker 2: Thanks for calling ClassNest, this is Sophie. How can I help?\n"
        b"Speaker 1: My worry is the price, you're about twice what we pay TutorBird.\n"
        b"Speaker 2: With us it's one invoice per family.\n"
    )
    with workspace.session() as db:
        team.add_member(db, "Sophie Turner", company="ClassNest")
    [later] = ingest_bytes(workspace, inbound, "inbound.txt", analyse=False)
    assert later.call_id is not None
    # "this is Sophie", a roster member: the nameless label takes her name (self_names.py)
    assert _roles(workspace, later.call_id) == {"Speaker 1": "buyer", "Sophie Turner": "rep"}


def test_our_company_setting_makes_its_people_reps(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data", our_company="Shiftwise"))
    try:
        data = (
            b"Date: 2025-02-18\n"
            b"Attendees: Ana Silva, Tom Reed (Shiftwise); Grace Hill (Willow Wellness)\n\n"
            b"Ana Silva: Hello.\nGrace Hill: Hi.\nTom Reed: Hi Grace.\nGrace Hill: Bye.\n"
        )
        [result] = ingest_bytes(workspace, data, "call.txt", analyse=False)
        assert result.call_id is not None
        assert _roles(workspace, result.call_id) == {
            "Ana Silva": "rep",
            "Tom Reed": "rep",
            "Grace Hill": "buyer",
        }
        with workspace.session() as db:
            call = db.get(Call, result.call_id)
            assert call is not None and call.account == "Willow Wellness"
    finally:
        workspace.close()


def test_a_database_from_before_the_roster_gets_its_table(tmp_path: Path) -> None:
    settings = make_settings(tmp_path / "data")
    workspace = Workspace(settings)
    with workspace.db.engine.begin() as connection:  # back to the schema before 004
        connection.execute(text("DROP TABLE team_members"))
        connection.execute(text("DELETE FROM _migrations WHERE name = '004_team_roster'"))
    workspace.close()
    database = Database(settings.resolved_database_url)
    try:
        assert "team_members" in database.table_names()
        with database.session() as db:
            assert team.add_member(db, "Maria Chen").name == "Maria Chen"
    finally:
        database.dispose()
