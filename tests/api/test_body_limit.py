"""A request body over CALLMINE_MAX_REQUEST_BYTES is refused as it streams, against the app
served by uvicorn on 127.0.0.1 (a declared length at once, a chunked body once it passes)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pipeline.embed import Embedder
from tests.conftest import make_settings
from tests.plugins.live_server import LiveServer, serve
from tests.plugins.processes import snapshot
from tests.samples import transcript

LIMIT = 64 * 1024


@pytest.fixture
def server(tmp_path: Path, embedder: Embedder) -> Iterator[LiveServer]:
    settings = make_settings(tmp_path / "data", max_request_bytes=LIMIT)
    with serve(settings, embedder) as live:
        yield live


def test_a_body_over_the_limit_is_refused_while_it_streams(server: LiveServer) -> None:
    sent: list[int] = []

    def chunks() -> Iterator[bytes]:
        boundary = b'--x\r\nContent-Disposition: form-data; name="files"; filename="a.txt"\r\n\r\n'
        yield boundary
        for _ in range(64):  # 4 MB in all, 64 times the limit
            sent.append(1)
            yield b"Dana Ruiz: it costs too much.\n" * 2185

    with httpx.Client(base_url=server.url, timeout=30) as http:
        huge = http.post(
            "/api/calls",
            content=chunks(),
            headers={"content-type": "multipart/form-data; boundary=x"},
        )
        assert huge.status_code == 413, huge.text
        assert huge.headers["content-type"].startswith("application/problem+json")
        assert "CALLMINE_MAX_REQUEST_BYTES" in huge.json()["detail"]
        declared = http.post(
            "/api/calls",
            content=b"x" * (LIMIT + 1),
            headers={"content-type": "application/octet-stream"},
        )
        assert declared.status_code == 413
        page = http.post(
            "/upload",
            content=b"x" * (LIMIT + 1),
            headers={"content-type": "application/x-www-form-urlencoded", "accept": "text/html"},
        )
        assert page.status_code == 413 and "text/html" in page.headers["content-type"]
        assert snapshot(server.workspace).calls == 0  # nothing stored
        small = http.post(
            "/api/calls", files={"files": ("call.txt", transcript("small"), "text/plain")}
        )
        assert small.status_code in (200, 201), small.text
    assert len(sent) < 64  # the server stopped reading long before the end
