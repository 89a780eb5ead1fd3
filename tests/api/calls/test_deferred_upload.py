"""A large upload (a CRM export of many rows) is stored by a job: the API answers 202 at once with
a small body, the job stores and analyses every call, and each call's result is paged."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.ingest import service
from pipeline.ingest.schemas import CallMetadata
from pipeline.workspace import Workspace
from tests.conftest import make_settings

NOTES = (
    "Owner worried about the annual contract, wants monthly billing instead.",
    "They said the price is too high for a shop with five staff.",
    "Asked whether it syncs with Xero and who else uses it.",
    "Setting it up across three sites would take too long for them.",
)
ROWS = 240


def crm_export(rows: int = ROWS) -> bytes:
    lines = ["Notes,Account,Date"]
    for i in range(rows):
        lines.append(
            f'"{NOTES[i % len(NOTES)]} (visit {i})",Account {i % 40},2026-04-{1 + i % 28:02d}'
        )
    return ("\n".join(lines) + "\n").encode()


def test_a_large_csv_is_stored_by_a_job_answered_at_once_and_paged(
    tmp_path: Path, workspace: Workspace
) -> None:
    settings = make_settings(tmp_path / "data", deferred_ingest_bytes=4096, max_upload_bytes=50_000)
    ws = Workspace(settings, embedder=workspace.embedder)
    export = crm_export()
    assert len(export) > settings.deferred_ingest_bytes
    too_big = b"x" * (settings.max_upload_bytes + 1)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            answer = client.post(
                "/api/calls",
                files=[("files", ("crm.csv", export)), ("files", ("huge.txt", too_big))],
                data={"column_map": '{"text": "Notes"}', "outcome": "lost"},
            )
            assert answer.status_code == 202, answer.text
            body = answer.json()
            assert body["created"] == 0 and body["job_id"]
            assert [(r["filename"], r["status"]) for r in body["results"]] == [
                ("huge.txt", "rejected")  # refused for its size at once; the export goes on
            ]
            assert len(answer.content) < 2000  # not one result per row

            job = client.get(f"/api/jobs/{body['job_id']}").json()
            assert job["kind"] == "ingest" and job["status"] == "done", job
            result = job["result"]
            assert result["created"] == ROWS and result["results_total"] == ROWS
            assert result["analysis"]["calls"] == ROWS and len(result["first_results"]) == 20

            first = client.get(f"/api/jobs/{body['job_id']}/results?limit=100").json()
            last = client.get(f"/api/jobs/{body['job_id']}/results?offset=200&limit=100").json()
            assert first["total"] == last["total"] == ROWS
            assert len(first["results"]) == 100 and len(last["results"]) == ROWS - 200
            ids = {r["call_id"] for r in first["results"] + last["results"]}
            assert len(ids) == 140 and all(r["status"] == "created" for r in last["results"])

            calls = client.get("/api/calls?page_size=500").json()
            assert calls["total"] == ROWS
            assert {c["outcome"] for c in calls["items"]} == {"lost"}  # metadata applied
            assert client.get("/api/clusters?kind=objection").json()  # analysed and clustered

            again = client.post(
                "/api/calls",
                files=[("files", ("crm-again.csv", export))],
                data={"column_map": '{"text": "Notes"}'},
            ).json()
            repeat = client.get(f"/api/jobs/{again['job_id']}").json()["result"]
            assert repeat["created"] == 0 and repeat["duplicate"] == ROWS  # idempotent

            assert client.get("/api/jobs/no-such-job/results").status_code == 404
    finally:
        ws.close()


def test_storing_a_many_call_file_reports_progress(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PROGRESS_EVERY", 50)
    monkeypatch.setattr(service, "PROGRESS_SECONDS", 3600.0)  # counted rows only, here
    told: list[tuple[int, int]] = []
    results = service.ingest_data(
        workspace,
        crm_export(),
        "crm.csv",
        CallMetadata(),
        column_map={"text": "Notes"},
        stored=lambda done, total: told.append((done, total)),
    )
    assert len(results) == ROWS
    assert told == [(50, ROWS), (100, ROWS), (150, ROWS), (200, ROWS)]


def test_the_web_form_hands_a_large_export_to_a_job_it_follows(
    tmp_path: Path, workspace: Workspace
) -> None:
    settings = make_settings(tmp_path / "data", deferred_ingest_bytes=4096)
    ws = Workspace(settings, embedder=workspace.embedder)
    try:
        with TestClient(create_app(workspace=ws)) as client:
            page = client.post(
                "/upload",
                files=[("files", ("crm.csv", crm_export(60 * 4)))],
                data={"map_text": "Notes"},
            )
            assert page.status_code == 202, page.text[-500:]
            found = re.search(r'data-job-url="/jobs/([0-9a-f-]+)"', page.text)
            assert found, "the page follows the job's progress"
            job = client.get(f"/jobs/{found.group(1)}").json()
            assert job["kind"] == "ingest" and job["status"] == "done"
            assert job["result"]["created"] == 240
    finally:
        ws.close()
