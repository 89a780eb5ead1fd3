"""What one running callmine needs (settings, database, embedder): built once, passed down."""

from __future__ import annotations

import fcntl
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import TypeVar

from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.embed import Embedder, LazyEmbedder, create_embedder
from pipeline.in_flight import CallsInFlight
from pipeline.store.busy import database_locked, retry_with_backoff
from pipeline.store.database import WRITER_LOCK_KEY, Database
from pipeline.store.views import ViewCache

WRITER_LOCK_FILENAME = "writer.lock"
# How long a write that waited its turn keeps retrying while short writers hold SQLite's lock.
IN_TURN_RETRY_S = 120.0

T = TypeVar("T")


class _WriterLock(threading.local):
    """The thread lock of one data dir, and how deep this thread holds it."""

    depth = 0

    def __init__(self) -> None:
        self.lock = threading.RLock()


# One writer lock per data dir for every workspace in this process (tests, the CLI and the
# server's recovery may each build one on the same folder).
_WRITER_LOCKS: dict[str, _WriterLock] = {}
_WRITER_LOCKS_GUARD = threading.Lock()


class Workspace:
    """Holds what is expensive to build; the embedder's model loads on its first ``encode``."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(settings.resolved_database_url)
        self.views = ViewCache(self.db)
        self._embedder = embedder
        self._embedder_guard = threading.Lock()
        self.calls_in_flight = CallsInFlight()
        key = str(settings.data_dir.resolve())
        with _WRITER_LOCKS_GUARD:
            self._writer_lock = _WRITER_LOCKS.setdefault(key, _WriterLock())

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            with self._embedder_guard:  # one lazy embedder per workspace, whatever the threads
                if self._embedder is None:
                    self._embedder = LazyEmbedder(
                        self.settings, lambda: create_embedder(self.settings)
                    )
        return self._embedder

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    @contextmanager
    def writer(self) -> Iterator[None]:
        """One heavy writer at a time (analysis, re-clustering): across threads by a lock, and
        across processes on this machine (the server and a CLI ingest) by a lock file in the
        data dir. Re-entrant, so an analysis may re-cluster inside it. The heavy writers then
        never race each other for rows (no UNIQUE or stale-row errors, no "database is
        locked" from two long transactions); short writes need no lock. On PostgreSQL the
        lock is the database's, shared by every machine."""
        held = self._writer_lock
        with held.lock:
            if held.depth:
                held.depth += 1
                try:
                    yield
                finally:
                    held.depth -= 1
                return
            with self._across_processes():
                held.depth = 1
                try:
                    yield
                finally:
                    held.depth = 0

    def in_turn(self, write: Callable[[], T]) -> T:
        """``write`` (a transaction of its own) now; when SQLite's write lock stays held past
        the busy timeout (a heavy writer's long transaction: a grain change, a re-cluster),
        again once this thread's turn at ``writer()`` comes, retried with backoff while short
        writers still hold it. A lock is then never the write's fault (a row refused)."""
        try:
            return write()
        except Exception as exc:
            if not database_locked(exc):
                raise
        with self.writer():
            return retry_with_backoff(write, retry_if=database_locked, within_s=IN_TURN_RETRY_S)

    @contextmanager
    def _across_processes(self) -> Iterator[None]:
        """SQLite: a lock file in the data dir (every process shares that folder). PostgreSQL:
        an advisory lock on the database, so servers and workers on other machines wait too."""
        if self.db.dialect == "postgresql":
            with self.db.advisory_lock(WRITER_LOCK_KEY):
                yield
            return
        path = self.settings.data_dir / WRITER_LOCK_FILENAME
        with path.open("a+") as handle:
            fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def close(self) -> None:
        self.db.dispose()
