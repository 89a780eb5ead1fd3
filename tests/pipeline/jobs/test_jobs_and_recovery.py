"""Jobs that cannot be left running, stale jobs failed, one redetect queued at a time, the
embeddings cache written idempotently, and the faiss index rebuilt when it disagrees."""

from __future__ import annotations

import socket
import threading
from typing import Any

import numpy as np
import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import OperationalError

from pipeline.analysis import recovery
from pipeline.cluster.index import INDEX_FILENAME, index_in_step
from pipeline.embed import embed_cached
from pipeline.embed.base import Embedder
from pipeline.ingest.service import ingest_bytes
from pipeline.jobs import runs as jobs
from pipeline.store.models import EmbeddingCache, Job
from pipeline.workspace import Workspace
from tests.samples import dead_pid, transcript

pytestmark = pytest.mark.postgres


def add_job(workspace: Workspace, job_id: str, owner: str | None, status: str = "running") -> None:
    with workspace.session() as db:
        db.add(Job(id=job_id, kind="analyse", status=status, progress=0.3, owner=owner))


def test_jobs_of_a_gone_process_are_marked_failed(workspace: Workspace) -> None:
    here = socket.gethostname()
    add_job(workspace, "killed", f"{here}:{dead_pid()}")
    add_job(workspace, "queued-killed", f"{here}:{dead_pid()}", status="queued")
    add_job(workspace, "elsewhere", "another-host:1")
    add_job(workspace, "finished", f"{here}:{dead_pid()}", status="done")
    live = jobs.create_job(workspace, "analyse")  # this process will run it
    stale = {job.id for job in jobs.fail_stale_jobs(workspace)}
    assert stale == {"killed", "queued-killed"}
    killed = jobs.get_job(workspace, "killed")
    assert killed.status == "failed" and killed.message.startswith("interrupted: the process")
    assert "30%" in killed.message
    assert jobs.get_job(workspace, "elsewhere").status == "running"
    assert jobs.get_job(workspace, live).status == "queued"


