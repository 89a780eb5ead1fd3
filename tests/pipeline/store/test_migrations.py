"""Migrations on a database made before them, on SQLite and PostgreSQL. 002: calls with
mentions were analysed, the rest are pending (and analysed again at the next start); jobs get
an owner; timestamps read back UTC. 009: mentions get a category margin, none on the old rows."""

from __future__ import annotations

import datetime as dt

import pytest
from sqlalchemy import select, text

from pipeline.config import Settings
from pipeline.detect import learning as detections
from pipeline.ingest.service import ingest_bytes
from pipeline.store.database import Database
from pipeline.store.models import Call, Job, Mention
from pipeline.workspace import Workspace
from tests.samples import add_mention, transcript

pytestmark = pytest.mark.postgres


def test_an_older_database_gets_analysis_states(settings: Settings) -> None:
    workspace = Workspace(settings)
    ids = [
        ingest_bytes(workspace, transcript(tag), f"{tag}.txt", analyse=False)[0].call_id or 0
        for tag in ("with-mentions", "without")
    ]
    add_mention(workspace, ids[0])
    with workspace.db.engine.begin() as connection:  # back to the schema before 002
        for statement in (
            "DROP INDEX ix_calls_analysis_state",
            "ALTER TABLE calls DROP COLUMN analysis_state",
            "ALTER TABLE calls DROP COLUMN analysis_error",
            "DROP INDEX ix_jobs_created_at",
            "ALTER TABLE jobs DROP COLUMN owner",
            "DELETE FROM _migrations WHERE name = '002_analysis_state'",
            "INSERT INTO jobs (id, kind, status, progress, message, result, created_at, "
            "updated_at) VALUES ('old', 'analyse', 'done', 1, '', '{}', "
            "'2026-03-15 09:12:00.000000', '2026-03-15 09:12:00.000000')",
        ):
            connection.execute(text(statement))
    workspace.close()

    database = Database(settings.resolved_database_url)
    try:
        with database.session() as db:
            states = dict(db.execute(select(Call.id, Call.analysis_state)).all())
            job = db.get(Job, "old")
            assert job is not None
            assert job.owner is None
            assert job.created_at == dt.datetime(2026, 3, 15, 9, 12, tzinfo=dt.UTC)
        assert states == {ids[0]: "analysed", ids[1]: "pending"}
    finally:
        database.dispose()


def test_an_older_database_gets_category_margins(settings: Settings) -> None:
    workspace = Workspace(settings)
    (result,) = ingest_bytes(workspace, transcript("old-margins"), "old.txt", analyse=False)
    add_mention(workspace, result.call_id or 0)
    with workspace.db.engine.begin() as connection:  # back to the schema before 009
        for statement in (
            "ALTER TABLE mentions DROP COLUMN category_margin",
            "DELETE FROM _migrations WHERE name = '010_category_margin'",
        ):
            connection.execute(text(statement))
    workspace.close()

    database = Database(settings.resolved_database_url)
    try:
        with database.session() as db:
            (mention,) = db.scalars(select(Mention)).all()
            assert mention.kind == "objection" and mention.category_margin is None
            mention.category_margin = 0.12
        with database.session() as db:
            assert db.scalars(select(Mention.category_margin)).one() == 0.12
    finally:
        database.dispose()
    workspace = Workspace(settings)
    try:  # the review queue reads the migrated table
        with workspace.session() as session:
            assert detections.queue_progress(workspace, session).unscored == 1
    finally:
        workspace.close()
