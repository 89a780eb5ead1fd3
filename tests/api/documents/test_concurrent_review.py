"""An approval sent while the document is regenerated, against the app served by uvicorn on
SQLite (review 22k): it is refused or lands on the version it saw, never on the new one; a
verdict naming a superseded version is a 409 problem+json."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient

import pipeline.content.generate as generate
from pipeline.embed import Embedder
from pipeline.publish.review import mark_accuracy, set_state
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded, write_the_gaps
from tests.plugins.live_server import LiveServer, serve


def _ready_to_approve(ws: Workspace) -> int:
    with ws.session() as session:
        document = generate.generate_document(session, ws.settings, doc_type="one-pager")
    with ws.session() as session:
        write_the_gaps(session, document.id)
        set_state(session, document.id, "in_review")
        mark_accuracy(session, document.id, "accurate")
    return document.id


@pytest.fixture
def server(ws: Workspace, seeded: Seeded, embedder: Embedder) -> Iterator[LiveServer]:
    with serve(ws.settings, embedder) as live:
        yield live


def test_an_approval_during_a_regeneration_never_approves_the_new_version(
    server: LiveServer, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    document_id = _ready_to_approve(ws)
    drafting = generate._draft

    def slow_draft(session: Any, *args: Any, **kwargs: Any) -> Any:
        """Drafting that writes (as caching the quotes' vectors does) and takes a while."""
        out = drafting(session, *args, **kwargs)
        session.connection().exec_driver_sql("UPDATE documents SET title = title WHERE id = 0")
        time.sleep(0.8)
        return out

    monkeypatch.setattr(generate, "_draft", slow_draft)
    answers: dict[str, httpx.Response] = {}
    url = f"{server.url}/api/documents/{document_id}"

    def regenerate() -> None:
        answers["regenerate"] = httpx.post(f"{url}/regenerate", timeout=60)

    def approve() -> None:
        time.sleep(0.3)
        answers["approve"] = httpx.post(f"{url}/review", json={"state": "approved"}, timeout=60)

    threads = [threading.Thread(target=regenerate), threading.Thread(target=approve)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    assert answers["regenerate"].status_code == 200, answers["regenerate"].text
    assert answers["approve"].status_code in (200, 409), answers["approve"].text
    final = httpx.get(url, timeout=10).json()
    assert (final["state"], final["accuracy"], final["current_version"]) == ("draft", None, 3)
    export = httpx.get(f"{url}/export?format=md", timeout=10).text
    assert "DRAFT" in export[:400]


def test_a_verdict_on_a_superseded_version_is_a_409_problem(
    api: TestClient, ws: Workspace, seeded: Seeded
) -> None:
    document_id = _ready_to_approve(ws)
    seen = api.get(f"/api/documents/{document_id}").json()["current_version"]
    assert api.post(f"/api/documents/{document_id}/regenerate").status_code == 200
    for path, body in [
        ("review", {"state": "approved", "version": seen}),
        ("accuracy", {"verdict": "accurate", "version": seen}),
    ]:
        answer = api.post(f"/api/documents/{document_id}/{path}", json=body)
        assert answer.status_code == 409, answer.text
        assert answer.headers["content-type"].startswith("application/problem+json")
        assert f"you saw version {seen}" in answer.json()["detail"]
    edit = {"body_markdown": "# Ours\n\nOur words.\n", "version": seen}
    assert api.patch(f"/api/documents/{document_id}", json=edit).status_code == 409
    assert api.get(f"/api/documents/{document_id}").json()["state"] == "draft"


def test_the_review_forms_send_the_version_shown(
    api: TestClient, ws: Workspace, seeded: Seeded
) -> None:
    document_id = _ready_to_approve(ws)
    page = api.get(f"/documents/{document_id}").text
    # the review form, the sales check's "Accurate" and its "Needs a fix"
    assert page.count('name="version" value="2"') == 3
    assert api.post(f"/api/documents/{document_id}/regenerate").status_code == 200
    moved = api.post(
        f"/documents/{document_id}/state",
        data={"state": "approved", "version": "2"},
        follow_redirects=True,
    )
    assert "you saw version 2" in moved.text
    assert api.get(f"/api/documents/{document_id}").json()["state"] == "draft"