def test_a_failure_handler_that_meets_a_busy_database_still_records_the_failure(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_set = jobs._set
    refusals = 0

    def busy_then_free(ws: Workspace, job_id: str, **values: Any) -> None:
        nonlocal refusals
        if values.get("status") == "failed" and refusals < 3:
            refusals += 1
            raise OperationalError("UPDATE jobs", {}, Exception("database is locked"))
        real_set(ws, job_id, **values)

    monkeypatch.setattr(jobs, "_set", busy_then_free)

    def broken(_progress: jobs.ProgressCallback) -> dict[str, Any]:
        raise ValueError("boom")

    job_id = jobs.create_job(workspace, "analyse")
    jobs.run_job(workspace, job_id, broken)
    job = jobs.get_job(workspace, job_id)
    assert (job.status, job.message, refusals) == ("failed", "ValueError: boom", 3)


def test_a_job_whose_end_cannot_be_recorded_is_not_left_running(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(jobs, "RECORD_RETRY_S", 0.2)
    real_set = jobs._set

    def always_busy(ws: Workspace, job_id: str, **values: Any) -> None:
        if values.get("status") == "failed":
            raise OperationalError("UPDATE jobs", {}, Exception("database is locked"))
        real_set(ws, job_id, **values)

    monkeypatch.setattr(jobs, "_set", always_busy)

    def broken(progress: jobs.ProgressCallback) -> dict[str, Any]:
        progress(0.5, "half way")
        raise ValueError("boom")

    job_id = jobs.create_job(workspace, "analyse")
    jobs.run_job(workspace, job_id, broken)  # never raises
    assert jobs.get_job(workspace, job_id).status == "running"
    monkeypatch.setattr(jobs, "_set", real_set)
    assert [job.id for job in jobs.fail_stale_jobs(workspace)] == [job_id]
    assert jobs.get_job(workspace, job_id).status == "failed"


def test_a_queued_job_of_the_same_kind_is_joined(workspace: Workspace) -> None:
    started: list[str] = []
    gate = threading.Event()

    def schedule(function: Any, *args: Any) -> None:
        started.append(args[1])

    def work(_progress: jobs.ProgressCallback) -> dict[str, Any]:
        gate.wait(5)
        return {}

    first = jobs.submit_once(workspace, "redetect", "again", work, schedule)
    assert jobs.submit_once(workspace, "redetect", "again", work, schedule) == first
    assert jobs.submit_once(workspace, "analyse", "other kind", work, schedule) != first
    jobs.update_progress(workspace, first, 0.1, "detect: begun")  # it began: no longer joinable
    second = jobs.submit_once(workspace, "redetect", "again", work, schedule)
    assert second != first and started == [first, started[1], second]


def test_jobs_are_listed_newest_first_and_paged(workspace: Workspace) -> None:
    made = [jobs.create_job(workspace, "analyse", f"job {i}") for i in range(5)]
    page = jobs.list_jobs(workspace, page=1, page_size=2)
    assert page.total == 5 and [j.id for j in page.items] == made[::-1][:2]
    assert [j.id for j in jobs.list_jobs(workspace, page=3, page_size=2).items] == made[:1]
    jobs.finish(workspace, made[0], {})
    assert [j.id for j in jobs.list_jobs(workspace, status="done").items] == made[:1]


class BarrierEmbedder:
    """The real embedder, but two threads meet inside ``encode``: both have looked the text up
    in the cache and missed it, and both will insert its vector."""

    def __init__(self, inner: Embedder, barrier: threading.Barrier) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.barrier = barrier

    def encode(self, texts: Any) -> Any:
        self.barrier.wait(10)
        return self.inner.encode(texts)


def test_two_writers_caching_the_same_vector_do_not_collide(
    workspace: Workspace, embedder: Embedder
) -> None:
    barrier = threading.Barrier(2)
    errors: list[BaseException] = []

    def cache_it() -> None:
        try:
            with workspace.session() as db:
                embed_cached(db, BarrierEmbedder(embedder, barrier), ["the same sentence"])
        except BaseException as exc:  # noqa: BLE001 - reported below
            errors.append(exc)

    threads = [threading.Thread(target=cache_it) for _ in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    assert errors == []
    with workspace.session() as db:
        assert len(db.scalars(select(EmbeddingCache)).all()) == 1


def test_an_index_out_of_step_is_rebuilt_from_the_database(workspace: Workspace) -> None:
    for i in range(3):
        ingest_bytes(workspace, transcript(f"index-{i}"), f"i{i}.txt")
    folder = workspace.settings.data_dir
    assert not recovery.ensure_index(workspace)
    (folder / INDEX_FILENAME).write_bytes(b"torn write")
    assert recovery.ensure_index(workspace)
    with workspace.session() as db:
        assert index_in_step(workspace, db)
    np.savez(folder / "mentions.delta.npz", removed=np.array([], dtype=np.int64),
             ids=np.array([10**6], dtype=np.int64),
             vectors=np.ones((1, workspace.embedder.dim), dtype=np.float32))  # fmt: skip
    assert recovery.ensure_index(workspace)  # a mention the database does not have


def test_a_job_created_while_stale_jobs_are_sought_is_not_failed(workspace: Workspace) -> None:
    """A server's start recovery beside a request that creates a job: the job created just as
    the open jobs were read had been failed as "interrupted" by its own, running process."""
    created: list[str] = []

    def create_one_first(_conn: Any, _cursor: Any, statement: str, *_args: Any) -> None:
        if not created and statement.lstrip().upper().startswith("SELECT") and "jobs" in statement:
            created.append(jobs.create_job(workspace, "ingest"))  # just before the read

    event.listen(workspace.db.engine, "before_cursor_execute", create_one_first)
    try:
        assert jobs.fail_stale_jobs(workspace) == []
    finally:
        event.remove(workspace.db.engine, "before_cursor_execute", create_one_first)
    assert len(created) == 1 and jobs.get_job(workspace, created[0]).status == "queued"
