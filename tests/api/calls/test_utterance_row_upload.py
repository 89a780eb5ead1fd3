"""A transcript table of one utterance per row uploaded through the HTTP API: one call per
call key with its speakers and sides, the account its title names, a second upload a
duplicate, and a bad row refused with the line it is on (walk 5, snag 1)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.pipeline.ingest.test_utterance_rows import CHORUS

pytestmark = pytest.mark.postgres


def _upload(client: TestClient, data: str, **form: str) -> Any:
    return client.post("/api/calls", files=[("files", ("chorus.csv", data.encode()))], data=form)


@pytest.mark.usefixtures("no_analysis")
def test_an_utterance_table_is_one_call_per_key_with_speakers(client: TestClient) -> None:
    response = _upload(client, CHORUS, outcome="open")
    assert response.status_code == 201, response.text
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["created", "created"]
    detail = client.get(f"/api/calls/{results[0]['call_id']}").json()
    assert (detail["account"], detail["date"], detail["outcome"]) == (
        "Brightwash Laundries",
        "2026-03-04",
        "open",
    )
    assert [(u["speaker"], u["role"]) for u in detail["utterances"]] == [
        ("Nia Hart", "rep"),
        ("Colm Byrne", "buyer"),
        ("Nia Hart", "rep"),
    ]
    again = _upload(client, CHORUS)
    assert [r["status"] for r in again.json()["results"]] == ["duplicate", "duplicate"]
    assert client.get("/api/calls").json()["total"] == 2


@pytest.mark.usefixtures("no_analysis")
def test_a_column_map_with_speaker_call_and_role_goes_through_the_api(
    client: TestClient,
) -> None:
    data = (
        "Convo,Who,Side,Said\n"
        "k-1,Rosa Lind,Internal,How do you book deliveries for the bakery now?\n"
        "k-1,Femi Ade,External,By phone and it goes wrong every Friday.\n"
    )
    mapping = '{"text": "Said", "speaker": "Who", "call": "Convo", "role": "Side"}'
    response = _upload(client, data, column_map=mapping)
    assert response.status_code == 201, response.text
    [result] = response.json()["results"]
    detail = client.get(f"/api/calls/{result['call_id']}").json()
    assert [(u["speaker"], u["role"]) for u in detail["utterances"]] == [
        ("Rosa Lind", "rep"),
        ("Femi Ade", "buyer"),
    ]
    bad = _upload(client, data + ",Femi Ade,External,And Saturdays.\n", column_map=mapping)
    assert bad.status_code == 422
    assert "line 4 has no 'Convo'" in bad.json()["results"][0]["reason"]
