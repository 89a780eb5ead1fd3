"""``GET /api/jobs``: every job newest first, paged and filtered; stale ones read failed."""

from __future__ import annotations

import socket

import pytest
from fastapi.testclient import TestClient

from pipeline.jobs import runs as jobs
from pipeline.store.models import Job
from pipeline.workspace import Workspace
from tests.samples import dead_pid

pytestmark = pytest.mark.postgres


def test_jobs_are_listed_newest_first_and_paged(client: TestClient, workspace: Workspace) -> None:
    made = [jobs.create_job(workspace, "analyse", f"job {i}") for i in range(3)]
    jobs.finish(workspace, made[1], {"calls": 2})
    body = client.get("/api/jobs", params={"page_size": 2}).json()
    assert (body["total"], body["page"], body["page_size"]) == (3, 1, 2)
    assert [j["id"] for j in body["items"]] == [made[2], made[1]]
    assert body["items"][0]["created_at"].endswith("Z")
    done = client.get("/api/jobs", params={"status": "done"}).json()["items"]
    assert [(j["id"], j["result"]) for j in done] == [(made[1], {"calls": 2})]
    assert client.get("/api/jobs", params={"status": "stuck"}).status_code == 422
    assert client.get("/api/jobs", params={"page": 10**12}).status_code == 422


def test_a_job_left_running_by_a_dead_process_is_failed_at_the_next_upload(
    client: TestClient, workspace: Workspace
) -> None:
    with workspace.session() as db:
        db.add(
            Job(
                id="ghost",
                kind="analyse",
                status="running",
                owner=f"{socket.gethostname()}:{dead_pid()}",
            )
        )
    client.post("/api/calls", files={"files": ("a.txt", b"Maya Chen: Hello.\nDana: Hi.\n")})
    ghost = client.get("/api/jobs/ghost").json()
    assert ghost["status"] == "failed" and ghost["message"].startswith("interrupted")
