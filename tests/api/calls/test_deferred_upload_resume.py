"""An upload stored by a job and interrupted mid-store (SIGKILL) is taken up again at the next
start from its spooled files, under the same job: every row stored once, the job's counts the
file's, its results paged. A spool that is gone is said plainly, with what to do."""

from __future__ import annotations

import io
import shutil
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy import func, select

from pipeline.ingest import service
from pipeline.ingest.deferred import defer_ingest, ingest_results, spool_folder
from pipeline.ingest.resume import resume_interrupted_uploads
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import Upload
from pipeline.jobs import runs as jobs
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.api.calls.test_deferred_upload import crm_export
from tests.conftest import make_settings
from tests.plugins.processes import MOMENT_S, progress, server_process, wait_for

COLUMNS = {"text": "Notes"}


class Killed(BaseException):
    """Stands for SIGKILL inside the job: nothing after it runs."""


def _run_now(function: Any, *args: Any) -> None:
    function(*args)


def _calls(workspace: Workspace) -> int:
    with workspace.session() as session:
        return int(session.scalar(select(func.count()).select_from(Call)) or 0)


def _deferred(workspace: Workspace, data: bytes, schedule: Any) -> str:
    upload = Upload("crm.csv", io.BytesIO(data))
    batch = defer_ingest(workspace, [upload], CallMetadata(), schedule, column_map=COLUMNS)
    assert batch.job_id
    return batch.job_id


def test_an_upload_interrupted_mid_file_is_resumed_from_its_spool(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(service, "PROGRESS_EVERY", 50)
    monkeypatch.setattr(service, "PROGRESS_SECONDS", 3600.0)
    rows = 240

    def killed_after_two_batches(function: Any, ws: Workspace, job_id: str, work: Any) -> None:
        def progress(fraction: float, message: str) -> None:
            jobs.report_progress(ws, job_id, fraction, message)
            if message.startswith("store: 100 of"):
                raise Killed

        with pytest.raises(Killed):
            work(progress)

    job_id = _deferred(workspace, crm_export(rows), killed_after_two_batches)
    assert _calls(workspace) == 100
    jobs.fail(workspace, job_id, f"{jobs.INTERRUPTED}: the process running it stopped")

    assert resume_interrupted_uploads(workspace, _run_now) == [job_id]
    job = jobs.get_job(workspace, job_id)
    assert job.status == "done", job.message
    assert (job.result["created"], job.result["results_total"]) == (rows, rows)
    assert job.message == f"stored {rows} of {rows} calls ({rows} new, 0 already stored)"
    assert _calls(workspace) == rows
    paged = ingest_results(workspace, job_id, limit=1000)
    assert paged["total"] == rows
    assert [r["index"] for r in paged["results"]] == list(range(rows))
    assert resume_interrupted_uploads(workspace, _run_now) == []  # done: not taken up twice


def test_an_interrupted_upload_whose_spool_is_gone_says_to_upload_again(
    workspace: Workspace,
) -> None:
    def never_run(*_args: Any) -> None:
        pass

    job_id = _deferred(workspace, crm_export(40), never_run)
    jobs.fail(
        workspace,
        job_id,
        f"{jobs.INTERRUPTED}: the process running it (vm:1) stopped at 30% "
        "(store: 15,000 of 20,000 calls in file 1 of 1); its calls are analysed again",
    )
    shutil.rmtree(spool_folder(workspace, jobs.get_job(workspace, job_id).result["upload"]))
    assert resume_interrupted_uploads(workspace, never_run) == []
    job = jobs.get_job(workspace, job_id)
    assert job.status == "failed"
    assert "store: 15,000 of 20,000 calls" in job.message
    assert "upload the file again" in job.message
    assert "analysed again" not in job.message


@pytest.mark.slow
def test_sigkill_mid_store_then_restart_stores_every_row_once(tmp_path: Path) -> None:
    """Three CSV exports in one upload; the server is killed once the first is stored."""
    data_dir = tmp_path / "data"
    exports = [
        (f"crm-{n}.csv", crm_export(80).replace(b"(visit", f"(site {n}, visit".encode()))
        for n in range(3)
    ]
    rows = 240  # a file is one transaction: the kill lands after the first, before the third
    log = tmp_path / "serve.log"
    with server_process(data_dir, log, deferred_ingest_bytes="2048") as server:
        server.start()
        observer = Workspace(make_settings(data_dir))
        try:
            answer: dict[str, Any] = {}

            def upload() -> None:
                files = [("files", export) for export in exports]
                response = httpx.post(
                    f"{server.url}/api/calls",
                    files=files,
                    data={"column_map": '{"text": "Notes"}'},
                    timeout=60,
                )
                answer.update(response.json())

            thread = threading.Thread(target=upload, daemon=True)
            thread.start()
            wait_for(lambda: 0 < _calls(observer) < rows, "a part-stored upload", 240, MOMENT_S)
            server.kill_9()
            thread.join(timeout=10)
            job_id = answer["job_id"]
            assert 0 < _calls(observer) < rows
            server.start()

            def ended() -> jobs.JobRead | None:
                job = jobs.get_job(observer, job_id)
                return job if job.status == "done" else None

            job = wait_for(ended, "the upload to be resumed and analysed", 300)
            assert _calls(observer) == rows
            result = job.result
            assert result["results_total"] == rows and result["rejected"] == 0
            assert result["created"] + result["resumed"] == rows, result
            assert job.message.startswith(f"stored {rows} of {rows} calls")
            paged = httpx.get(f"{server.url}/api/jobs/{job_id}/results?limit=1000").json()
            assert paged["total"] == rows
            assert len({r["call_id"] for r in paged["results"]}) == rows  # each row once
            wait_for(lambda: not progress(observer).open_jobs, "every job to end", 300)
            assert progress(observer).pending == 0
        finally:
            observer.close()
