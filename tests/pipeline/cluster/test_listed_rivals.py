"""The rivals the calls' records list, read once per distinct list on SQLite and PostgreSQL:
every analysis batch asks, and reading every call's list made a large upload quadratic."""

from __future__ import annotations

import datetime as dt
from typing import Any

import pytest
from sqlalchemy import event

from pipeline.cluster.rivals import listed_rivals
from pipeline.store.models import Call
from pipeline.workspace import Workspace

pytestmark = pytest.mark.postgres

# Records of a vets' practice, a warehouse, salons and an accounting firm: repeats, blanks,
# none, and a case the sort must fold.
LISTS: list[list[str] | None] = [
    ["VetBase", "PetDesk"],
    ["PetDesk", "VetBase"],
    [],
    None,
    ["Logiwa"],
    ["Logiwa"],
    ["Fresha", "", "vagaro"],
    ["Karbon"],
    ["Karbon"],
    [],
]


def test_listed_rivals_reads_each_distinct_list_once(workspace: Workspace) -> None:
    with workspace.session() as db:
        for n, listed in enumerate(LISTS * 20):
            db.add(
                Call(
                    content_hash=f"h{n}",
                    filename=f"c{n}.csv",
                    format="csv",
                    raw_text="note",
                    call_date=dt.date(2026, 3, 1 + n % 28),
                    competitors=listed,
                )  # fmt: skip
            )
        db.flush()
        read: list[str] = []

        def note(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
            read.append(statement.upper())

        engine = db.get_bind()
        event.listen(engine, "after_cursor_execute", note)
        try:
            rivals = listed_rivals(db)
        finally:
            event.remove(engine, "after_cursor_execute", note)
    assert rivals == ["Fresha", "Karbon", "Logiwa", "PetDesk", "vagaro", "VetBase"]
    # one read of the distinct lists, not 200 rows of the same few
    assert len(read) == 1 and "DISTINCT" in read[0]
