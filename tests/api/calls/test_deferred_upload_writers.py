"""A large upload stored by a job while other work writes (a grain change, a re-cluster, a
redetect): every row is stored, none refused for another writer's lock, the stored count moves
every few seconds, and the job's last message accounts for every row."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.ingest import deferred, service
from pipeline.ingest.deferred import upload_summary
from pipeline.ingest.schemas import CallMetadata
from pipeline.workspace import Workspace
from tests.api.calls.test_deferred_upload import ROWS, crm_export
from tests.conftest import make_settings
from tests.held_write_lock import hold_the_write_lock, short_busy_timeout


def test_a_deferred_upload_meeting_a_held_write_lock_stores_every_row(
    tmp_path: Path, workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = make_settings(tmp_path / "data", deferred_ingest_bytes=4096)
    ws = Workspace(settings, embedder=workspace.embedder)
    short_busy_timeout(ws)
    holding = threading.Event()
    writer = threading.Thread(target=hold_the_write_lock, args=(ws, holding))
    store_file = service.ingest_data

    def once_another_writer_holds_the_lock(*args: Any, **kwargs: Any) -> Any:
        writer.start()  # a grain change begun just after the upload was answered
        assert holding.wait(10)
        return store_file(*args, **kwargs)

    monkeypatch.setattr(deferred, "ingest_data", once_another_writer_holds_the_lock)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            answer = client.post(
                "/api/calls",
                files=[("files", ("crm.csv", crm_export()))],
                data={"column_map": '{"text": "Notes"}'},
            )
            assert answer.status_code == 202, answer.text
            job = client.get(f"/api/jobs/{answer.json()['job_id']}").json()
            assert job["status"] == "done", job
            result = job["result"]
            assert (result["created"], result["rejected"]) == (ROWS, 0), result["first_results"]
            assert job["message"] == f"stored {ROWS} of {ROWS} calls ({ROWS} new, 0 already stored)"
            assert client.get("/api/calls?page_size=1").json()["total"] == ROWS
            paged = client.get(f"/api/jobs/{job['id']}/results?limit=500").json()
            assert paged["total"] == ROWS
    finally:
        if writer.is_alive():
            writer.join(timeout=30)
        ws.close()


def test_the_stored_count_moves_with_time_not_only_every_batch(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PROGRESS_EVERY", 100_000)  # rows alone would never report
    monkeypatch.setattr(service, "PROGRESS_SECONDS", 0.0)  # every row is past the interval
    told: list[int] = []
    results = service.ingest_data(
        workspace,
        crm_export(30),
        "crm.csv",
        CallMetadata(),
        column_map={"text": "Notes"},
        stored=lambda done, _total: told.append(done),
    )
    assert [r.status for r in results] == ["created"] * 30
    assert told == list(range(1, 31))


def test_the_jobs_last_message_accounts_for_every_row() -> None:
    counts = {"created": 19_998, "duplicate": 1, "rejected": 1}
    refusal = "crm.csv row 15,002: no utterances found"
    assert upload_summary(counts, refusal) == (
        "stored 19,999 of 20,000 calls (19,998 new, 1 already stored); 1 refused, the first: "
        "crm.csv row 15,002: no utterances found"
    )
