"""Retry (a failed generation only) and regenerate (any document) share one path: each stores
a new version, offline here."""

from __future__ import annotations

from fastapi.testclient import TestClient

from pipeline.analysis import flow as analysis
from pipeline.content.generate import generate_document
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded


def test_retry_a_failed_generation_then_regenerate(
    ws: Workspace, seeded: Seeded, api: TestClient
) -> None:
    """The seeded calls are stored analysed, so the app's start-up recovery leaves them be.
    Stored pending, the recovery analysed them in the background: it detected their mentions
    again, into no theme, and clustered them a moment later; a regenerate re-choosing the
    themes in between found none (422 "no suitable objection clusters for objection-faq")
    where the retry before it had answered 200."""
    assert not analysis.pending_call_ids(ws)  # nothing for a recovery to analyse under us
    with ws.session() as db:
        document = generate_document(db, ws.settings, doc_type="objection-faq")
        document.state = "failed_generation"
        document_id = document.id
    retried = api.post(f"/api/documents/{document_id}/retry", json={"use_llm": "false"})
    assert retried.status_code == 200 and retried.json()["current_version"] == 2, retried.text
    assert retried.json()["state"] == "draft"
    assert api.post(f"/api/documents/{document_id}/retry").status_code == 409  # not failed now
    again = api.post(f"/api/documents/{document_id}/regenerate")
    assert again.status_code == 200 and again.json()["current_version"] == 3, again.text
    # Chosen again from the same themes: the seeded ones, unchanged while the test ran.
    assert again.json()["cluster_ids"] == retried.json()["cluster_ids"]
    assert api.post("/api/documents/999/regenerate").status_code == 404
