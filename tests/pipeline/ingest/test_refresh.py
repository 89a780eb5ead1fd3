"""A file uploaded again with new metadata updates its stored call (a deal since won), where the
upload had answered "duplicate" and dropped what the user said."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from sqlalchemy import select

from pipeline.embed import Embedder
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes, ingest_data
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace
from tests.conftest import make_settings

NOTE = b"Rep: Maria\n\nMaria: It is forty a month.\nDana: That is too much for us right now.\n"


def test_a_duplicate_upload_updates_the_calls_metadata(ws: Workspace) -> None:
    [first] = ingest_data(ws, NOTE, "call.txt", CallMetadata(outcome="open"))
    later = CallMetadata(outcome="won", account="Brightside Dental", date=dt.date(2026, 3, 2))
    [again] = ingest_data(ws, NOTE, "call-copy.txt", later)
    # "resumed": stored, not analysed yet (ingest_data does not analyse)
    assert (again.status, again.call_id) == ("resumed", first.call_id)
    assert again.reason == (
        "already stored; updated date: none → 2026-03-02; account: none → Brightside Dental; "
        "outcome: open → won"
    )
    with ws.session() as session:
        call = session.get(Call, first.call_id)
        assert call is not None
        assert (call.outcome, call.account, call.call_date) == (
            "won",
            "Brightside Dental",
            dt.date(2026, 3, 2),
        )
    [same] = ingest_data(ws, NOTE, "call.txt", later)  # nothing new to say: a plain duplicate
    assert (same.status, same.reason) == ("resumed", None)
    [bare] = ingest_data(ws, NOTE, "call.txt", CallMetadata())  # no metadata changes nothing
    assert bare.reason is None
    with ws.session() as session:
        call = session.get(Call, first.call_id)
        assert call is not None and call.outcome == "won"


CALL = (
    b"Ken Alvarez: Hi. So you know, we also have a demo with MyCase on Thursday.\n"
    b"Priya Shah: Appreciate you telling me. What matters most to you in the decision?\n"
    b"Ken Alvarez: Honestly, adoption. The partners won't adopt new software.\n"
)


def test_a_reupload_naming_our_speakers_sets_the_roles(tmp_path: Path, embedder: Embedder) -> None:
    """A manifest's our_speakers on a re-upload had updated the account and outcome, but not
    who the rep was, without a word; the call is analysed again with the roles it gives."""
    workspace = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    try:
        [first] = ingest_bytes(
            workspace, CALL, "delgado.txt", CallMetadata(our_speakers="Ken Alvarez")
        )  # type: ignore[arg-type]
        metadata = CallMetadata(our_speakers="Priya Shah")  # type: ignore[arg-type]
        [again] = ingest_bytes(workspace, CALL, "delgado.txt", metadata)
        assert again.call_id == first.call_id
        assert again.reason == "already stored; updated our speakers: Ken Alvarez → Priya Shah"
        with workspace.session() as session:
            call = session.get(Call, first.call_id)
            assert call is not None and call.analysis_state == "analysed"
            roles = {u.speaker: u.role for u in call.utterances}
            assert roles == {"Ken Alvarez": "buyer", "Priya Shah": "rep"}
            said = set(session.scalars(select(Mention.text).where(Mention.call_id == call.id)))
        assert "The partners won't adopt new software." in said  # Ken is heard now
        assert not any("What matters most" in text for text in said)
    finally:
        workspace.close()
