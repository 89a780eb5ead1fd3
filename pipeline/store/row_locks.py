"""Edits that check a row and then change it hold that row's write lock in between: two
users' edits of one document or theme run one after the other, each checked against what
the other wrote, never against a copy read before it."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, cast

from sqlalchemy import update
from sqlalchemy.orm import InstrumentedAttribute, Session


def lock_rows(session: Session, column: InstrumentedAttribute[object], ids: Sequence[int]) -> None:
    """Take the write lock on these rows for the rest of the transaction and let their loaded
    objects be read again (SQLite's one writer, PostgreSQL's row locks). Pending changes are
    flushed first: reloading drops nothing this transaction meant to write."""
    session.flush()
    model = cast(type[Any], column.class_)
    table = model.__table__
    # A no-op write (``SET x = x``): it waits for any other writer of these rows to commit.
    session.connection().execute(
        update(table)
        .where(table.c.id.in_(sorted(set(ids))))
        .values({column.key: table.c[column.key]})
    )
    for instance in list(session.identity_map.values()):
        if isinstance(instance, model) and getattr(instance, "id", None) in ids:
            session.expire(instance)
