"""The server under load from concurrent clients on loopback: latency percentiles. One JSON line.

Usage: bench/api_load.py [--n 100000] [--clients 8,32] [--seconds 10] [--workers CORES]
Corpus: ``--n`` buyer mentions in calls of 100 (bench/incremental.py's corpus: real MiniLM vectors
of the Banking77 texts, noisy copies beyond them), clustered, in a fresh data dir. Then
``callmine serve --workers`` (one process per core by default) runs on 127.0.0.1 and, for each
client count, that many threads (one ``httpx`` client each) request the clusters page, a cluster
page, a quote search and ``/api/clusters`` in turn for ``--seconds``. Reported per level and
request: p50/p95/p99 in ms and the request count; the baseline is ``/healthz`` (no database)
measured the same way in the same run (for 2 s, or ``--seconds`` when shorter), and
``ratio_p50`` is each request's p50 over it.
Target: p95 < 100 ms at 8 clients.
Bounded: loopback only, a fixed time per level, the server stopped afterwards.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path
from typing import Any

import httpx
import numpy as np
from common import Timing, emit, local_embedder
from incremental import base_corpus, fill, variants
from servers import free_port, start_server
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.index import rebuild_index
from pipeline.config import Settings
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace

TARGET_P95_MS = 100.0
SEARCHES = ("it costs too much", "card payment declined", "change my pin", "transfer failed")


def build(folder: Path, n: int) -> tuple[int, float]:
    """A data dir with ``n`` clustered mentions; returns a cluster id and the seconds it took."""
    embedder = local_embedder()
    base_texts, base_vectors, _ = base_corpus(embedder, n)
    texts, vectors, _ = variants(base_texts, base_vectors, n, 0.015)
    workspace = Workspace(Settings(_env_file=None, data_dir=folder), embedder=embedder)
    try:
        with Timing() as took:
            with workspace.session() as session:
                fill(session, embedder.name, texts, vectors)
            run_clustering(workspace, rebuild=True)
            with workspace.session() as session:  # as an analysis leaves it (fill skips that)
                rebuild_index(workspace, session)
        with workspace.session() as session:
            cluster_id = session.scalars(
                select(Cluster.id).where(Cluster.status == "active").order_by(Cluster.id)
            ).first()
    finally:
        workspace.close()
    if cluster_id is None:
        raise SystemExit("no cluster was made")
    return int(cluster_id), took.wall


def load(url: str, paths: dict[str, str], clients: int, seconds: float) -> dict[str, list[float]]:
    """``clients`` threads cycling through ``paths`` for ``seconds``: latencies in ms by name.
    Each request opens its own connection, as a person clicking every few seconds does (the
    server closes idle ones after 5 s); kept-alive connections would tie each client to one
    server process for the whole run, and a chance 6-2 split of 8 clients measures the split."""
    latencies: dict[str, list[float]] = defaultdict(list)
    errors: list[str] = []
    lock = threading.Lock()
    stop = time.monotonic() + seconds

    def client(offset: int) -> None:
        names = list(paths)
        fresh = httpx.Limits(max_keepalive_connections=0)
        with httpx.Client(base_url=url, timeout=60, limits=fresh) as http:
            step = offset
            # Every path once at least, even when a busy machine starts this thread late.
            while step < offset + len(names) or time.monotonic() < stop:
                name = names[step % len(names)]
                step += 1
                started = time.perf_counter()
                response = http.get(paths[name])
                elapsed = (time.perf_counter() - started) * 1000
                with lock:
                    if response.status_code != 200:
                        errors.append(f"{name}: {response.status_code}")
                    latencies[name].append(elapsed)

    threads = [threading.Thread(target=client, args=(i,)) for i in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    if errors:
        raise SystemExit(f"{len(errors)} failed requests, e.g. {errors[:3]}")
    return latencies


def percentiles(values: list[float]) -> dict[str, float]:
    array = np.asarray(values)
    return {
        "p50": round(float(np.percentile(array, 50)), 1),
        "p95": round(float(np.percentile(array, 95)), 1),
        "p99": round(float(np.percentile(array, 99)), 1),
        "requests": len(values),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="Mentions in the corpus.")
    parser.add_argument("--clients", default="8,32", help="Client counts, comma-separated.")
    parser.add_argument("--seconds", type=float, default=10.0, help="Time per client count.")
    parser.add_argument(
        "--workers", type=int, default=os.cpu_count() or 1,
        help="Server processes (`callmine serve --workers`; default one per core).",
    )  # fmt: skip
    args = parser.parse_args()
    levels = [int(c) for c in args.clients.split(",") if c.strip()]

    record: dict[str, Any] = {
        "benchmark": "api_load", "n": args.n, "seconds": args.seconds, "workers": args.workers,
    }  # fmt: skip
    with tempfile.TemporaryDirectory(prefix="callmine-load-") as tmp:
        folder = Path(tmp) / "data"
        cluster_id, record["build_s"] = build(folder, args.n)
        port = free_port()
        log = Path(tmp) / "server.log"
        server = start_server(folder, port, log, args.workers)
        try:
            url = f"http://127.0.0.1:{port}"
            paths = {
                "clusters_page": "/",
                "cluster_page": f"/clusters/{cluster_id}",
                "search": "/api/search?q=" + SEARCHES[0].replace(" ", "+"),
                "api_clusters": "/api/clusters",
            }
            warm_up = {**paths, "healthz": "/healthz"}  # every process, and its model loaded
            load(url, warm_up, 2 * args.workers, min(args.seconds, 6))
            levels_out: dict[str, Any] = {}
            for clients in levels:
                measured = {
                    name: percentiles(values)
                    for name, values in load(url, paths, clients, args.seconds).items()
                }
                healthz = load(url, {"healthz": "/healthz"}, clients, min(args.seconds, 2))
                base = percentiles(healthz["healthz"])
                for figures in measured.values():
                    figures["ratio_p50"] = round(figures["p50"] / max(base["p50"], 0.1), 1)
                levels_out[str(clients)] = {"baseline_healthz": base, **measured}
            record["levels"] = levels_out
        except SystemExit:
            print(log.read_text(errors="replace")[-3000:], file=sys.stderr)
            raise
        finally:
            server.terminate()
            server.wait(timeout=30)
    first = record["levels"][str(levels[0])]
    worst = max(v["p95"] for k, v in first.items() if k != "baseline_healthz")
    record["worst_p95_ms_at_first_level"] = worst
    record["meets_target"] = levels[0] == 8 and worst < TARGET_P95_MS
    emit(record)


if __name__ == "__main__":
    main()
