"""The lazy embedder a server builds on first use: one model, whatever the threads."""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from pipeline.embed import LazyEmbedder, Vectors
from pipeline.workspace import Workspace
from tests.conftest import make_settings


class SlowToBuild:
    """Stands in for a model whose load takes a while (the race needs the wait, not weights)."""

    name = "slow:test"
    dim = 3

    def encode(self, texts: Sequence[str]) -> Vectors:
        return np.ones((len(texts), self.dim), dtype=np.float32)


def test_threads_that_search_at_once_build_one_model(tmp_path: Path) -> None:
    built: list[int] = []

    def build() -> SlowToBuild:
        built.append(threading.get_ident())
        time.sleep(0.2)  # two threads that both saw "no model yet" would both get here
        return SlowToBuild()

    lazy = LazyEmbedder(make_settings(tmp_path), build)
    results: list[int] = []
    threads = [
        threading.Thread(target=lambda: results.append(len(lazy.encode(["a", "b"]))))
        for _ in range(8)
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(built) == 1 and results == [2] * 8 and lazy.name == "slow:test"


def test_a_workspace_makes_one_lazy_embedder_for_all_threads(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path / "data"))
    seen: list[object] = []
    threads = [threading.Thread(target=lambda: seen.append(workspace.embedder)) for _ in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    workspace.close()
    assert len({id(e) for e in seen}) == 1
