"""Renaming a speaker of a call (``speaker_names`` in PATCH /api/calls/{id}): a user who knows
who "Speaker 2" was names them, and every turn, theme quote, the speaker ids and the people list
follow, the side kept; a buyer's new name is redacted like any buyer's; a document quoting the
call is marked out of date. Calls from four trades, through the real ingest, detection,
embedding and clustering, over the app's TestClient and SQLite."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.content.citations import page_order
from pipeline.content.generate import generate_document
from pipeline.redact import redactor_for
from pipeline.workspace import Workspace
from tests.speaker_rename_calls import VET_BUYER, VET_REP, ingest_rename_calls


def _turns(client: TestClient, call_id: int) -> list[tuple[str, str]]:
    utterances = client.get("/api/utterances", params={"call_id": call_id}).json()
    return [(u["speaker"], u["role"]) for u in utterances]


def _quoted_speakers(client: TestClient, call_id: int) -> set[str]:
    """Who the theme pages' quotes from this call are said by."""
    clusters = {
        cluster
        for u in client.get("/api/utterances", params={"call_id": call_id}).json()
        for cluster in u["cluster_ids"]
    }
    return {
        q["speaker"]
        for cluster in clusters
        for q in client.get(f"/api/clusters/{cluster}").json()["quotes"]
        if q["call_id"] == call_id
    }


def test_a_renamed_speaker_is_named_so_everywhere_and_keeps_their_side(
    workspace: Workspace, client: TestClient, tmp_path: Path
) -> None:
    ids = ingest_rename_calls(workspace, tmp_path / "calls")
    vets, books, depot = ids["vets.json"], ids["accountants.json"], ids["warehouse.txt"]
    assert _quoted_speakers(client, vets) == {"Speaker 2"}
    names = {"Speaker 2": "Ruth Okafor", "Speaker 1": " Tomás\tReyes "}
    patched = client.patch(f"/api/calls/{vets}", json={"speaker_names": names})
    assert patched.status_code == 200, patched.text
    body = patched.json()
    assert body["speakers"] == ["Tomás Reyes", "Ruth Okafor"]
    assert body["our_speakers"] == ["Tomás Reyes"]
    # The id follows the person: the page still says which recorder id Ruth was.
    assert body["extra"]["speaker_ids"] == {"Tomás Reyes": VET_REP, "Ruth Okafor": VET_BUYER}
    assert [r["from"] for r in body["extra"]["speakers_renamed"]] == ["Speaker 2", "Speaker 1"]
    assert _turns(client, vets) == [("Tomás Reyes", "rep"), ("Ruth Okafor", "buyer")] * 2
    assert _quoted_speakers(client, vets) == {"Ruth Okafor"}

    renamed = client.patch(f"/api/calls/{books}", json={"speaker_names": {"Janet": "Janet Morris"}})
    people = renamed.json()["extra"]["people"]
    assert {p["name"]: p["role"] for p in people} == {"Sam Reyes": "rep", "Janet Morris": "buyer"}
    client.patch(f"/api/calls/{depot}", json={"speaker_names": {"SPEAKER_01": "Tom Becker"}})
    assert _quoted_speakers(client, depot) == {"Tom Becker"}
    assert {role for speaker, role in _turns(client, depot) if speaker == "Tom Becker"} == {"buyer"}

    # A buyer's new name is a buyer's name to the redactor (exports, the LLM), first name too.
    with workspace.session() as db:
        hidden = redactor_for(db, [vets, books]).redact(
            "Ruth Okafor asked Janet Morris about monthly terms; Ruth runs the clinic."
        )
    assert not any(name in hidden for name in ("Ruth", "Okafor", "Janet", "Morris")), hidden


def test_a_document_quoting_the_call_is_out_of_date_after_a_rename(
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
    unquoted = sorted(set(ids.values()) - quoted)
    if unquoted:  # a call it does not quote: renaming there changes nothing it shows
        speaker = client.get(f"/api/calls/{unquoted[0]}").json()["speakers"][-1]
        client.patch(f"/api/calls/{unquoted[0]}", json={"speaker_names": {speaker: "Lee Park"}})
        assert client.get(url).json()["out_of_date"] == []
    call_id = min(quoted)
    speaker = client.get(f"/api/calls/{call_id}").json()["speakers"][-1]
    client.patch(f"/api/calls/{call_id}", json={"speaker_names": {speaker: "Ruth Okafor"}})
    marked = client.get(url).json()["out_of_date"]
    assert marked == [f"a speaker on call {call_id}, which it quotes, was renamed"]
    assert "Ruth" not in str(marked)  # the list of changes never shows a buyer's name


@pytest.mark.usefixtures("no_analysis")
def test_a_rename_that_would_lose_or_merge_a_speaker_is_refused_whole(
    workspace: Workspace, client: TestClient, tmp_path: Path
) -> None:
    salon = ingest_rename_calls(workspace, tmp_path / "calls")["salon.txt"]
    url = f"/api/calls/{salon}"
    refused = {
        "no speaker named 'Speaker C'": {"Speaker C": "Mia Lopez"},
        "the new name for 'Speaker B' is empty": {"Speaker B": " \n "},
        "'Speaker B' cannot be renamed 'speaker a': that is the name of 'Speaker A'": {
            "Speaker B": "speaker  a"
        },
        "'Speaker A' cannot be renamed 'Mia': that is the new name of 'Speaker B'": {
            "Speaker A": "Mia",
            "Speaker B": "mia",
        },
    }
    for said, names in refused.items():
        response = client.patch(url, json={"outcome": "won", "speaker_names": names})
        assert response.status_code == 422, (names, response.text)
        assert response.headers["content-type"] == "application/problem+json"
        assert said in response.json()["detail"], response.json()
    too_long = client.patch(url, json={"speaker_names": {"Speaker B": "M" * 256}})
    assert too_long.status_code == 422
    after = client.get(url).json()
    assert after["outcome"] == "lost" and after["speakers"] == ["Speaker A", "Speaker B"]
    assert "speakers_renamed" not in after["extra"]

    # Two names swapped at once (the recorder mixed them up): allowed, sides stay with turns.
    swapped = client.patch(
        url, json={"speaker_names": {"Speaker A": "Speaker B", "Speaker B": "Speaker A"}}
    )
    assert swapped.status_code == 200, swapped.text
    assert _turns(client, salon) == [("Speaker B", "rep"), ("Speaker A", "buyer")] * 2
    assert swapped.json()["our_speakers"] == ["Speaker B"]
    # Roles sent with names name the speakers as they were before the request.
    both = {"speaker_roles": {"Speaker A": "unknown"}, "speaker_names": {"Speaker A": "Mia Lopez"}}
    assert client.patch(url, json=both).status_code == 200
    assert _turns(client, salon) == [("Speaker B", "rep"), ("Mia Lopez", "unknown")] * 2
