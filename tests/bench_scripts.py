"""Several bench/ scripts run in one Python process, as ``python bench/<script> ARGS`` each would.

The smoke tests of the benchmarks that compute in their own process (no server of their own to
start) paid the same imports (sentence-transformers and torch, about 8 s CPU; the pipeline and its
detector) and model loads once per script. Here each script still runs its ``__main__`` with its
own ``sys.argv``, its stdout captured on its own, and any exit status but 0 (or an exception)
recorded as its failure; the environment is restored after each, so one cannot leak settings into
the next.

Usage: python -m tests.bench_scripts '[["throughput.py", "--n", "60"], ...]'
prints one JSON object: script name -> {"stdout": ..., "error": traceback or null}.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
import runpy
import subprocess
import sys
import traceback
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
BENCH = ROOT / "bench"


def run_script(script: str, args: Sequence[str]) -> dict[str, str | None]:
    """One script's ``__main__`` in this process: its stdout, and its failure if any."""
    saved_argv, saved_env = sys.argv, dict(os.environ)
    out = io.StringIO()
    error: str | None = None
    sys.argv = [str(BENCH / script), *args]
    try:
        with contextlib.redirect_stdout(out):
            runpy.run_path(str(BENCH / script), run_name="__main__")
    except SystemExit as stop:
        if stop.code not in (0, None):
            error = f"exit status {stop.code!r}"
    except Exception:
        error = traceback.format_exc()
    finally:
        sys.argv = saved_argv
        os.environ.clear()
        os.environ.update(saved_env)
    return {"stdout": out.getvalue(), "error": error}


def run_in_one_process(
    runs: Sequence[Sequence[str]], timeout: float
) -> dict[str, dict[str, str | None]]:
    """Run each ``[script, *args]`` in one fresh Python process; results by script name."""
    done = subprocess.run(
        [sys.executable, "-m", "tests.bench_scripts", json.dumps([list(run) for run in runs])],
        capture_output=True,
        text=True,
        timeout=timeout,
        cwd=ROOT,
        check=False,
    )
    if done.returncode != 0:
        raise RuntimeError(f"bench runner exited {done.returncode}: {done.stderr[-2000:]}")
    results: dict[str, dict[str, str | None]] = json.loads(done.stdout.splitlines()[-1])
    return results


def main(argv: Sequence[str]) -> None:
    runs: list[list[str]] = json.loads(argv[0])
    sys.path.insert(0, str(BENCH))  # as ``python bench/<script>`` puts the script's folder first
    results: dict[str, Any] = {run[0]: run_script(run[0], run[1:]) for run in runs}
    print(json.dumps(results))  # noqa: T201 (the runner's one line, read by the tests)


if __name__ == "__main__":
    main(sys.argv[1:])
