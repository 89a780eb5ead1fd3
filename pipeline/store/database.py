"""The database, SQLite (the default, in the data dir) or PostgreSQL (``CALLMINE_DATABASE_URL``):
engine set-up (SQLite WAL + foreign keys + busy timeout; a PostgreSQL pool), running the named
migrations (``migrations.py``), sessions, the one upsert the writers share, and PostgreSQL's
advisory locks."""

from __future__ import annotations

import fcntl
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import (
    ColumnElement,
    create_engine,
    event,
    func,
    inspect,
    literal,
    select,
    text,
    update,
)
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection, Engine, make_url
from sqlalchemy.orm import ORMExecuteState, Session, sessionmaker
from sqlalchemy.pool import QueuePool
from sqlalchemy.sql.elements import TextClause

from pipeline.store.migrations import MIGRATIONS
from pipeline.store.models import Base, Int64, MigrationRecord, utcnow
from pipeline.store.revisions import DataRevision

# ``INSERT .. ON CONFLICT DO NOTHING`` is spelled the same by both engines' SQLAlchemy dialects.
_INSERTS: dict[str, Callable[[Any], Any]] = {
    "postgresql": postgresql.insert,
    "sqlite": sqlite.insert,
}


def insert_new(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any whose key is already stored (another writer got there first):
    ``INSERT .. ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL."""
    if not rows:
        return
    insert = _INSERTS[session.get_bind().dialect.name]
    session.execute(insert(model).on_conflict_do_nothing(), rows)


def row_offset(offset: int) -> ColumnElement[int]:
    """An ``OFFSET`` that may pass 2**31 (the API accepts 64-bit offsets): bound as a 64-bit
    integer, where PostgreSQL would otherwise be sent ``::INTEGER``."""
    return literal(offset, Int64)


SQLITE_BUSY_TIMEOUT_MS = 10_000  # how long a SQLite writer waits for the write lock
SIDE_POOL_SIZE = 2  # best-effort writers' connections kept open between writes

# Written by every writer, read by nobody's views: a write to these raises no revision.
UNTRACKED_TABLES = frozenset({"data_revisions", "view_cache", "jobs", "_migrations"})
_TOUCHED = "callmine_tables_written"
ALL_TABLES = "*"  # a raw SQL write: which table is unknown, so every view is stale


def _touched(session: Session) -> set[str]:
    tables: set[str] = session.info.setdefault(_TOUCHED, set())
    return tables


def track_revisions(sessions: sessionmaker[Session]) -> None:
    """Every committed transaction of these sessions raises the revision of each table it wrote,
    in the same transaction: a view computed at a revision can never be served after a write,
    and no writer has to remember to say so (ORM objects, bulk and Core statements alike)."""

    @event.listens_for(sessions, "after_flush")
    def _flushed(session: Session, _context: Any) -> None:
        for instance in (*session.new, *session.dirty, *session.deleted):
            table = getattr(instance, "__tablename__", None)
            if table and table not in UNTRACKED_TABLES:
                if instance in session.dirty and not session.is_modified(instance):
                    continue
                _touched(session).add(table)

    @event.listens_for(sessions, "do_orm_execute")
    def _executed(state: ORMExecuteState) -> None:
        if state.is_select:
            return
        if state.is_insert or state.is_update or state.is_delete:
            table = getattr(getattr(state.statement, "table", None), "name", None)
            if table in UNTRACKED_TABLES:
                return
            _touched(state.session).add(table or ALL_TABLES)
        elif isinstance(state.statement, TextClause):
            _touched(state.session).add(ALL_TABLES)

    @event.listens_for(sessions, "before_commit")
    def _raise_revisions(session: Session) -> None:
        session.flush()
        tables = session.info.pop(_TOUCHED, set())
        if tables:
            raise_revisions(session, tables)

    @event.listens_for(sessions, "after_rollback")
    def _forget(session: Session) -> None:
        session.info.pop(_TOUCHED, None)


def writes_pending(session: Session) -> bool:
    """Whether this transaction has written something not yet committed (a view read now would
    not show it)."""
    return bool(session.new or session.dirty or session.deleted or session.info.get(_TOUCHED))


def raise_revisions(session: Session, tables: set[str]) -> None:
    """Add one to each table's revision (``*``: every table's), creating missing counters;
    in sorted order, so two PostgreSQL transactions never wait on each other's rows."""
    if ALL_TABLES in tables:
        tables = {t for t in Base.metadata.tables if t not in UNTRACKED_TABLES}
    names = sorted(tables)
    known = set(
        session.scalars(select(DataRevision.table_name).where(DataRevision.table_name.in_(names)))
    )
    insert_new(
        session, DataRevision, [{"table_name": t, "value": 0} for t in names if t not in known]
    )
    session.execute(
        update(DataRevision)
        .where(DataRevision.table_name.in_(names))
        .values(value=DataRevision.value + 1)
    )


