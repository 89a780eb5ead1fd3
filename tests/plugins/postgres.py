"""A throwaway PostgreSQL for the tests: one cluster per test session under ``.build/pg``
(initdb, started on 127.0.0.1 with a free port, stopped at the end even when tests fail), and a
fresh database per test for those that run on both engines.

A test runs on SQLite and on PostgreSQL when its module is marked ``postgres`` and it uses the
``database`` fixture (``settings``, ``workspace``, ``client`` and the corpus fixtures do): it
is collected twice, ``[sqlite]`` and ``[postgresql]``. initdb and postgres refuse to run as
root, so as root the cluster runs as ``nobody``. Without the binaries the PostgreSQL half is
skipped, except in CI (``CI=true``), where that is an error.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import subprocess
import tempfile
import threading
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.exc import DBAPIError
from sqlalchemy.pool import NullPool

from pipeline.store.database import Database
from tests.plugins.llm_server import free_port

ROOT = Path(__file__).resolve().parent.parent.parent
BUILD_DIR = ROOT / ".build" / "pg"
SUPERUSER = "callmine"
UNPRIVILEGED = "nobody"  # who runs the cluster when the tests run as root
OWNER_FILE = "pytest.pid"  # the session that started a cluster; a dead one's is stopped
ENGINES = ("sqlite", "postgresql")


def pg_bin_dir() -> Path | None:
    """The newest Debian PostgreSQL server binaries, or those on PATH."""
    for candidate in sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if (Path(candidate) / "initdb").exists():
            return Path(candidate)
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _as_cluster_user(command: list[str]) -> list[str]:
    return ["runuser", "-u", UNPRIVILEGED, "--", *command] if os.geteuid() == 0 else command


def _cluster_dir() -> Path:
    """A fresh folder the cluster's user owns: under ``.build/pg``, or under the system temp
    folder when that user may not reach the checkout (a root-only home)."""
    BUILD_DIR.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix="session-", dir=BUILD_DIR))
    if os.geteuid() == 0:
        shutil.chown(folder, UNPRIVILEGED)
        reachable = subprocess.run(
            _as_cluster_user(["test", "-w", str(folder)]), check=False
        ).returncode
        if reachable != 0:
            folder.rmdir()
            folder = Path(tempfile.mkdtemp(prefix="callmine-pg-"))
            shutil.chown(folder, UNPRIVILEGED)
    return folder


def _pid_alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True


def stop_leftovers(bin_dir: Path) -> None:
    """Clusters of earlier sessions whose pytest was killed before it could stop them."""
    folders = [*BUILD_DIR.glob("session-*"), *Path(tempfile.gettempdir()).glob("callmine-pg-*")]
    for folder in folders:
        owner = folder / OWNER_FILE
        try:
            pid = int(owner.read_text())
        except (OSError, ValueError):
            continue
        if not _pid_alive(pid):
            PostgresServer(bin_dir, folder).stop()


@dataclass
class PostgresServer:
    """One running cluster; ``new_database`` hands out empty (or copied) databases."""

    bin_dir: Path
    folder: Path
    port: int = 0
    _admin: Engine | None = None
    _guard: threading.Lock = field(default_factory=threading.Lock)
    _free: list[str] = field(default_factory=list)
    _schema: list[tuple[str, str, str]] = field(default_factory=list)

    @property
    def data(self) -> Path:
        return self.folder / "data"

    def url(self, database: str) -> str:
        return f"postgresql+psycopg://{SUPERUSER}@127.0.0.1:{self.port}/{database}"

    def _run(self, *args: str) -> None:
        command = _as_cluster_user([str(self.bin_dir / args[0]), *args[1:]])
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RuntimeError(f"{' '.join(args[:2])} failed: {result.stdout}{result.stderr}")

    def start(self) -> None:
        (self.folder / OWNER_FILE).write_text(str(os.getpid()))
        self._run(
            "initdb", "-D", str(self.data), "-U", SUPERUSER, "--auth=trust", "--no-sync",
            "-E", "UTF8", "--no-locale",
        )  # fmt: skip
        for attempt in range(3):  # the free port may be taken before postgres binds it
            self.port = free_port()
            options = (
                f"-h 127.0.0.1 -p {self.port} -k {self.folder} -c fsync=off "
                "-c synchronous_commit=off -c full_page_writes=off -c max_connections=400 "
                "-c shared_buffers=64MB"
            )
            try:
                self._run(
                    "pg_ctl", "-D", str(self.data), "-l", str(self.log), "-w", "-t", "60",
                    "-o", options, "start",
                )  # fmt: skip
                break
            except RuntimeError as exc:
                if attempt == 2:
                    log = self.log.read_text() if self.log.exists() else ""
                    raise RuntimeError(f"{exc}\nserver log:\n{log[-4000:]}") from exc
        self._admin = create_engine(self.url("postgres"), isolation_level="AUTOCOMMIT", pool_size=1)

    @property
    def log(self) -> Path:
        return self.folder / "server.log"

    def stop(self) -> None:
        if self._admin is not None:
            self._admin.dispose()
        if (self.data / "postmaster.pid").exists():
            with contextlib.suppress(RuntimeError):
                self._run("pg_ctl", "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def new_database(self, template: str | None = None) -> str:
        """An empty database (or a copy of ``template``); returns its name."""
        assert self._admin is not None, "the server is not started"
        name = f"t_{uuid.uuid4().hex[:12]}"
        copy = f" TEMPLATE {template} STRATEGY FILE_COPY" if template else ""
        with self._guard, self._admin.connect() as connection:
            connection.execute(text(f"CREATE DATABASE {name}{copy}"))
        return name

    def drop_database(self, name: str) -> None:
        assert self._admin is not None, "the server is not started"
        with self._guard, self._admin.connect() as connection:
            connection.execute(text(f"DROP DATABASE IF EXISTS {name} WITH (FORCE)"))

    def take_database(self) -> str:
        """A migrated, empty database: one a finished test gave back (emptied), or a new one.
        Creating a database costs ~0.4 s; emptying one ~0.03 s."""
        with self._guard:
            if self._free:
                return self._free.pop()
        name = self.new_database()
        migrated = Database(self.url(name))
        try:
            schema = _schema(migrated.engine)
        finally:
            migrated.dispose()
        self._schema = self._schema or schema
        return name

    def give_back(self, name: str) -> None:
        """Empty the database for the next test (ids start at 1 again), or drop it when the
        test changed its schema (a migration test) or still holds it."""
        engine = create_engine(self.url(name), poolclass=NullPool)
        try:
            with engine.begin() as connection:
                if _schema(connection) != self._schema:
                    raise RuntimeError("schema changed")
                connection.execute(text("SET LOCAL lock_timeout = '5s'"))
                tables = ", ".join(
                    f'"{table}"'
                    for table in connection.scalars(
                        text(
                            "SELECT tablename FROM pg_tables WHERE schemaname = 'public' "
                            "AND tablename <> '_migrations'"
                        )
                    )
                )
                connection.execute(text(f"TRUNCATE {tables} RESTART IDENTITY CASCADE"))
        except (RuntimeError, DBAPIError):
            engine.dispose()
            self.drop_database(name)
            return
        engine.dispose()
        with self._guard:
            self._free.append(name)


def _schema(bind: Engine | Connection) -> list[tuple[str, str, str]]:
    """Every table's columns and types: a test that changed them does not give its database
    back."""
    query = text(
        "SELECT table_name, column_name, data_type FROM information_schema.columns "
        "WHERE table_schema = 'public' ORDER BY 1, 2"
    )
    if isinstance(bind, Engine):
        with bind.connect() as connection:
            return [tuple(row) for row in connection.execute(query)]  # type: ignore[misc]
    return [tuple(row) for row in bind.execute(query)]  # type: ignore[misc]


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[PostgresServer]:
    """The session's throwaway PostgreSQL cluster, started on first use."""
    bin_dir = pg_bin_dir()
    if bin_dir is None:
        message = "PostgreSQL server binaries not found (make system-deps installs postgresql)"
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(message)
        pytest.skip(message)
    with throwaway_cluster(bin_dir) as server:
        yield server


