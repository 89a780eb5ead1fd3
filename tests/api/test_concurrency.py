"""16 parallel uploads, a running re-cluster, redetects and readers against the app served by
uvicorn on 127.0.0.1: every call stored once, nothing lost, no "database is locked", no
unique-key failure, every call analysed at the end; on SQLite and on PostgreSQL. Loopback
only, bounded in count and time."""

from __future__ import annotations

import logging
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.store.models import AnalysisState
from tests.insights_corpus import THEMES
from tests.plugins.live_server import LiveServer, serve
from tests.plugins.processes import index_agrees, settled, snapshot, wait_for
from tests.samples import transcript

pytestmark = [pytest.mark.slow, pytest.mark.postgres]

UPLOADS = 16
DUPLICATES = 4  # the first four files sent twice, at the same moment
REDETECTS = 4
READERS = 4
# A reader pauses between rounds of its four GETs: reads still land all through the writes
# (several rounds a reader), without the readers taking most of the served app's CPU.
READ_PAUSE_S = 0.5
SENTENCES = [line for lines in THEMES.values() for line in lines]


def call_file(i: int) -> bytes:
    return transcript(f"concurrent-{i}") + f"Dana Ruiz: {SENTENCES[i % len(SENTENCES)]}\n".encode()


@pytest.fixture
def server(corpus_settings: Settings, embedder: Embedder) -> Iterator[LiveServer]:
    with serve(corpus_settings, embedder) as live:
        yield live


@pytest.fixture
def client() -> Iterator[httpx.Client]:
    """One client for every thread (it is thread-safe; its pool opens a connection for each
    request at once): ``httpx.get`` builds a TLS context per call, about 30 ms of CPU."""
    with httpx.Client(timeout=300) as shared:
        yield shared


def test_parallel_uploads_reclusters_redetects_and_readers(
    server: LiveServer, client: httpx.Client, caplog: pytest.LogCaptureFixture
) -> None:
    before = snapshot(server.workspace).calls
    answers: list[tuple[str, int, str]] = []
    guard = threading.Lock()
    start = threading.Barrier(UPLOADS + DUPLICATES + REDETECTS + READERS + 1)
    writers_done = threading.Event()

    def record(what: str, response: httpx.Response) -> None:
        with guard:
            answers.append((what, response.status_code, response.text))

    def upload(i: int) -> None:
        start.wait(30)
        files = {"files": (f"call-{i}.txt", call_file(i))}
        record("upload", client.post(f"{server.url}/api/calls", files=files))

    def redetect() -> None:
        start.wait(30)
        record("redetect", client.post(f"{server.url}/api/calls/redetect"))

    def read() -> None:
        start.wait(30)
        urls = ["/api/clusters", "/api/calls?page_size=100", "/api/search?q=price", "/api/jobs"]
        while True:
            for url in urls:
                record("read", client.get(server.url + url))
            if writers_done.wait(READ_PAUSE_S):
                return

    def recluster() -> None:
        start.wait(30)
        record("recluster", client.post(f"{server.url}/api/clusters/rebuild"))

    def run(target: Callable[..., None], *args: Any) -> threading.Thread:
        thread = threading.Thread(target=target, args=args, daemon=True)
        thread.start()
        return thread

    writers = [run(recluster)]
    writers += [run(upload, i) for i in range(UPLOADS)]
    writers += [run(upload, i) for i in range(DUPLICATES)]
    writers += [run(redetect) for _ in range(REDETECTS)]
    readers = [run(read) for _ in range(READERS)]
    started = time.monotonic()
    for thread in writers:
        thread.join(600)
    writers_done.set()
    for thread in readers:
        thread.join(60)
    assert not any(t.is_alive() for t in writers + readers)

    statuses = Counter((what, status) for what, status, _ in answers)
    assert all(status < 500 for _, status, _ in answers), statuses
    assert not [t for _, _, t in answers if "database is locked" in t or "UNIQUE constraint" in t]
    assert statuses[("upload", 201)] + statuses[("upload", 200)] == UPLOADS + DUPLICATES
    assert statuses[("recluster", 202)] == 1 and statuses[("redetect", 202)] == REDETECTS
    assert statuses[("read", 200)] >= READERS

    ended = wait_for(lambda: settled(server.workspace), "every job to finish", timeout_s=300)
    assert ended.calls == before + UPLOADS  # each duplicate stored once
    assert ended.states == {AnalysisState.analysed: ended.calls}
    assert ended.in_retired_clusters == 0
    redetects = [job for job in ended.jobs.values() if job[0] == "redetect"]
    # Requests that come while one is queued join it: one may run while the next is queued.
    assert 1 <= len(redetects) <= 2 and all(status == "done" for _, status, _ in redetects)
    assert all(status != "failed" for _, status, _ in ended.jobs.values())
    assert index_agrees(server.workspace)
    problems = [r.getMessage() for r in caplog.records if r.levelno >= logging.ERROR]
    assert problems == []
    print(
        f"\nconcurrency: {len(answers)} requests in {time.monotonic() - started:.0f} s "
        f"({dict(statuses)}); {len(redetects)} redetect jobs for {REDETECTS} requests"
    )
