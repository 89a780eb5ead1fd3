"""The real app served by uvicorn on 127.0.0.1 for browser tests.

``live_server`` (module scope) serves a fresh data dir; ``corpus_live_server`` a private copy of
the analysed theme corpus; ``start_live_server`` builds one with settings overrides (e.g. an LLM
URL that refuses connections).
"""

from __future__ import annotations

import shutil
import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
import uvicorn

from api.app import create_app
from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.workspace import Workspace


@dataclass
class LiveServer:
    url: str
    workspace: Workspace


@contextmanager
def serve(settings: Settings, embedder: Embedder) -> Iterator[LiveServer]:
    """Run the app in a uvicorn thread on a free port; stop it and close the workspace after."""
    workspace = Workspace(settings, embedder=embedder)
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    config = uvicorn.Config(create_app(workspace=workspace), log_level="warning", lifespan="on")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("live server did not start")
        time.sleep(0.05)
    httpx.get(url + "/static/app.css", timeout=5).raise_for_status()
    try:
        yield LiveServer(url, workspace)
    finally:
        server.should_exit = True
        thread.join(timeout=10)
        sock.close()
        workspace.close()


def live_settings(data_dir: Path, **overrides: Any) -> Settings:
    values: dict[str, Any] = {"data_dir": data_dir, "llm_base_url": None, "llm_model": None}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[call-arg]


@pytest.fixture(scope="module")
def live_server(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Iterator[LiveServer]:
    settings = live_settings(tmp_path_factory.mktemp("live") / "data")
    with serve(settings, embedder) as server:
        yield server


@contextmanager
def serve_corpus_copy(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, embedder: Embedder, **overrides: Any
) -> Iterator[LiveServer]:
    """The analysed theme corpus served from a private copy of the run's build: analysing it
    again in each module's server cost a browser module about ten seconds of CPU."""
    data_dir = tmp_path_factory.mktemp("live-corpus") / "data"
    shutil.copytree(corpus_dir, data_dir)
    with serve(live_settings(data_dir, **overrides), embedder) as server:
        yield server


@pytest.fixture(scope="module")
def corpus_live_server(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, embedder: Embedder
) -> Iterator[LiveServer]:
    with serve_corpus_copy(tmp_path_factory, corpus_dir, embedder) as server:
        yield server


@pytest.fixture(scope="module")
def start_live_server(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder
) -> Callable[..., Any]:
    """A context-manager factory: ``with start_live_server(llm_base_url=...) as server:``."""

    def start(**overrides: Any) -> Any:
        return serve(live_settings(tmp_path_factory.mktemp("live") / "data", **overrides), embedder)

    return start
