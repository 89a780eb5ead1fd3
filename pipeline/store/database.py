"""The database: engine set-up (SQLite WAL + foreign keys + busy timeout), named migrations,
sessions, and the one upsert the writers share."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from sqlalchemy import create_engine, event, inspect, text
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker

from pipeline.store.models import (
    ApiToken,
    Base,
    Erasure,
    MigrationRecord,
    ProductProfileVersion,
    TeamMember,
    User,
    utcnow,
)


def _m001_initial_schema(connection: Any) -> None:
    Base.metadata.create_all(connection)


def _m002_analysis_state(connection: Any) -> None:
    """Calls get an analysis state (those with mentions were analysed; the rest are pending and
    analysed once more at the next start) and jobs an owner."""
    calls = {c["name"] for c in inspect(connection).get_columns("calls")}
    if "analysis_state" not in calls:
        connection.execute(
            text(
                "ALTER TABLE calls ADD COLUMN analysis_state VARCHAR(16) NOT NULL DEFAULT 'pending'"
            )
        )
        connection.execute(text("ALTER TABLE calls ADD COLUMN analysis_error TEXT"))
        connection.execute(
            text("CREATE INDEX IF NOT EXISTS ix_calls_analysis_state ON calls (analysis_state)")
        )
        connection.execute(
            text(
                "UPDATE calls SET analysis_state = 'analysed' "
                "WHERE id IN (SELECT DISTINCT call_id FROM mentions)"
            )
        )
    jobs = {c["name"] for c in inspect(connection).get_columns("jobs")}
    if "owner" not in jobs:
        connection.execute(text("ALTER TABLE jobs ADD COLUMN owner VARCHAR(255)"))
        connection.execute(
            text("CREATE INDEX IF NOT EXISTS ix_jobs_created_at ON jobs (created_at)")
        )


def _m003_users_and_erasures(connection: Any) -> None:
    """Users, their API tokens, and the record of account erasures."""
    tables = [User.__table__, ApiToken.__table__, Erasure.__table__]
    Base.metadata.create_all(connection, tables=tables)  # type: ignore[arg-type]


def _m004_team_roster(connection: Any) -> None:
    """The team roster (our people, reps on every call uploaded after)."""
    TeamMember.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def _m005_sentence_kinds(connection: Any) -> None:
    """Mentions carry the objection probability and who decided the kind (issue 16). A data dir
    from before keeps its mentions; ``callmine redetect`` sorts its calls into the five kinds."""
    columns = {c["name"] for c in inspect(connection).get_columns("mentions")}
    if "objection_probability" not in columns:
        connection.execute(text("ALTER TABLE mentions ADD COLUMN objection_probability FLOAT"))
    if "source" not in columns:
        connection.execute(
            text("ALTER TABLE mentions ADD COLUMN source VARCHAR(8) NOT NULL DEFAULT 'model'")
        )


def _m006_product_profile(connection: Any) -> None:
    """The product profile and its versions (issue 20)."""
    ProductProfileVersion.__table__.create(connection, checkfirst=True)  # type: ignore[attr-defined]


def _m007_industry(connection: Any) -> None:
    """Calls carry their account's industry (cafés, clinics, ...) and a document the industry it
    was written for (issue 20's use cases)."""
    for table in ("calls", "documents"):
        columns = {c["name"] for c in inspect(connection).get_columns(table)}
        if "industry" not in columns:
            connection.execute(text(f"ALTER TABLE {table} ADD COLUMN industry VARCHAR(255)"))
    connection.execute(text("CREATE INDEX IF NOT EXISTS ix_calls_industry ON calls (industry)"))


# Ordered, named migrations; append new ones, never edit applied ones.
MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("001_initial_schema", _m001_initial_schema),
    ("002_analysis_state", _m002_analysis_state),
    ("003_users_and_erasures", _m003_users_and_erasures),
    ("004_team_roster", _m004_team_roster),
    ("003_sentence_kinds", _m005_sentence_kinds),
    ("006_product_profile", _m006_product_profile),
    ("007_industry", _m007_industry),
]


def insert_new(session: Session, model: type[Base], rows: list[dict[str, Any]]) -> None:
    """Insert rows, skipping any whose key is already stored (another writer got there first):
    ``INSERT .. ON CONFLICT DO NOTHING`` on SQLite and PostgreSQL."""
    if not rows:
        return
    from sqlalchemy.dialects import postgresql, sqlite

    if session.get_bind().dialect.name == "postgresql":
        session.execute(postgresql.insert(model).on_conflict_do_nothing(), rows)
    else:
        session.execute(sqlite.insert(model).on_conflict_do_nothing(), rows)


def _enable_sqlite_pragmas(engine: Engine) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=10000")
        cursor.close()


def migrate(engine: Engine) -> list[str]:
    """Apply pending migrations in order; returns the names applied now."""
    applied_now: list[str] = []
    with engine.begin() as connection:
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


class Database:
    """Engine + session factory; the schema is migrated on construction."""

    def __init__(self, url: str) -> None:
        connect_args: dict[str, Any] = {}
        if url.startswith("sqlite"):
            connect_args["check_same_thread"] = False
            connect_args["timeout"] = 30
        self.url = url
        self.engine = create_engine(url, connect_args=connect_args, pool_pre_ping=True)
        if url.startswith("sqlite"):
            _enable_sqlite_pragmas(self.engine)
        migrate(self.engine)
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)

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

    def compact(self) -> None:
        """Rewrite a SQLite file so deleted rows leave no trace in free pages or the WAL."""
        if not self.url.startswith("sqlite"):
            return  # PostgreSQL: autovacuum reclaims the space; see the README on erasure
        with self.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            connection.exec_driver_sql("VACUUM")
            connection.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)")

    def dispose(self) -> None:
        self.engine.dispose()
