"""Moving a speaker of a call to another side (``speaker_roles`` in PATCH /api/calls/{id}): the
call is re-detected on the new sides (a rep's lines are never a buyer's mentions), and every
document whose evidence quotes the call is marked out of date with a reason that names no one,
on the API and the document page, until it is regenerated. A side sent that a speaker already
has moves nothing and marks nothing. Calls from four trades, through the real ingest, detection,
embedding and clustering, over the app's TestClient and SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from fastapi.testclient import TestClient
from sqlalchemy import select

from pipeline.content.citations import page_order
from pipeline.content.generate import generate_document
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.speaker_rename_calls import ingest_rename_calls


def _mentions_of(workspace: Workspace, call_id: int, speaker: str) -> list[str]:
    """The kinds detected in this speaker's turns of the call."""
    with workspace.session() as db:
        return list(
            db.scalars(
                select(Mention.kind)
                .join(Utterance, Utterance.id == Mention.utterance_id)
                .where(Utterance.call_id == call_id, Utterance.speaker == speaker)
            )
        )


def test_a_side_change_re_detects_the_call_and_marks_documents_quoting_it(
    workspace: Workspace, client: TestClient, tmp_path: Path
) -> None:
    ids = ingest_rename_calls(workspace, tmp_path / "calls")
    with workspace.session() as db:
        document = generate_document(db, workspace.settings, doc_type="objection-faq")
        quotes: list[dict[str, Any]] = document.structured["evidence"]["quotes"]
        cited = set(page_order(document.body_markdown))
        quoted = {int(q["call_id"]) for q in quotes if q["id"] in cited}
        document_id = document.id
    url = f"/api/documents/{document_id}"
    assert client.get(url).json()["out_of_date"] == []
    call_id = min(quoted)
    rep, buyer = client.get(f"/api/calls/{call_id}").json()["speakers"]
    assert _mentions_of(workspace, call_id, buyer)  # the buyer's worries were detected

    # The side each already has: nothing moves, nothing is recorded, the page stays current.
    same = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": {buyer: "buyer"}})
    assert same.status_code == 200, same.text
    assert "speaker_sides_changed" not in same.json()["extra"]
    assert client.get(url).json()["out_of_date"] == []

    # The recorder had the sides wrong: the "buyer" was our rep.
    moved = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": {buyer: "rep"}})
    assert moved.status_code == 200, moved.text
    [entry] = moved.json()["extra"]["speaker_sides_changed"]
    assert (entry["speaker"], entry["from"], entry["to"]) == (buyer, "buyer", "rep")
    assert _mentions_of(workspace, call_id, buyer) == []  # a rep's lines are no buyer's
    assert all(u["kinds"] == [] for u in moved.json()["utterances"] if u["speaker"] == buyer)
    marked = client.get(url).json()["out_of_date"]
    reason = f"the side of a speaker on call {call_id}, which it quotes, changed"
    assert reason in marked, marked
    assert not any(name in str(marked) for name in (rep, buyer))  # no names in the list
    page = client.get(f"/documents/{document_id}").text
    assert "Speaker sides changed what this was built on" in page
    assert reason in page

    # Moved back and confirmed a buyer: the worries are detected again.
    back = client.patch(f"/api/calls/{call_id}", json={"speaker_roles": {buyer: "buyer"}})
    assert [e["to"] for e in back.json()["extra"]["speaker_sides_changed"]] == ["rep", "buyer"]
    assert _mentions_of(workspace, call_id, buyer)

    # Regenerated after the change: up to date again.
    with workspace.session() as db:
        regenerated = generate_document(db, workspace.settings, doc_type="objection-faq")
    assert client.get(f"/api/documents/{regenerated.id}").json()["out_of_date"] == []

    # A call the evidence quotes that the page does not cite (its brief and the LLM's evidence
    # do): a speaker there moved to "unknown" marks the first document too, said so.
    [uncited] = sorted({int(q["call_id"]) for q in quotes} - quoted)
    assert uncited == ids["salon.txt"]
    client.patch(f"/api/calls/{uncited}", json={"speaker_roles": {"Speaker B": "unknown"}})
    assert (
        f"the side of a speaker on call {uncited}, which its evidence quotes, changed"
        in client.get(url).json()["out_of_date"]
    )
