"""Shared fixtures: a temporary data dir + SQLite per test, the real embedder once per session,
the one way a test gets an app (``app_client``), the analysed theme corpus once per module, and
the CLI pointed at a data dir.

A folder whose tests read the theme corpus says so in its own conftest (``ws`` is the corpus
there; elsewhere ``ws`` is the empty workspace of the documents plugin).
"""

from __future__ import annotations

import atexit
import functools
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import update
from typer.testing import CliRunner

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from tests.plugins.cores import pin_native_threads  # noqa: E402

pin_native_threads()

from pipeline.memory import collect_garbage_less_often  # noqa: E402

# The product's pace in the pytest processes too: on three detect and content test files in one
# process, 16 full collections took 8.9 s of 28.5 s CPU; at this pace one did, 24.8 s in all.
collect_garbage_less_often()

import pipeline.workspace  # noqa: E402
from api.app import create_app  # noqa: E402
from api.cli import app as cli_app  # noqa: E402
from pipeline.analysis import flow as analysis  # noqa: E402
from pipeline.calls.queries import count_rows  # noqa: E402
from pipeline.config import Settings, get_settings  # noqa: E402
from pipeline.embed import Embedder, create_embedder  # noqa: E402
from pipeline.embed.memo import MemoEmbedder  # noqa: E402
from pipeline.ingest.paths import ingest_paths  # noqa: E402
from pipeline.store.database import Database  # noqa: E402
from pipeline.store.files import locked  # noqa: E402
from pipeline.store.models import AnalysisState, Call  # noqa: E402
from pipeline.workspace import Workspace  # noqa: E402
from tests.insights_corpus import analysed_corpus  # noqa: E402
from tests.plugins.postgres import PostgresServer, fresh_database  # noqa: E402

pytest_plugins = [
    "tests.plugins.llm_server",
    "tests.plugins.live_server",
    "tests.plugins.documents",
    "tests.plugins.auth",
    "tests.plugins.postgres",
    "tests.plugins.node_ids",
]

ROOT = Path(__file__).resolve().parent.parent
EXAMPLES_DIR = ROOT / "examples" / "calls"


def make_settings(data_dir: Path, **overrides: object) -> Settings:
    """Settings isolated from the developer's environment and .env file. A new SQLite data
    dir starts from a copy of a freshly migrated database (see ``migrated_database``)."""
    values: dict[str, object] = {"data_dir": data_dir, "llm_base_url": None, "llm_model": None}
    values.update(overrides)
    settings = Settings(_env_file=None, **values)  # type: ignore[arg-type, call-arg]
    database_file = data_dir / "callmine.db"
    if not settings.database_url and data_dir.is_absolute() and not database_file.exists():
        data_dir.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(migrated_database(), database_file)
    return settings


@functools.cache
def migrated_database() -> Path:
    """One SQLite database migrated by the code under test, once per test process: thousands
    of tests each start a data dir, and migrating each from nothing cost a minute of the suite
    (tests/pipeline/store covers migrating from nothing and from older schemas)."""
    folder = Path(tempfile.mkdtemp(prefix="callmine-schema-"))
    atexit.register(shutil.rmtree, folder, True)
    database = Database(f"sqlite:///{folder / 'callmine.db'}")
    database.dispose()
    return folder / "callmine.db"


MAX_UPLOAD_BYTES = 256 * 1024  # small, so the size-limit cases stay cheap


@dataclass
class Cli:
    """Runs ``callmine`` against one data dir and reads that data dir's database."""

    data_dir: Path
    runner: CliRunner
    database_url: str | None = None

    def settings(self, **overrides: object) -> Settings:
        """Settings on this data dir and database (what the commands read)."""
        return make_settings(self.data_dir, database_url=self.database_url, **overrides)

    def __call__(self, *args: str | Path) -> Any:
        return self.runner.invoke(cli_app, [str(a) for a in args])

    def json(self, *args: str | Path) -> Any:
        result = self(*args, "--json")
        assert result.exit_code == 0, result.output
        return json.loads(result.stdout)

    def generated_offline(self, calls: Path, doc_type: str) -> str:
        """Ingest a folder of calls with its ``manifest.csv``, cluster, and generate one
        document offline: what ``generate`` printed."""
        result = self("ingest", calls, "--manifest", calls / "manifest.csv")
        assert result.exit_code == 0, result.output
        assert self("cluster").exit_code == 0
        result = self("generate", "--type", doc_type, "--offline")
        assert result.exit_code == 0, result.output
        return str(result.output)

    def counts(self) -> tuple[int, int]:
        workspace = Workspace(self.settings())
        try:
            with workspace.session() as db:
                return count_rows(db)
        finally:
            workspace.close()


