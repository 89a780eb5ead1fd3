"""The benchmarks (throughput, incremental, embed backends, GPU embed, API load, large upload,
ingest with queue workers) run end to end at tiny sizes.

Those that compute in their own process share one (tests/bench_scripts.py): each imported
sentence-transformers, torch and the pipeline on its own, most of its CPU at these sizes. Large
upload and ingest workers set process-wide settings for the servers they start, and get their own.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.bench_scripts import BENCH, run_in_one_process, run_script
from tests.conftest import ROOT
from tests.plugins.postgres import PostgresServer

# The first test to ask for ``shared_runs`` waits for all five scripts (the timeout counts setup).
pytestmark = pytest.mark.timeout(300 * 5)

# Each script's smoke arguments (embed_backends gets its --cache-dir from the fixture): the
# fewest texts that still make every figure (a few calls, several clusters, two rounds; api_load's
# half second per level still gives each percentile about ten requests).
IN_ONE_PROCESS: dict[str, tuple[str, ...]] = {
    "gpu_embed.py": ("--n", "60", "--device", "cpu"),
    "embed_backends.py": ("--n", "60", "--repeats", "1"),
    "throughput.py": ("--n", "15", "--per-call", "5", "--rounds", "2"),
    "incremental.py": ("--n", "300", "--new", "20"),
    "api_load.py": ("--n", "300", "--clients", "2", "--seconds", "0.5", "--workers", "1"),
}


@pytest.fixture(scope="module")
def shared_runs(onnx_exports: Path) -> dict[str, dict[str, str | None]]:
    """The in-process benchmarks' outputs, run once for the module in one process."""
    extra = {"embed_backends.py": ("--cache-dir", str(onnx_exports))}
    runs = [[script, *args, *extra.get(script, ())] for script, args in IN_ONE_PROCESS.items()]
    return run_in_one_process(runs, timeout=300 * len(runs))


def one_record(stdout: str) -> dict[str, Any]:
    """A benchmark prints exactly one line: its JSON record."""
    lines = [line for line in stdout.splitlines() if line.strip()]
    assert len(lines) == 1, stdout
    record: dict[str, Any] = json.loads(lines[0])
    return record


def shared_record(runs: dict[str, dict[str, str | None]], script: str) -> dict[str, Any]:
    result = runs[script]
    assert result["error"] is None, result["error"]
    return one_record(str(result["stdout"]))


