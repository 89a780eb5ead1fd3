"""Freed heap memory goes back to the system: the peak of one step of a long analysis does not
stay resident under the next."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from pipeline.memory import (
    ALLOCATIONS_PER_YOUNG_COLLECTION,
    MIDDLE_COLLECTIONS_PER_FULL,
    YOUNG_COLLECTIONS_PER_MIDDLE,
)

SCRIPT = """
from pipeline.memory import return_freed_memory

def rss_mb():
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024

blocks = [bytes(2000) + str(i).encode() for i in range(100_000)]  # 200 MB of heap blocks
pin = bytes(2000) + b"pin"  # above them: free() alone cannot shrink the heap past it
del blocks
before = rss_mb()
trimmed = return_freed_memory()
print(trimmed, round(before - rss_mb()))
"""


def test_freed_heap_memory_is_returned_to_the_system() -> None:
    done = subprocess.run(
        [sys.executable, "-c", SCRIPT], capture_output=True, text=True, timeout=60, check=True
    )
    trimmed, released = done.stdout.split()
    assert trimmed == "True"  # glibc, as on every machine this project targets
    assert int(released) >= 100, f"only {released} MB of 200 MB went back"


PACE_SCRIPT = """
import gc, os, sys
from typer.testing import CliRunner
from api.cli import app
print(*gc.get_threshold())
result = CliRunner().invoke(app, ["calls"])
print(*gc.get_threshold(), result.exit_code)
"""


def test_a_callmine_command_collects_garbage_at_the_products_pace(tmp_path: Path) -> None:
    """A command allocates a lot (parsing, detection, clustering): Python's default pace walked
    every object eight times in a 2,000-note ingest, so a command sets fewer, larger
    collections."""
    env = {**os.environ, "CALLMINE_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", PACE_SCRIPT], capture_output=True, text=True, timeout=120,
        check=True, env=env, cwd=Path(__file__).resolve().parents[2],
    )  # fmt: skip
    before, after = done.stdout.splitlines()[-2:]
    assert before.split() == ["700", "10", "10"]  # Python's own, before any command ran
    assert after.split() == [
        str(ALLOCATIONS_PER_YOUNG_COLLECTION),
        str(YOUNG_COLLECTIONS_PER_MIDDLE),
        str(MIDDLE_COLLECTIONS_PER_FULL),
        "0",
    ]
