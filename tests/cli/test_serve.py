"""``callmine serve`` as a team runs it: several processes on one data dir, each loading the
search model at start and freezing what it loaded out of the garbage collector's walks."""

from __future__ import annotations

import gc
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import psutil
import pytest

from api.app import warm_up
from pipeline.cluster.search import search_quotes
from pipeline.workspace import Workspace
from tests.plugins.processes import server_process, wait_for

pytestmark = pytest.mark.slow


def test_two_server_processes_share_the_data_dir(ws: Workspace, tmp_path: Path) -> None:
    log = tmp_path / "serve.log"
    with server_process(ws.settings.data_dir, log, web_workers="2") as server:
        server.start()
        assert server.process is not None
        parent = psutil.Process(server.process.pid)

        def serving_processes() -> list[psutil.Process]:
            return [p for p in parent.children() if "spawn" in " ".join(p.cmdline())]

        assert len(wait_for(lambda: len(serving_processes()) == 2 and serving_processes(),
                            "two server processes")) == 2  # fmt: skip
        paths = ["/api/clusters", "/api/search?q=it+costs+too+much", "/", "/api/jobs"] * 6
        with ThreadPoolExecutor(8) as pool:
            answers = list(pool.map(lambda p: httpx.get(server.url + p, timeout=60), paths))
        assert [a.status_code for a in answers] == [200] * len(paths), log.read_text()
        assert answers[0].json() and answers[1].json()[0]["text"]
    assert "2 processes" in log.read_text()


def test_warm_up_loads_the_search_and_freezes_what_it_loaded(ws: Workspace) -> None:
    before = gc.get_freeze_count()
    try:
        warm_up(ws)
        assert gc.get_freeze_count() > before
    finally:
        gc.unfreeze()
    assert search_quotes(ws, "it costs too much", k=1)