def run_bench(script: str, *args: str) -> dict[str, Any]:
    done = subprocess.run(
        [sys.executable, str(ROOT / "bench" / script), *args],
        capture_output=True,
        text=True,
        timeout=300,
        cwd=ROOT,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return one_record(done.stdout)


@pytest.mark.slow
def test_throughput_prints_rates_and_ratio(shared_runs: dict[str, dict[str, str | None]]) -> None:
    record = shared_record(shared_runs, "throughput.py")
    assert record["n"] == 15
    assert record["calls"] == 3
    assert record["rounds"] == 2 and len(record["ratios"]) == 2
    assert record["ratio"] == sorted(record["ratios"])[1]  # the median round (the upper one)
    pipeline_rate = float(record["pipeline_utterances_per_s"])
    raw_rate = float(record["raw_encode_utterances_per_s"])
    assert pipeline_rate > 0 and raw_rate > 0
    assert record["ratio"] == pytest.approx(pipeline_rate / raw_rate, rel=0.05)
    stages = record["stages_s"]
    assert isinstance(stages, dict) and {"ingest", "detect", "cluster"} <= set(stages)
    analysis = record["analysis"]
    assert isinstance(analysis, dict) and analysis["clustered_mentions"] > 0
    assert float(record["peak_rss_mb"]) > 0


@pytest.mark.slow
def test_incremental_prints_add_recluster_and_stability(
    shared_runs: dict[str, dict[str, str | None]],
) -> None:
    record = shared_record(shared_runs, "incremental.py")
    assert record["n"] == 300
    assert "Banking77" in str(record["corpus"])
    for key in ("cluster_s", "assign_s", "add_call_s", "recluster_s"):
        assert float(record[key]) >= 0, key
    assert 0.0 <= float(record["ids_stable"]) <= 1.0
    assert 0.0 <= float(record["mentions_same_cluster"]) <= 1.0
    assert int(record["add_mentions"]) > 0
    assert set(record["meets_targets"]) >= {"add_s", "recluster_s", "ids_stable"}
    assert float(record["peak_rss_mb"]) > 0


@pytest.mark.slow
def test_embed_backends_prints_speedups_and_nmi(
    shared_runs: dict[str, dict[str, str | None]], onnx_exports: Path
) -> None:
    record = shared_record(shared_runs, "embed_backends.py")
    assert record["n"] == 60
    backends = record["backends"]
    assert set(backends) == {"sentence_transformers", "onnx", "onnx_int8"}
    for name in ("onnx", "onnx_int8"):
        rate = float(backends[name]["texts_per_s"])
        base = float(backends["sentence_transformers"]["texts_per_s"])
        assert record[f"speedup_{name}"] == pytest.approx(rate / base, rel=0.05)
        assert 0.0 <= float(backends[name]["nmi"]) <= 1.0
    assert float(backends["onnx"]["cosine_to_st_min"]) >= 0.999
    # Two exports (fp32, int8) in the cache dir, each with the manifest that vouches for it.
    models = sorted(p for p in onnx_exports.iterdir() if p.suffix == ".onnx")
    assert len(models) == 2
    assert all(m.with_name(m.name + ".manifest.json").is_file() for m in models)
    assert float(record["peak_rss_mb"]) > 0


@pytest.mark.slow
def test_gpu_embed_runs_on_the_cpu_without_a_gpu(
    shared_runs: dict[str, dict[str, str | None]],
) -> None:
    record = shared_record(shared_runs, "gpu_embed.py")
    assert record["device"] == "cpu" and record["gpu"] is None
    assert record["n"] == 60
    assert float(record["texts_per_s"]) > 0 and record["ratio_vs_cpu"] == 1.0
    assert int(record["clusters"]) >= 1
    assert float(record["total_s"]) >= float(record["embed_s"])


@pytest.mark.slow
def test_api_load_prints_percentiles_per_level_against_healthz(
    shared_runs: dict[str, dict[str, str | None]],
) -> None:
    record = shared_record(shared_runs, "api_load.py")
    level = record["levels"]["2"]
    assert set(level) == {
        "baseline_healthz",
        "clusters_page",
        "cluster_page",
        "search",
        "api_clusters",
    }
    for name, figures in level.items():
        assert 0 < figures["p50"] <= figures["p95"] <= figures["p99"], name
        assert figures["requests"] > 0
        if name != "baseline_healthz":
            assert figures["ratio_p50"] > 0
    assert record["meets_target"] is False  # the target is judged at 8 clients only


@pytest.mark.slow
def test_large_upload_answers_at_once_and_reports_the_job() -> None:
    record = run_bench("large_upload.py", "--n", "60", "--timeout", "200")
    assert record["answer_status"] == 202 and record["answer_bytes"] < 1000
    assert record["job_status"] == "done" and record["created"] == 60
    assert record["notes_per_s"] > 0 and record["server_peak_rss_mb"] > 0
    assert set(record["after_ms"]) == {
        "baseline_healthz",
        "clusters_page",
        "api_clusters",
        "dashboard",
    }


@pytest.mark.slow
def test_ingest_workers_reports_one_and_two_workers_on_postgresql(
    postgres_server: PostgresServer,
) -> None:
    # On the session's cluster (already up when PostgreSQL tests ran on this worker), not one
    # of its own: initdb and a server start cost about 1 s CPU and 4 s.
    admin_url = postgres_server.url("postgres")
    # Two calls: one for each of the two workers to take (the CPU is mostly their start-up).
    smoke = ("--n", "2", "--clients", "2", "--timeout", "200")
    record = run_bench("ingest_workers.py", *smoke, "--postgres", admin_url)
    for workers in ("workers_1", "workers_2"):
        run = record[workers]
        assert run["calls_stored"] == 2 and run["jobs_failed"] == 0, run
        assert run["total_s"] >= run["upload_s"] > 0 and run["calls_per_s"] > 0
    assert record["ratio"] == pytest.approx(
        record["workers_2"]["calls_per_s"] / record["workers_1"]["calls_per_s"], rel=0.02
    )


def test_a_shared_process_keeps_each_scripts_output_failure_and_settings_apart(
    tmp_path: Path,
) -> None:
    failing = tmp_path / "failing.py"
    failing.write_text(
        "import os, sys\nos.environ['CALLMINE_BENCH_LEAK'] = '1'\n"
        "print('{\"a\": 1}')\nsys.exit(3)\n"
    )
    passing = tmp_path / "passing.py"
    passing.write_text(
        "import os, sys\nprint(os.environ.get('CALLMINE_BENCH_LEAK'), sys.argv[1:])\n"
    )
    assert run_script(str(failing), []) == {"stdout": '{"a": 1}\n', "error": "exit status 3"}
    assert run_script(str(passing), ["--n", "2"]) == {
        "stdout": "None ['--n', '2']\n",
        "error": None,
    }


class _Ok(BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, *_args: object) -> None:
        """Quiet: the test reads the latencies, not a log."""


@pytest.fixture
def ok_server() -> Iterator[str]:
    """A real HTTP server on loopback that answers every GET with an empty 200."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Ok)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_api_load_measures_every_path_even_when_its_time_is_up_at_once(
    ok_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A client thread a busy machine starts after the level's time is up (the smoke's half
    # second) must still measure each path: an empty list has no percentiles.
    monkeypatch.syspath_prepend(str(BENCH))
    from api_load import load

    paths = {"first": "/a", "second": "/b", "third": "/c"}
    latencies = load(ok_server, paths, clients=2, seconds=0)
    assert set(latencies) == set(paths)
    assert all(len(values) >= 2 and min(values) > 0 for values in latencies.values())
