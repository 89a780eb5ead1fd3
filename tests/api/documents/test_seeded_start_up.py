"""The seeded calls are stored as analysed: an app started over them has nothing to recover, so
no background analysis detects their mentions again and re-clusters them while a test reads or
changes the seeded themes (a regenerate in that window found no theme: 422)."""

from __future__ import annotations

import threading

from pipeline.analysis import flow as analysis
from pipeline.analysis.recovery import resume_in_background
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import app_client
from tests.plugins.documents import Seeded

START_UP = "recover"  # the name of the thread the app's start-up work runs in (api/app.py)


def _start_up_finished() -> None:
    """Wait for the app's start-up thread: what it submits is listed once it has returned."""
    for thread in threading.enumerate():
        if thread.name == START_UP:
            thread.join(timeout=60)
            assert not thread.is_alive(), "the app's start-up work did not finish"


def test_an_app_started_over_seeded_calls_recovers_nothing(
    ws: Workspace, seeded: Seeded, embedder: Embedder
) -> None:
    assert len(seeded.calls) == 3
    # The test process's embedder: the start-up's index check embeds the seeded mentions.
    workspace = Workspace(ws.settings, embedder=embedder)
    try:
        with app_client(workspace) as api:
            _start_up_finished()
            jobs = api.get("/api/jobs").json()
            assert jobs["total"] == 0, jobs["items"]
    finally:
        workspace.close()
    assert analysis.pending_call_ids(ws) == []
    scheduled: list[object] = []
    assert resume_in_background(ws, lambda *task: scheduled.append(task)) is None
    assert scheduled == []