def _enable_sqlite_pragmas(engine: Engine, busy_timeout_ms: int | None = None) -> None:
    """``busy_timeout_ms``: ``SQLITE_BUSY_TIMEOUT_MS`` as it reads when a connection opens."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        timeout = SQLITE_BUSY_TIMEOUT_MS if busy_timeout_ms is None else busy_timeout_ms
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute(f"PRAGMA busy_timeout={timeout}")
        cursor.close()


# Migrations of one PostgreSQL database run one process at a time (a server and its workers
# may start together): a transaction-scoped advisory lock under this key.
MIGRATION_LOCK_KEY = 0x63616C6C6D696E65  # "callmine"
WRITER_LOCK_KEY = MIGRATION_LOCK_KEY + 1


@contextmanager
def _migrating_alone(engine: Engine) -> Iterator[Connection]:
    """A transaction that one migrating process holds at a time: on PostgreSQL under a
    transaction-scoped advisory lock, on SQLite under a lock file beside the database file
    (its own locks come too late: two processes both see a table missing before either
    creates it)."""
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(select(func.pg_advisory_xact_lock(MIGRATION_LOCK_KEY)))
            yield connection
        return
    database = engine.url.database
    if not database or database == ":memory:":
        with engine.begin() as connection:
            yield connection
        return
    with open(f"{database}.migrate.lock", "a+") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            with engine.begin() as connection:
                yield connection
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations in order; returns the names applied now."""
    applied_now: list[str] = []
    with _migrating_alone(engine) as connection:
        MigrationRecord.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]
        done = {row[0] for row in connection.execute(text("SELECT name FROM _migrations"))}
        for name, apply in MIGRATIONS:
            if name in done:
                continue
            apply(connection)
            connection.execute(
                MigrationRecord.__table__.insert().values(name=name, applied_at=utcnow())  # type: ignore[attr-defined]
            )
            applied_now.append(name)
    return applied_now


def _connect_args(url: str) -> dict[str, Any]:
    if make_url(url).get_backend_name() == "sqlite":
        return {"connect_args": {"check_same_thread": False, "timeout": 30}}
    return {}


def engine_options(url: str) -> dict[str, Any]:
    """What ``create_engine`` needs for this URL's engine: SQLite is shared across the
    server's threads and waits up to 30 s for its one write lock; PostgreSQL gets a pool for
    the server's concurrent requests and jobs."""
    if make_url(url).get_backend_name() == "sqlite":
        return _connect_args(url)
    return {"pool_size": 10, "max_overflow": 30, "pool_timeout": 60}


class Database:
    """Engine + session factory on SQLite or PostgreSQL; the schema is migrated on
    construction."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = create_engine(url, pool_pre_ping=True, **engine_options(url))
        self.dialect = self.engine.dialect.name
        if self.dialect == "sqlite":
            _enable_sqlite_pragmas(self.engine)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        track_revisions(self._sessions)
        # Best-effort writes (progress, stored views) on connections of their own, from a pool
        # that never makes a caller wait (no overflow limit) and keeps a few open: a small
        # upload stores a dozen views, and a connection per write (a PostgreSQL backend
        # started, or SQLite's pragmas run, each time) cost more than the writes.
        self._side_engine = create_engine(
            url,
            poolclass=QueuePool,
            pool_pre_ping=True,
            pool_size=SIDE_POOL_SIZE,
            max_overflow=-1,
            **_connect_args(url),
        )
        if self.dialect == "sqlite":
            _enable_sqlite_pragmas(self._side_engine, busy_timeout_ms=0)

    def table_names(self) -> list[str]:
        return sorted(inspect(self.engine).get_table_names())

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session in one transaction: committed on success, rolled back on any error."""
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    @contextmanager
    def without_waiting(self) -> Iterator[Connection]:
        """A connection of its own whose writes fail at once (``OperationalError``) rather than
        wait for SQLite's one write lock, for best-effort writes beside a long writer
        (progress, a precomputed view); the caller commits. It comes from a pool of its own
        without a limit, so a request holding a pooled connection never waits for a second one
        (15 such requests would exhaust the main pool and wait on each other). PostgreSQL
        writers do not block each other."""
        with self._side_engine.connect() as connection:
            yield connection

    @contextmanager
    def advisory_lock(self, key: int) -> Iterator[None]:
        """A PostgreSQL session-level advisory lock, held on a connection of its own until the
        block ends: one holder across every process and machine on this database."""
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.execute(select(func.pg_advisory_lock(key)))
            try:
                yield
            finally:
                connection.execute(select(func.pg_advisory_unlock(key)))

    def compact(self) -> None:
        """Rewrite a SQLite file so deleted rows leave no trace in free pages or the WAL."""
        if self.dialect != "sqlite":
            return  # PostgreSQL: autovacuum reclaims the space; see the README on erasure
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM")
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()
        self._side_engine.dispose()
