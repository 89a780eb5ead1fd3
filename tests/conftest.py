"""Shared fixtures: a temporary data dir + SQLite per test, the real embedder once per session."""

from __future__ import annotations

import os
from collections.abc import Iterator, Sequence
from pathlib import Path

import numpy as np
import pytest
from fastapi.testclient import TestClient

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from api.app import create_app  # noqa: E402
from pipeline.config import Settings  # noqa: E402
from pipeline.embed import Embedder, Vectors, create_embedder  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402

pytest_plugins = [
    "tests.plugins.llm_server",
    "tests.plugins.live_server",
    "tests.plugins.documents",
]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples" / "calls"


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings isolated from the developer's environment and .env file."""
    values: dict[str, object] = {"data_dir": data_dir, "llm_base_url": None, "llm_model": None}
    values.update(overrides)
    return Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]


@pytest.fixture(autouse=True)
def _no_ambient_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CALLMINE_") or name == "OPENAI_API_KEY":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2 embedder, loaded once."""
    return create_embedder(make_settings(Path("unused")))


class MemoEmbedder:
    """The real embedder with an in-memory cache, so the folds don't re-embed shared texts."""

    def __init__(self, inner: Embedder) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.memo: dict[str, Vectors] = {}

    def encode(self, texts: Sequence[str]) -> Vectors:
        new = sorted({t for t in texts if t not in self.memo})
        if new:
            self.memo.update(zip(new, self.inner.encode(new), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self.memo[t] for t in texts])


@pytest.fixture(scope="session")
def memo_embedder(embedder: Embedder) -> Embedder:
    """The real embedder behind an in-memory cache: for tests that embed the same training
    sentences more than once (cross-validation folds, re-fits of the objection model)."""
    return MemoEmbedder(embedder)


@pytest.fixture
def settings(tmp_path: Path) -> Settings:
    return make_settings(tmp_path / "data")


@pytest.fixture
def workspace(settings: Settings, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(settings, embedder=embedder)
    yield ws
    ws.close()


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    with TestClient(create_app(workspace=workspace)) as test_client:
        yield test_client


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES_DIR
