"""Two real ``callmine ingest`` processes given the same file at once: the call is stored once
and analysed once, the second answers ``duplicate`` with its id (not ``resumed``); an ingest
SIGKILLed before its analysis leaves a claim the next ingest takes over, and the call ends
analysed. On SQLite and on PostgreSQL; every wait is bounded.

The test holds the writer lock while the processes store, so both are still at work (stored,
waiting to analyse) when the second meets the call: the moment a race would otherwise hit."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from pipeline.ingest.service import ingest_bytes
from pipeline.processes import this_process
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.plugins.processes import ROOT, callmine_env, wait_for, writer_waiters
from tests.samples import transcript

pytestmark = [pytest.mark.slow, pytest.mark.postgres]


def start_ingest(workspace: Workspace, path: Path, log: Path) -> subprocess.Popen[str]:
    """``callmine ingest PATH --json`` on the workspace's data dir and database."""
    settings = workspace.settings
    database = {"database_url": settings.database_url} if settings.database_url else {}
    with log.open("a") as sink:
        return subprocess.Popen(
            [sys.executable, "-m", "api.cli", "ingest", str(path), "--json"],
            cwd=ROOT,
            env=callmine_env(settings.data_dir, **database),
            stdout=subprocess.PIPE,
            stderr=sink,
            text=True,
        )


def answer(process: subprocess.Popen[str], log: Path) -> dict[str, Any]:
    out, _ = process.communicate(timeout=240)
    assert process.returncode == 0, log.read_text()
    summary: dict[str, Any] = json.loads(out)
    return summary


def calls(workspace: Workspace) -> list[tuple[int, str, str | None]]:
    with workspace.session() as db:
        rows = db.execute(select(Call.id, Call.analysis_state, Call.claimed_by)).all()
    return [(int(i), str(state), owner) for i, state, owner in rows]


def stored_one(workspace: Workspace) -> bool:
    with workspace.session() as db:
        return db.scalar(select(func.count()).select_from(Call)) == 1


def test_two_ingests_of_one_file_at_once_analyse_it_once(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "discovery-call.txt"
    path.write_bytes(transcript("two processes at once"))
    log = tmp_path / "ingests.log"
    started: list[subprocess.Popen[str]] = []
    try:
        with workspace.writer():  # neither analyses until both have met the call
            started.append(start_ingest(workspace, path, log))
            wait_for(lambda: stored_one(workspace), "the first ingest to store the call")
            started.append(start_ingest(workspace, path, log))
            wait_for(lambda: writer_waiters(workspace) >= 2, "both ingests to wait to analyse")
        first, second = (answer(process, log) for process in started)
    finally:
        for process in started:
            process.kill()
            process.wait(timeout=30)
    [made], [met] = first["results"], second["results"]
    assert (made["status"], met["status"]) == ("created", "duplicate"), (first, second)
    assert met["call_id"] == made["call_id"]
    assert (second["created"], second["duplicates"], second["resumed"]) == (0, 1, 0)
    # Analysed once, by the process that stored it.
    analysed = [s["analysis"]["calls"] for s in (first, second) if s["analysis"]]
    assert analysed == [1], (first["analysis"], second["analysis"])
    [(call_id, state, _owner)] = calls(workspace)
    assert (call_id, state) == (made["call_id"], "analysed")


def test_an_ingest_killed_before_its_analysis_is_taken_over(
    workspace: Workspace, tmp_path: Path
) -> None:
    path = tmp_path / "renewal-call.txt"
    path.write_bytes(transcript("killed before analysis"))
    log = tmp_path / "killed.log"
    with workspace.writer():  # the first ingest stores the call, then waits here
        first = start_ingest(workspace, path, log)
        try:
            wait_for(lambda: writer_waiters(workspace) >= 1, "the ingest to wait to analyse")
        finally:
            first.kill()  # SIGKILL: no handler, no clean-up
            first.wait(timeout=30)
    [(call_id, state, owner)] = calls(workspace)
    assert state == "pending" and (owner or "").endswith(f":{first.pid}")  # the dead one's
    [again] = ingest_bytes(workspace, path.read_bytes(), path.name)
    assert (again.status, again.call_id) == ("resumed", call_id)
    assert calls(workspace) == [(call_id, "analysed", this_process())]
