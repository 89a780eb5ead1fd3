"""An upload stored with no date says so: it counts in no trend nor date filter until it has
one (a Zoom .vtt and an Otter .txt had been "created" with nothing said); a dated one, or one
given a date, says nothing of it."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

VTT = (
    "WEBVTT\n\n00:00:01.000 --> 00:00:04.000\n<v Maria Chen>What does the kennel rota look "
    "like today?\n\n00:00:05.000 --> 00:00:09.000\n<v Dana Ruiz>It's a whiteboard, and the "
    "weekend shifts never add up.\n"
)
OTTER = (
    "Sam Patel  0:03\nHow do you plan the pick waves now?\n\nLee Wong  0:09\nOn paper, and "
    "the night shift never sees the plan before it starts.\n"
)
DATED = (
    "Date: 2026-10-14\n\nAna (rep): Who books the chairs on Saturdays?\n"
    "Jo (buyer): Whoever picks up the phone, so we double-book every week.\n"
)


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


@pytest.mark.parametrize(("name", "text"), [("kennels.vtt", VTT), ("warehouse.txt", OTTER)])
def test_an_undated_upload_says_it_counts_in_no_trend(
    workspace: Workspace, name: str, text: str
) -> None:
    [result] = ingest_bytes(workspace, text.encode(), name, analyse=False)
    assert result.status == "created"
    assert "no date found" in (result.understood or ""), result


def test_a_dated_upload_or_one_given_a_date_says_nothing_of_it(workspace: Workspace) -> None:
    [dated] = ingest_bytes(workspace, DATED.encode(), "salon.txt", analyse=False)
    [given] = ingest_bytes(
        workspace, VTT.encode(), "kennels.vtt", CallMetadata(date="2026-10-15"), analyse=False
    )
    for result in (dated, given):
        assert result.status == "created" and "no date" not in (result.understood or ""), result


# A call found stored (left unanalysed here, so this upload takes its analysis over).
STORED_BEFORE = {"duplicate", "resumed"}
# Two dispatch-desk notes of a plumbing firm, neither dated: stored together (one transaction).
NOTES_CSV = (
    "account,notes\n"
    "Hartley Plumbing,Jobs go out by text and the van crews never see the changes.\n"
    "Hartley Plumbing,Callouts double-book when two dispatchers take the same slot.\n"
)


@pytest.mark.parametrize(("name", "text"), [("kennels.vtt", VTT), ("warehouse.txt", OTTER)])
def test_a_duplicate_of_a_dated_call_says_nothing_of_a_date(
    workspace: Workspace, name: str, text: str
) -> None:
    """A call dated when first uploaded (a manifest row, the upload's date), uploaded again
    without one: the stored call has its date, and the reply had said "no date found"."""
    ingest_bytes(workspace, text.encode(), name, CallMetadata(date="2026-07-07"), analyse=False)
    [again] = ingest_bytes(workspace, text.encode(), name, analyse=False)
    assert again.status in STORED_BEFORE and "no date" not in (again.understood or ""), again
    assert "2 speakers" in (again.understood or ""), again  # what it read is still said


def test_rows_stored_together_say_no_date_only_where_the_stored_call_has_none(
    workspace: Workspace,
) -> None:
    """The other row, still undated, still says so."""
    first = ingest_bytes(workspace, NOTES_CSV.encode(), "dispatch.csv", analyse=False)
    assert all("no date found" in (r.understood or "") for r in first), first
    with workspace.session() as db:  # one dated since, by an edit of the call
        call = db.get(Call, first[0].call_id)
        assert call is not None
        call.call_date = dt.date(2026, 9, 1)
    dated, undated = ingest_bytes(workspace, NOTES_CSV.encode(), "dispatch.csv", analyse=False)
    assert {dated.status, undated.status} <= STORED_BEFORE, (dated, undated)
    assert "no date" not in (dated.understood or ""), dated
    assert "no date found" in (undated.understood or ""), undated
