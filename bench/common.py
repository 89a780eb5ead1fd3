"""Helpers every benchmark shares: the embedder, a CSV loader, peak memory and one JSON line."""

from __future__ import annotations

import argparse
import csv
import functools
import json
import os
import resource
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
DATA = ROOT.parent / "shared" / "data"
BANKING77 = DATA / "banking77"

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
sys.path.insert(0, str(ROOT))


def load_csv(
    path: Path, text_column: str, label_column: str | None = None, limit: int | None = None
) -> tuple[list[str], list[str]]:
    """Non-empty texts (and labels, empty strings when no label column) from any CSV."""
    texts: list[str] = []
    labels: list[str] = []
    with path.open(newline="", encoding="utf-8-sig") as handle:
        reader = csv.DictReader(handle)
        fields = reader.fieldnames or []
        for column in [text_column, label_column]:
            if column is not None and column not in fields:
                raise SystemExit(f"{path}: no column {column!r} (columns: {', '.join(fields)})")
        for row in reader:
            text = (row.get(text_column) or "").strip()
            if not text:
                continue
            texts.append(text)
            labels.append((row.get(label_column) or "") if label_column else "")
            if limit is not None and len(texts) >= limit:
                break
    return texts, labels


def load_banking77(split: str = "test", limit: int | None = None) -> tuple[list[str], list[str]]:
    """Banking77 (CC BY 4.0, Casanueva et al. 2020) texts and intent labels."""
    return load_csv(BANKING77 / f"{split}.csv", "text", "category", limit)


def peak_rss_mb() -> float:
    """Peak resident memory of this process so far, in MiB (Linux reports KiB)."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def emit(record: dict[str, Any]) -> None:
    """Print the benchmark's one JSON line (peak memory added when missing)."""
    record.setdefault("peak_rss_mb", peak_rss_mb())
    print(json.dumps(record, sort_keys=False))


@functools.cache
def local_embedder() -> Any:
    """The default callmine embedder (bundled all-MiniLM-L6-v2), as the app builds it; loaded
    once per process (the smoke tests run several benchmarks in one)."""
    from pipeline.config import Settings
    from pipeline.embed import create_embedder

    return create_embedder(Settings(_env_file=None, data_dir=Path("unused")))


def add_data_arguments(
    parser: argparse.ArgumentParser, default: Path, *, labels: bool = False, count: bool = True
) -> None:
    """``--data``, ``--text-column`` (and ``--label-column``, ``--n``): any CSV works."""
    parser.add_argument("--data", type=Path, default=default)
    parser.add_argument("--text-column", default="text")
    if labels:
        parser.add_argument("--label-column", default="category")
    if count:
        parser.add_argument("--n", type=int, default=None, help="Texts to use (default: all).")


@dataclass
class Timing:
    """Wall-clock and CPU seconds of a ``with`` block (CPU time is steadier on a busy machine)."""

    wall: float = 0.0
    cpu: float = 0.0

    def __enter__(self) -> Timing:
        self._wall, self._cpu = time.perf_counter(), time.process_time()
        return self

    def __exit__(self, *_exc: object) -> None:
        self.wall = time.perf_counter() - self._wall
        self.cpu = time.process_time() - self._cpu

    @staticmethod
    def mean(timings: Sequence[Timing]) -> Timing:
        """The average of repeated runs of the same work."""
        return Timing(
            wall=sum(t.wall for t in timings) / len(timings),
            cpu=sum(t.cpu for t in timings) / len(timings),
        )


class StageClock:
    """Seconds per stage from a pipeline progress callback's messages (no pipeline changes).

    A message names its stage before any colon ("detect: 200 of 1,000 utterances"): the counts
    after it change as the stage runs, the stage does not."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._stage: str | None = None
        self._since = time.perf_counter()

    def __call__(self, _fraction: float, message: str) -> None:
        self.stop()
        self._stage, self._since = message.split(":", 1)[0].strip(), time.perf_counter()

    def stop(self) -> None:
        now = time.perf_counter()
        if self._stage is not None:
            self.seconds[self._stage] = self.seconds.get(self._stage, 0.0) + now - self._since
        self._stage, self._since = None, now

    def rounded(self) -> dict[str, float]:
        return {name: round(value, 3) for name, value in self.seconds.items()}


@contextmanager
def local_llm(settings: Any, **overrides: Any) -> Iterator[Any]:
    """The small local LLM (SmolLM2 through llama.cpp, as the tests run it) on 127.0.0.1 for the
    length of a ``with`` block: yields ``settings`` pointed at it (``overrides`` applied)."""
    from tests.plugins.llm_server import (
        MODEL_ALIAS,
        free_port,
        start_llama_server,
        stop,
        wait_ready,
    )

    port = free_port()
    log = settings.data_dir / "llm_server.log"
    process = start_llama_server(port, log)
    base_url = f"http://127.0.0.1:{port}/v1"
    try:
        wait_ready(process, base_url, log)
        update = {"llm_base_url": base_url, "llm_model": MODEL_ALIAS, "llm_max_tokens": 600}
        yield settings.model_copy(update={**update, **overrides})
    finally:
        stop(process)


@dataclass(frozen=True)
class Line:
    """A transcript line as the detector reads it (``classify.UtteranceLike``), for the
    benchmarks that detect lines without a database."""

    id: int
    role: str
    text: str
    call_id: int