@contextlib.contextmanager
def throwaway_cluster(bin_dir: Path) -> Iterator[PostgresServer]:
    """A cluster started now and stopped when the block ends (the tests' and the benchmarks')."""
    stop_leftovers(bin_dir)
    server = PostgresServer(bin_dir, _cluster_dir())
    try:
        server.start()
        yield server
    finally:
        server.stop()


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Tests marked ``postgres`` that use a database fixture run on both engines."""
    if "engine" in metafunc.fixturenames and metafunc.definition.get_closest_marker("postgres"):
        metafunc.parametrize("engine", ENGINES, indirect=True)


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line(
        "markers", "postgres: runs on SQLite and on the throwaway PostgreSQL (``database``)"
    )


@pytest.fixture
def engine(request: pytest.FixtureRequest) -> str:
    """``sqlite`` or ``postgresql``: the engine this run of the test is on."""
    return str(getattr(request, "param", "sqlite"))


@contextlib.contextmanager
def fresh_database(
    request: pytest.FixtureRequest, engine: str, template: str | None = None
) -> Iterator[str | None]:
    """None on SQLite (the data dir's file); on PostgreSQL the URL of an empty migrated
    database (emptied for the next test afterwards), or of a new copy of ``template``
    (dropped afterwards)."""
    if engine == "sqlite":
        yield None
        return
    server: PostgresServer = request.getfixturevalue("postgres_server")
    if template is not None:
        name = server.new_database(template)
        try:
            yield server.url(name)
        finally:
            server.drop_database(name)
        return
    name = server.take_database()
    try:
        yield server.url(name)
    finally:
        server.give_back(name)


@pytest.fixture
def database(request: pytest.FixtureRequest, engine: str) -> Iterator[str | None]:
    """The test's database URL: None (SQLite in the data dir) or a fresh PostgreSQL database."""
    with fresh_database(request, engine) as url:
        yield url