@contextmanager
def app_client(workspace: Workspace) -> Iterator[TestClient]:
    """A TestClient over the whole app (API and web pages) on ``workspace``."""
    with TestClient(create_app(workspace=workspace)) as test_client:
        yield test_client


@pytest.fixture(autouse=True)
def _no_ambient_llm(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in list(os.environ):
        if name.startswith("CALLMINE_") or name == "OPENAI_API_KEY":
            monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="session")
def onnx_exports(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One folder of ONNX exports for the whole run, shared by the xdist workers (the
    product's export takes a file lock): the export tests and the embed-backends benchmark
    each exported both models again, about 15 s of the suite."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder = shared / "onnx-exports"
    folder.mkdir(exist_ok=True)
    return folder


@pytest.fixture(scope="session")
def embedder() -> Embedder:
    """The real all-MiniLM-L6-v2 embedder, loaded once, behind an in-memory map of text to
    vector: the tests of one worker embed the same example calls and invented sentences over
    and over (each test's fresh data dir starts with an empty embedding cache), and the model
    gives one text the same vector each time."""
    return MemoEmbedder(create_embedder(make_settings(Path("unused"))))


@pytest.fixture(scope="session")
def memo_embedder(embedder: Embedder) -> Embedder:
    """The real embedder behind an in-memory cache: for tests that embed the same training
    sentences more than once (cross-validation folds, re-fits of the objection model)."""
    return embedder


@pytest.fixture
def settings(tmp_path: Path, database: str | None) -> Settings:
    """A fresh data dir on the test's database (SQLite there, or a fresh PostgreSQL database
    in a module marked ``postgres``)."""
    return make_settings(tmp_path / "data", database_url=database)


@pytest.fixture
def workspace(settings: Settings, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(settings, embedder=embedder)
    yield ws
    ws.close()


@pytest.fixture
def client(workspace: Workspace) -> Iterator[TestClient]:
    with app_client(workspace) as test_client:
        yield test_client


@pytest.fixture
def api(ws: Workspace) -> Iterator[TestClient]:
    """The app over ``ws`` (the theme corpus, or the documents plugin's workspace)."""
    with app_client(ws) as test_client:
        yield test_client


@pytest.fixture
def examples_dir() -> Path:
    return EXAMPLES_DIR


def built_once_per_run(
    tmp_path_factory: pytest.TempPathFactory, name: str, build: Callable[[Workspace], object],
    embedder: Embedder,
) -> Path:  # fmt: skip
    """A data dir that ``build`` fills, built once per run and shared by the xdist workers: the
    first to need it builds it aside under a file lock (a failed build leaves nothing half-done)
    while the other waits; each worker had built its own. Tests open copies of it."""
    base = tmp_path_factory.getbasetemp()
    shared = base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base
    folder, built = shared / name / "data", shared / f"{name}.built"
    with locked(built):
        if not built.exists():
            aside = tmp_path_factory.mktemp(name) / "data"
            workspace = Workspace(make_settings(aside), embedder=embedder)
            build(workspace)
            workspace.close()
            shutil.rmtree(folder.parent, ignore_errors=True)
            shutil.copytree(aside, folder)
            built.touch()
    return folder


@pytest.fixture(scope="session")
def corpus_dir(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """A data dir holding the analysed theme corpus, built once per run (tests copy it)."""
    return built_once_per_run(tmp_path_factory, "corpus", analysed_corpus, embedder)


@pytest.fixture(scope="session")
def analysed_examples_dir(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Path:
    """A data dir holding every example call ingested and analysed (real ingest, detection,
    embedding, clustering), built once per run (about 12 s): tests open a copy
    (``examples_copy``)."""

    def build(workspace: Workspace) -> object:
        return ingest_paths(workspace, [EXAMPLES_DIR], manifest=EXAMPLES_DIR / "manifest.csv")

    return built_once_per_run(tmp_path_factory, "analysed-examples", build, embedder)


def examples_copy(analysed: Path, target: Path, embedder: Embedder) -> Workspace:
    """A workspace over a private copy of ``analysed_examples_dir`` (tests may change it)."""
    shutil.copytree(analysed, target)
    return Workspace(make_settings(target), embedder=embedder)


@pytest.fixture(scope="session")
def pg_corpus(
    tmp_path_factory: pytest.TempPathFactory, embedder: Embedder, postgres_server: PostgresServer
) -> tuple[Path, str]:
    """The analysed theme corpus on PostgreSQL, built once per session: its data dir and the
    database that tests copy (``CREATE DATABASE .. TEMPLATE``)."""
    folder = tmp_path_factory.mktemp("pg-corpus") / "data"
    name = postgres_server.new_database()
    settings = make_settings(folder, database_url=postgres_server.url(name))
    workspace = Workspace(settings, embedder=embedder)
    analysed_corpus(workspace)
    workspace.close()
    return folder, name


@pytest.fixture
def corpus_settings(
    request: pytest.FixtureRequest, engine: str, corpus_dir: Path, tmp_path: Path
) -> Iterator[Settings]:
    """Settings over a private copy of the analysed corpus (tests may edit it), on the
    test's engine."""
    source, template = corpus_dir, None
    if engine == "postgresql":
        source, template = request.getfixturevalue("pg_corpus")
    shutil.copytree(source, tmp_path / "data")
    with fresh_database(request, engine, template) as url:
        yield make_settings(tmp_path / "data", database_url=url)


@pytest.fixture
def corpus_ws(corpus_settings: Settings, embedder: Embedder) -> Iterator[Workspace]:
    """A workspace over a private copy of the analysed corpus (tests may edit it)."""
    workspace = Workspace(corpus_settings, embedder=embedder)
    yield workspace
    workspace.close()


@pytest.fixture
def no_analysis(monkeypatch: pytest.MonkeyPatch) -> list[list[int]]:
    """Record instead of analysing: these tests are about storage; insights test analysis.
    The calls are marked analysed, as analysis would (nothing is left pending)."""
    seen: list[list[int]] = []

    def record(workspace: Workspace, ids: list[int], **_kw: Any) -> dict[str, int]:
        seen.append(list(ids))
        with workspace.session() as db:
            db.execute(
                update(Call).where(Call.id.in_(ids)).values(analysis_state=AnalysisState.analysed)
            )
        return {"calls": len(ids)}

    monkeypatch.setattr(analysis, "analyse_calls", record)
    return seen


@pytest.fixture
def point_cli_at(
    monkeypatch: pytest.MonkeyPatch, embedder: Embedder
) -> Iterator[Callable[..., None]]:
    """Point ``callmine`` commands at a data dir (and database); the CLI builds its own
    workspace, so hand it the session's model instead of loading another."""

    def point(data_dir: Path, database_url: str | None = None) -> None:
        monkeypatch.setenv("CALLMINE_DATA_DIR", str(data_dir))
        if database_url:
            monkeypatch.setenv("CALLMINE_DATABASE_URL", database_url)
        monkeypatch.setattr(pipeline.workspace, "create_embedder", lambda _settings: embedder)
        get_settings.cache_clear()

    yield point
    get_settings.cache_clear()


@pytest.fixture
def cli(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    point_cli_at: Callable[..., None],
    database: str | None,
) -> Cli:
    """``callmine`` on a fresh data dir (and the test's database) with a small upload limit."""
    data_dir = tmp_path / "cli-data"
    monkeypatch.setenv("CALLMINE_MAX_UPLOAD_BYTES", str(MAX_UPLOAD_BYTES))
    point_cli_at(data_dir, database)
    return Cli(data_dir, CliRunner(), database)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Modules with slow tests first, the rest in collection order. ``make test`` runs each
    module whole on one of two workers (``--dist loadscope --no-loadscope-reorder``): a slow
    module handed out last ran alone for a minute while the other worker sat idle."""
    slow_modules = {item.path for item in items if item.get_closest_marker("slow")}
    items.sort(key=lambda item: item.path not in slow_modules)
