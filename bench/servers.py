"""A ``callmine serve`` of its own for a benchmark: a free loopback port, the server started
and waited for. Its own module so that the benchmarks that only start a server (large upload,
ingest workers) do not import api_load's corpus and clustering (about 0.7 s CPU each)."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(folder: Path, port: int, log: Path, workers: int = 1) -> subprocess.Popen[bytes]:
    env = {**os.environ, "CALLMINE_DATA_DIR": str(folder), "CALLMINE_LLM_BASE_URL": ""}
    with log.open("wb") as out:
        process = subprocess.Popen(
            [str(Path(sys.executable).parent / "callmine"), "serve", "--host", "127.0.0.1"]
            + ["--port", str(port), "--workers", str(workers)],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    deadline = time.monotonic() + 300
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise SystemExit(f"callmine serve exited with {process.returncode}")
        try:
            if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=2).status_code == 200:
                return process
        except httpx.HTTPError:
            time.sleep(0.5)
    process.kill()
    raise SystemExit("callmine serve did not answer within 300 s")
