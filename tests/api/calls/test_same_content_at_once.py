"""The same content uploaded twice at once (twice in one request, or in two requests while the
first is still analysing it) is stored once: the second answer is a ``duplicate`` with the
call's id, not ``resumed`` (which says a crash left the call unanalysed)."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.ingest.service import analyse_new_calls
from pipeline.store.models import AnalysisState, Call
from pipeline.workspace import Workspace
from tests.samples import transcript


def _states(workspace: Workspace) -> list[str]:
    with workspace.session() as session:
        return [call.analysis_state for call in session.query(Call).all()]


def test_the_same_file_twice_in_one_request_is_a_duplicate(
    client: TestClient, workspace: Workspace
) -> None:
    same = transcript("twice in one request")
    response = client.post(
        "/api/calls", files=[("files", ("a.txt", same)), ("files", ("copy of a.txt", same))]
    )
    assert response.status_code == 201, response.text
    body = response.json()
    first, second = body["results"]
    assert (first["status"], second["status"]) == ("created", "duplicate")
    assert second["call_id"] == first["call_id"]
    assert (body["created"], body["duplicates"], body["resumed"]) == (1, 1, 0)
    assert _states(workspace) == [AnalysisState.analysed]


def test_the_same_file_twice_in_one_web_form_is_a_duplicate(
    client: TestClient, workspace: Workspace
) -> None:
    same = transcript("twice in one form")
    page = client.post("/upload", files=[("files", ("b.txt", same)), ("files", ("b2.txt", same))])
    assert page.status_code == 200, page.text
    assert "resumed" not in page.text.lower() and "duplicate" in page.text.lower()


def test_an_upload_while_another_is_analysing_the_same_file_is_a_duplicate(
    client: TestClient, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    stored, go_on = threading.Event(), threading.Event()

    def analyse_once_told(*args: Any, **kwargs: Any) -> Any:
        if not stored.is_set():  # the first upload: stored, held here before its analysis
            stored.set()
            assert go_on.wait(10)
        return analyse_new_calls(*args, **kwargs)

    monkeypatch.setattr("api.routers.calls.analyse_new_calls", analyse_once_told)
    same = transcript("two uploads at once")
    answers: list[Any] = []
    first = threading.Thread(
        target=lambda: answers.append(client.post("/api/calls", files={"files": ("c.txt", same)}))
    )
    first.start()
    try:
        assert stored.wait(10)
        second = client.post("/api/calls", files={"files": ("c.txt", same)})
    finally:
        go_on.set()
        first.join(10)
    [one] = answers
    assert one.status_code == 201 and one.json()["results"][0]["status"] == "created"
    call_id = one.json()["results"][0]["call_id"]
    assert second.status_code == 200, second.text
    answer = second.json()
    assert (answer["results"][0]["status"], answer["results"][0]["call_id"]) == (
        "duplicate",
        call_id,
    )
    assert (answer["created"], answer["duplicates"], answer["resumed"]) == (0, 1, 0)
    assert _states(workspace) == [AnalysisState.analysed]
