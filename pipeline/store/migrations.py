"""The database's ordered, named migrations (simonw/llm's pattern): each runs once, recorded in
the ``_migrations`` table; ``database.migrate`` applies the ones not yet recorded."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy import inspect, text

from pipeline.store.models import (
    ApiToken,
    Base,
    Erasure,
    ProductProfileVersion,
    TeamMember,
    User,
)
from pipeline.store.revisions import DataRevision, StoredView


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


def _m008_view_cache(connection: Any) -> None:
    """Table revisions and precomputed views (issue 19: pages stay fast at 100k mentions)."""
    tables = [DataRevision.__table__, StoredView.__table__]
    Base.metadata.create_all(connection, tables=tables)  # type: ignore[arg-type]


def _m009_analysis_claims(connection: Any) -> None:
    """Calls record the process that owns their analysis (issue 19: one analysis of a call
    uploaded by two processes at once); calls stored before have no owner."""
    columns = {c["name"] for c in inspect(connection).get_columns("calls")}
    if "claimed_by" not in columns:
        connection.execute(text("ALTER TABLE calls ADD COLUMN claimed_by VARCHAR(255)"))
    if "claimed_at" not in columns:
        kind = "TIMESTAMP WITH TIME ZONE" if connection.dialect.name == "postgresql" else "DATETIME"
        connection.execute(text(f"ALTER TABLE calls ADD COLUMN claimed_at {kind}"))


def _m010_category_margin(connection: Any) -> None:
    """Objection mentions carry their category's margin (review 23l): rows from before have
    none until ``callmine redetect``, and the queue reads their theme's doubt only."""
    columns = {c["name"] for c in inspect(connection).get_columns("mentions")}
    if "category_margin" not in columns:
        connection.execute(text("ALTER TABLE mentions ADD COLUMN category_margin FLOAT"))


def _m011_note_kinds(connection: Any) -> None:
    """Utterances carry the kind a rep's own label in a note gave them ("Pain:", "Next steps:");
    notes stored before keep theirs in the text until they are uploaded again."""
    columns = {c["name"] for c in inspect(connection).get_columns("utterances")}
    if "note_kind" not in columns:
        connection.execute(text("ALTER TABLE utterances ADD COLUMN note_kind VARCHAR(16)"))


def _m012_note_categories(connection: Any) -> None:
    """Utterances carry the objection category a rep's label in a note named ("Price
    objection:", "Objection - price:"); notes stored before have none until uploaded again."""
    columns = {c["name"] for c in inspect(connection).get_columns("utterances")}
    if "note_category" not in columns:
        connection.execute(text("ALTER TABLE utterances ADD COLUMN note_category VARCHAR(32)"))


def _m013_theme_bounds(connection: Any) -> None:
    """Themes carry the bar a new mention clears to join them (``Cluster.join_bound``); themes
    kept before have none, so they keep the fixed floor until the next full re-cluster. A
    store with no themes table yet gets it, column and all, when the schema is created."""
    if not inspect(connection).has_table("clusters"):
        return
    columns = {c["name"] for c in inspect(connection).get_columns("clusters")}
    if "join_bound" not in columns:
        connection.execute(text("ALTER TABLE clusters ADD COLUMN join_bound FLOAT"))


# Ordered, named migrations; append new ones, never edit applied ones.
MIGRATIONS: list[tuple[str, Callable[[Any], None]]] = [
    ("001_initial_schema", _m001_initial_schema),
    ("002_analysis_state", _m002_analysis_state),
    ("003_users_and_erasures", _m003_users_and_erasures),
    ("004_team_roster", _m004_team_roster),
    ("003_sentence_kinds", _m005_sentence_kinds),
    ("006_product_profile", _m006_product_profile),
    ("007_industry", _m007_industry),
    ("008_view_cache", _m008_view_cache),
    ("009_analysis_claims", _m009_analysis_claims),
    ("010_category_margin", _m010_category_margin),
    ("011_note_kinds", _m011_note_kinds),
    ("012_note_categories", _m012_note_categories),
    ("013_theme_bounds", _m013_theme_bounds),
]
