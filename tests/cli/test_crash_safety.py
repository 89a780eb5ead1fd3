"""SIGKILL a real ``callmine serve`` mid-ingest, mid-analysis and mid-re-cluster, and the CLI
mid-ingest; after a restart nothing is half-written, nothing is left unanalysed, no job is
left running, and the faiss index agrees with the database.

Each kill waits for its moment in the data dir itself (calls stored but not all, a batch of an
analysis job written but not all, the re-cluster holding the writer lock), so it lands inside
the stage it names. Loopback only; every wait is bounded.
"""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.embed import Embedder
from pipeline.jobs import runs as jobs
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.insights_corpus import THEMES
from tests.plugins.processes import (
    MOMENT_S,
    Progress,
    ServerProcess,
    Snapshot,
    index_agrees,
    kill_9,
    progress,
    server_process,
    settled,
    snapshot,
    start_callmine,
    wait_for,
    writer_busy,
)

pytestmark = pytest.mark.slow

SENTENCES = [line for lines in THEMES.values() for line in lines]
SMALL_CALLS = 100  # three turns each, 15 kB: stored one at a time over a second or so
BIG_CALLS = 6  # forty utterances each: an analysis of three batches of BATCH utterances
BATCH = "80"  # two big calls a batch: the kill lands with one or two of three batches written


def small_call(i: int) -> bytes:
    sentence = SENTENCES[i % len(SENTENCES)]
    return (
        f"Maria Chen: Thanks for joining, account {i}.\n"
        f"Dana Ruiz: {sentence}\n"
        f"Maria Chen: Noted for call {i}.\n"
    ).encode()


def big_call(i: int) -> bytes:
    lines = []
    for turn in range(20):
        sentence = SENTENCES[(i + turn) % len(SENTENCES)]
        lines.append(f"Maria Chen: Question {turn} for account {i}?")
        lines.append(f"Dana Ruiz: {sentence}")
    return ("\n".join(lines) + "\n").encode()


@pytest.fixture
def observer(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    """The test's own view of the data dir the processes write."""
    workspace = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield workspace
    workspace.close()


def assert_whole(now: Snapshot, turns: set[int] | None = None) -> None:
    """No half-written call, nothing unanalysed, no job left open, no mention in a cluster a
    re-cluster retired."""
    assert now.states == {"analysed": now.calls}, now.states
    assert all(count > 0 for count in now.utterances_per_call.values())
    if turns is not None:
        assert set(now.utterances_per_call.values()) <= turns
    assert now.open_jobs == []
    assert now.in_retired_clusters == 0


def part_way(
    workspace: Workspace, low: int, high: int, *, analysed: bool = False, pending: bool = False
) -> Progress | None:
    """The data dir when ``low < calls < high`` (or, with ``analysed``, when all ``high`` are
    stored and ``low < analysed < high``; with ``pending``, when some are still pending)."""
    now = progress(workspace)
    if analysed:
        return now if now.calls == high and low < now.analysed < high else None
    if pending and not now.pending:
        return None
    return now if low < now.calls < high else None


def upload(url: str, calls: list[tuple[str, bytes]]) -> None:
    """POST the files; the server is killed under it, so no answer is expected."""
    try:
        httpx.post(f"{url}/api/calls", files=[("files", c) for c in calls], timeout=120)
    except httpx.TransportError:
        pass


def test_kill_9_the_server_mid_ingest_mid_analysis_and_mid_recluster(
    tmp_path: Path, observer: Workspace
) -> None:
    data_dir = observer.settings.data_dir
    small = [(f"small-{i}.txt", small_call(i)) for i in range(SMALL_CALLS)]
    big = [(f"big-{i}.txt", big_call(i)) for i in range(BIG_CALLS)]
    log = tmp_path / "serve.log"
    with server_process(
        data_dir, log, background_ingest_bytes="10000", analysis_batch_utterances=BATCH
    ) as server:
        # 1. Mid-ingest: some of the upload's calls are stored, not all.
        server.start()
        threading.Thread(target=upload, args=(server.url, small), daemon=True).start()
        at_kill = wait_for(
            lambda: part_way(observer, 0, SMALL_CALLS), "a part-stored upload", every_s=MOMENT_S
        )
        server.kill_9()
        stored = snapshot(observer).calls
        assert 0 < stored < SMALL_CALLS and at_kill.analysed == 0
        restart_and_check(server, observer, expect_calls=stored)
        # 2. Mid-analysis: an analysis job has written some batches, not all.
        threading.Thread(target=upload, args=(server.url, big), daemon=True).start()
        wait_for(
            lambda: part_way(observer, stored, stored + BIG_CALLS, analysed=True),
            "the analysis job to be part-way",
            every_s=MOMENT_S,
        )
        server.kill_9()
        interrupted = snapshot(observer)
        assert interrupted.pending > 0 and len(interrupted.open_jobs) == 1
        after = restart_and_check(server, observer, expect_calls=stored + BIG_CALLS)
        job = after.jobs[interrupted.open_jobs[0]]
        assert job[:2] == ("analyse", "failed") and job[2].startswith("interrupted")
        # 3. Mid-re-cluster: a redetect's full re-cluster holds the writer lock.
        response = httpx.post(f"{server.url}/api/calls/redetect", timeout=30)
        redetect = response.json()["job_id"]
        wait_for(
            lambda: (
                jobs.get_job(observer, redetect).message.startswith("cluster:")
                and writer_busy(data_dir)
            ),
            "the redetect to be re-clustering",
            timeout_s=240,
            every_s=MOMENT_S,
        )
        server.kill_9()
        assert snapshot(observer).pending == 0  # every call was detected again first
        after = restart_and_check(server, observer, expect_calls=stored + BIG_CALLS)
        assert after.jobs[redetect][1] == "failed"
        recover = [j for j in after.jobs.values() if j[0] == "recover"]
        assert recover[-1][1] == "done"


def restart_and_check(server: ServerProcess, observer: Workspace, *, expect_calls: int) -> Snapshot:
    server.start()
    after: Snapshot = wait_for(
        lambda: settled(observer, nothing_pending=True), "the recovery to finish", timeout_s=240
    )
    assert after.calls == expect_calls
    assert_whole(after, turns={3, 40})
    assert index_agrees(observer)
    return after


def test_kill_9_the_cli_mid_ingest_then_ingest_again(tmp_path: Path, observer: Workspace) -> None:
    data_dir = observer.settings.data_dir
    folder = tmp_path / "calls"
    folder.mkdir()
    for i in range(SMALL_CALLS):
        (folder / f"call-{i:03d}.txt").write_bytes(small_call(i))
    log = tmp_path / "cli.log"
    process = start_callmine(data_dir, log, "ingest", str(folder), analysis_batch_utterances=BATCH)
    wait_for(
        lambda: part_way(observer, 0, SMALL_CALLS + 1, pending=True),
        "a part-way ingest",
        every_s=MOMENT_S,
    )
    kill_9(process)
    killed = snapshot(observer)
    assert killed.pending > 0 and killed.calls <= SMALL_CALLS
    rerun = start_callmine(data_dir, log, "ingest", str(folder), "--json")  # default batches
    assert rerun.wait(timeout=300) == 0, log.read_text()[-3000:]
    after = snapshot(observer)
    assert after.calls == SMALL_CALLS
    assert_whole(after, turns={3})
    assert index_agrees(observer)
    summary = log.read_text()
    assert f'"resumed": {killed.pending}' in summary and '"rejected": 0' in summary
