"""The job queue on PostgreSQL: uploads queue their analysis on procrastinate, two real
``callmine worker`` processes (each with its own data dir, as on two machines; one of them
``--until-empty``) execute it, every
call is analysed exactly once and every job finishes; the server's faiss index, a cache, is
brought up to date from the database's vectors."""

from __future__ import annotations

import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from pydantic import ValidationError
from sqlalchemy import func, select

from pipeline.cluster.search import search_quotes
from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.errors import CallmineError
from pipeline.jobs import queue
from pipeline.store.models import Job, Mention
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings
from tests.insights_corpus import THEMES
from tests.plugins.postgres import fresh_database
from tests.plugins.processes import settled, snapshot, start_callmine, wait_for
from tests.samples import transcript

pytestmark = pytest.mark.slow

UPLOADS = 8
SENTENCES = [line for lines in THEMES.values() for line in lines]


@pytest.fixture
def queued(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Settings]:
    with fresh_database(request, "postgresql") as url:
        yield make_settings(
            tmp_path / "server",
            database_url=url,
            job_queue="procrastinate",
            background_ingest_bytes=0,  # every upload is analysed by a job
        )


def test_two_workers_analyse_a_batch_of_uploads_exactly_once(
    queued: Settings, embedder: Embedder, tmp_path: Path
) -> None:
    workspace = Workspace(queued, embedder=embedder)
    workers: list[subprocess.Popen[bytes]] = []
    try:
        with app_client(workspace) as client:
            for i in range(UPLOADS):
                body = transcript(f"queued-{i}") + f"Dana Ruiz: {SENTENCES[i]}\n".encode()
                response = client.post("/api/calls", files={"files": (f"q{i}.txt", body)})
                assert response.status_code == 201, response.text
                assert response.json()["job_id"]
            assert snapshot(workspace).pending == UPLOADS  # queued, nobody runs them here
            settings = {"database_url": queued.database_url or "", "job_queue": "procrastinate"}
            for n, args in enumerate([["worker"], ["worker", "--until-empty"]]):
                log = tmp_path / f"worker-{n}.log"
                workers.append(start_callmine(tmp_path / f"worker-{n}", log, *args, **settings))
            done = wait_for(lambda: settled(workspace), "every queued job to finish", timeout_s=300)
            assert done.states == {"analysed": UPLOADS}
            assert all(status == "done" for _, status, _ in done.jobs.values()), done.jobs
            with workspace.session() as db:
                results = db.scalars(select(Job.result).where(Job.kind == "analyse")).all()
                owners = set(db.scalars(select(Job.owner)))
                mentions = db.scalar(select(func.count()).select_from(Mention))
            # Each call in exactly one job's analysis, whichever worker ran it.
            assert sum(int(result.get("calls", 0)) for result in results) == UPLOADS
            worker_pids = {str(process.pid) for process in workers}
            assert {owner.rpartition(":")[2] for owner in owners} <= worker_pids
            assert mentions and mentions >= UPLOADS
            # The server ran nothing itself; its index is rebuilt from the database's vectors.
            hits = search_quotes(workspace, SENTENCES[0], k=1)
            assert hits and hits[0]["text"] == SENTENCES[0]
            assert workers[1].wait(timeout=120) == 0  # --until-empty: stops once all is done
    finally:
        for process in workers:
            process.terminate()
        for process in workers:
            process.wait(timeout=30)
        workspace.close()
    print(f"\nqueue: {UPLOADS} uploads, jobs run by {len(owners)} worker process(es)")


def test_the_queue_needs_postgresql(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="needs a PostgreSQL database_url"):
        make_settings(tmp_path, job_queue="procrastinate")
    with pytest.raises(CallmineError, match="CALLMINE_JOB_QUEUE=procrastinate"):
        queue.require_queue(make_settings(tmp_path))
