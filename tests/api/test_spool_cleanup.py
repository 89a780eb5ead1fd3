"""A spool folder under ``<data_dir>/incoming/`` that no job will read (a crashed job's, an
upload whose every file was refused) is removed when the server starts; a fresh one (an upload
another process is spooling), an open job's and a finished upload's (its results are paged
from it) are kept."""

from __future__ import annotations

import json
import logging
import os
import time
from pathlib import Path

import pytest

from pipeline.ingest.deferred import INCOMING_DIR, MANIFEST, SPOOL_GRACE_S, remove_orphan_spools
from pipeline.jobs import runs as jobs
from pipeline.workspace import Workspace
from tests.conftest import app_client


def _spool(workspace: Workspace, name: str, *, age_s: float) -> Path:
    folder = workspace.settings.data_dir / INCOMING_DIR / name
    folder.mkdir(parents=True)
    (folder / MANIFEST).write_text(json.dumps({"files": [], "metadata": {}}), "utf-8")
    then = time.time() - age_s
    for path in (folder / MANIFEST, folder):
        os.utime(path, (then, then))
    return folder


def test_the_server_start_removes_a_spool_folder_no_job_owns(
    workspace: Workspace, caplog: pytest.LogCaptureFixture
) -> None:
    orphan = _spool(workspace, "0b431e791d654f798e13e91c67635f82", age_s=SPOOL_GRACE_S + 60)
    fresh = _spool(workspace, "5d0c5c3f2b9e4f0a8a1d6c7e9f0a1b2c", age_s=5)
    caplog.set_level(logging.WARNING, logger="pipeline.ingest.deferred")
    with app_client(workspace) as client:
        deadline = time.monotonic() + 2.5
        while orphan.exists() and time.monotonic() < deadline:
            time.sleep(0.05)
        assert client.get("/api/jobs").status_code == 200
    assert not orphan.exists()
    assert fresh.exists()
    assert any(orphan.name in r.getMessage() for r in caplog.records)


def test_an_open_jobs_and_a_finished_uploads_folders_are_kept(workspace: Workspace) -> None:
    finished = _spool(workspace, "aaaa0000aaaa0000aaaa0000aaaa0000", age_s=60)
    jobs.finish(workspace, jobs.create_job(workspace, "ingest"), {"upload": finished.name})
    running = _spool(workspace, "bbbb1111bbbb1111bbbb1111bbbb1111", age_s=60)
    jobs.create_job(workspace, "ingest")  # open, created after that folder was spooled
    crashed = _spool(workspace, "cccc2222cccc2222cccc2222cccc2222", age_s=-30)  # after it
    later = time.time() + SPOOL_GRACE_S + 600  # every folder is past the grace period
    assert remove_orphan_spools(workspace, now=later) == [crashed.name]
    assert finished.exists() and running.exists() and not crashed.exists()
