"""A large CRM export through the real API: how soon the upload answers, how long its job takes
to store and analyse every note, the server's peak memory, and the pages afterwards. One JSON
line.

Usage: bench/large_upload.py [--n 100000] [--timeout 1800]
Corpus: ``--n`` short notes, the Banking77 texts (CC BY 4.0, ../shared/data) with a visit number
so every row is a distinct call, as one CSV (Notes, Account, Date) posted to ``POST /api/calls``
of ``callmine serve`` in its own process on 127.0.0.1 (fresh data dir). Reported: the upload's
answer time and body size, the job's seconds (store + analyse) with its share of the targets
(100k notes < 120 s and < 1 GB), notes per second, the server's peak RSS (VmHWM), and the time of
the clusters page, ``/api/clusters`` and the dashboard after it (each the best of 3; baseline
``/healthz``). Bounded: loopback only, ``--timeout`` for the job, the server stopped afterwards.
"""

from __future__ import annotations

import argparse
import csv
import io
import os
import tempfile
import time
from pathlib import Path
from typing import Any

import httpx
from common import emit, load_banking77
from servers import free_port, start_server

TARGET_SECONDS_PER_100K = 120.0
TARGET_RSS_MB = 1024.0


def export(n: int) -> bytes:
    train, _ = load_banking77("train")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["Notes", "Account", "Date"])
    for i in range(n):
        day = f"2026-{1 + i % 6:02d}-{1 + i % 28:02d}"
        writer.writerow([f"{train[i % len(train)]} (visit {i})", f"Account {i % 500}", day])
    return out.getvalue().encode()


def vm_hwm_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return round(int(line.split()[1]) / 1024, 1)
    return 0.0


def best_of(http: httpx.Client, path: str, times: int = 3) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        http.get(path).raise_for_status()
        taken.append((time.perf_counter() - started) * 1000)
    return round(min(taken), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=100_000, help="Notes (CSV rows).")
    parser.add_argument("--timeout", type=float, default=1800.0, help="Seconds for the job.")
    args = parser.parse_args()
    body = export(args.n)
    record: dict[str, Any] = {"benchmark": "large_upload", "n": args.n, "csv_mb": len(body) >> 20}
    with tempfile.TemporaryDirectory(prefix="callmine-upload-") as tmp:
        port = free_port()
        os.environ["CALLMINE_DEFERRED_INGEST_BYTES"] = "0"  # every --n goes the large way
        server = start_server(Path(tmp) / "data", port, Path(tmp) / "server.log")
        try:
            with httpx.Client(base_url=f"http://127.0.0.1:{port}", timeout=600) as http:
                started = time.perf_counter()
                answer = http.post(
                    "/api/calls",
                    files=[("files", ("crm-export.csv", body, "text/csv"))],
                    data={"column_map": '{"text": "Notes"}'},
                )
                record["answer_s"] = round(time.perf_counter() - started, 2)
                record["answer_status"] = answer.status_code
                record["answer_bytes"] = len(answer.content)
                job_id = answer.raise_for_status().json()["job_id"]
                if answer.status_code != 202 or not job_id:
                    raise SystemExit(f"expected 202 with a job, got {answer.status_code}")
                deadline = time.monotonic() + args.timeout
                job: dict[str, Any] = {}
                while time.monotonic() < deadline:
                    job = http.get(f"/api/jobs/{job_id}").raise_for_status().json()
                    if job["status"] in ("done", "failed"):
                        break
                    time.sleep(0.25)  # job_s to a quarter second, not up to a whole one late
                job_s = time.perf_counter() - started
                record["job_status"] = job.get("status")
                record["job_s"] = round(job_s, 1)
                record["notes_per_s"] = round(args.n / job_s, 1)
                record["projected_100k_s"] = round(job_s * 100_000 / args.n, 1)
                record["ratio_to_target"] = round(
                    record["projected_100k_s"] / TARGET_SECONDS_PER_100K, 2
                )
                record["created"] = (job.get("result") or {}).get("created")
                record["server_peak_rss_mb"] = vm_hwm_mb(server.pid)
                record["meets_rss_target"] = record["server_peak_rss_mb"] < TARGET_RSS_MB
                record["after_ms"] = {
                    "baseline_healthz": best_of(http, "/healthz"),
                    "clusters_page": best_of(http, "/"),
                    "api_clusters": best_of(http, "/api/clusters"),
                    "dashboard": best_of(http, "/dashboard"),
                }
        finally:
            server.terminate()
            server.wait(timeout=60)
    emit(record)


if __name__ == "__main__":
    main()
