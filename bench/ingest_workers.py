"""Ingest throughput on PostgreSQL with the job queue: ``--n`` calls uploaded through the API,
their analysis run by one and then two ``callmine worker`` processes. One JSON line.

Usage: bench/ingest_workers.py [--n 1000] [--clients 4] [--timeout 1200] [--postgres URL]
Each run gets a fresh database on a throwaway PostgreSQL cluster (the tests' one, started on
127.0.0.1 and stopped afterwards; or on the running server ``--postgres`` names, dropped after),
``callmine serve`` with ``CALLMINE_JOB_QUEUE=procrastinate`` (every upload queues an analysis
job) and the workers, each with its own data dir as on separate machines. Calls: 8 turns each,
the buyer's lines Banking77 texts (CC BY 4.0, ../shared/data).
Reported per worker count: the seconds to upload (``--clients`` threads, one call a request),
the seconds until every job has finished, calls per second end to end; ``ratio`` is two
workers' rate over one worker's (the baseline, same process, same calls).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
from common import ROOT, emit, load_banking77
from servers import free_port, start_server
from sqlalchemy import create_engine, make_url, text
from sqlalchemy.pool import NullPool

sys.path.insert(0, str(ROOT))
from tests.plugins.postgres import pg_bin_dir, throwaway_cluster  # noqa: E402

TURNS = 8


def transcripts(n: int) -> list[bytes]:
    texts, _ = load_banking77("train")
    calls = []
    for c in range(n):
        lines = []
        for t in range(TURNS // 2):
            lines.append(f"Maya Chen (rep): What should I know about step {t} for you?")
            lines.append(f"Dana Ruiz: {texts[(c * TURNS + t) % len(texts)]} (call {c})")
        calls.append(("\n".join(lines) + "\n").encode())
    return calls


def upload_all(url: str, calls: list[bytes], clients: int) -> None:
    errors: list[str] = []
    lock = threading.Lock()
    todo = list(enumerate(calls))

    def client() -> None:
        with httpx.Client(base_url=url, timeout=120) as http:
            while True:
                with lock:
                    if not todo:
                        return
                    number, body = todo.pop()
                answer = http.post("/api/calls", files={"files": (f"c{number}.txt", body)})
                if answer.status_code != 201:
                    with lock:
                        errors.append(f"{answer.status_code}: {answer.text[:200]}")

    threads = [threading.Thread(target=client) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} uploads failed, e.g. {errors[:2]}")


def jobs_open(http: httpx.Client) -> int:
    return sum(
        int(http.get("/api/jobs", params={"status": status}).json()["total"])
        for status in ("queued", "running")
    )


def run(
    database_url: str, calls: list[bytes], workers: int, clients: int, timeout: float
) -> dict[str, Any]:
    settings = {
        "CALLMINE_DATABASE_URL": database_url,
        "CALLMINE_JOB_QUEUE": "procrastinate",
        "CALLMINE_BACKGROUND_INGEST_BYTES": "0",
        "CALLMINE_LLM_BASE_URL": "",
    }
    os.environ.update(settings)
    with tempfile.TemporaryDirectory(prefix="callmine-workers-") as tmp:
        port = free_port()
        server = start_server(Path(tmp) / "server", port, Path(tmp) / "server.log")
        started_workers = []
        try:
            for n in range(workers):
                env = {**os.environ, **settings, "CALLMINE_DATA_DIR": str(Path(tmp) / f"w{n}")}
                with (Path(tmp) / f"worker-{n}.log").open("wb") as log:
                    started_workers.append(
                        subprocess.Popen(
                            [str(Path(sys.executable).parent / "callmine"), "worker"],
                            env=env,
                            stdout=log,
                            stderr=subprocess.STDOUT,
                        )
                    )
            url = f"http://127.0.0.1:{port}"
            started = time.perf_counter()
            upload_all(url, calls, clients)
            uploaded = time.perf_counter() - started
            deadline = time.monotonic() + timeout
            with httpx.Client(base_url=url, timeout=60) as http:
                while jobs_open(http) and time.monotonic() < deadline:
                    time.sleep(0.25)
                if jobs_open(http):
                    raise SystemExit(f"jobs still open after {timeout:.0f} s")
                failed = http.get("/api/jobs", params={"status": "failed"}).json()["total"]
                stored = http.get("/api/calls", params={"page_size": 1}).json()["total"]
            total = time.perf_counter() - started
        finally:
            for process in [*started_workers, server]:
                process.terminate()
            for process in [*started_workers, server]:
                process.wait(timeout=60)
    return {
        "upload_s": round(uploaded, 1),
        "total_s": round(total, 1),
        "calls_per_s": round(len(calls) / total, 2),
        "calls_stored": stored,
        "jobs_failed": failed,
    }


@contextlib.contextmanager
def databases(admin_url: str | None) -> Iterator[Callable[[], str]]:
    """Makes a fresh database per run and returns its URL: on the server at ``admin_url``
    (dropped afterwards), or on a throwaway cluster started here."""
    if admin_url is None:
        bin_dir = pg_bin_dir()
        if bin_dir is None:
            raise SystemExit("PostgreSQL server binaries not found (make system-deps)")
        with throwaway_cluster(bin_dir) as cluster:
            yield lambda: cluster.url(cluster.new_database())
        return
    server = make_url(admin_url)
    admin = create_engine(server, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    made: list[str] = []

    def new_database() -> str:
        made.append(f"bench_{uuid.uuid4().hex[:12]}")
        with admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {made[-1]}"))
        return server.set(database=made[-1]).render_as_string(hide_password=False)

    try:
        yield new_database
    finally:
        with admin.connect() as connection:
            for name in made:
                connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
        admin.dispose()


def main() -> None:
    import argparse

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=1000, help="Calls uploaded.")
    parser.add_argument("--clients", type=int, default=4, help="Upload threads.")
    parser.add_argument("--timeout", type=float, default=1200.0, help="Seconds per run.")
    parser.add_argument(
        "--postgres", default=None, metavar="URL",
        help="Admin URL of a running PostgreSQL server (default: a throwaway cluster).",
    )  # fmt: skip
    args = parser.parse_args()
    calls = transcripts(args.n)
    record: dict[str, Any] = {"benchmark": "ingest_workers", "n": args.n, "clients": args.clients}
    with databases(args.postgres) as new_database:
        for workers in (1, 2):
            url = new_database()
            record[f"workers_{workers}"] = run(url, calls, workers, args.clients, args.timeout)
    one, two = record["workers_1"]["calls_per_s"], record["workers_2"]["calls_per_s"]
    record["ratio"] = round(two / max(one, 1e-9), 2)
    emit(record)


if __name__ == "__main__":
    main()
