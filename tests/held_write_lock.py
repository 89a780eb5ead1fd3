"""Another heavy writer holding SQLite's write lock past a workspace's busy timeout: what a
write that meets a re-cluster's or a grain change's long transaction must wait out."""

from __future__ import annotations

import sqlite3
import threading
import time
from typing import Any

from sqlalchemy import event

from pipeline.workspace import Workspace

HELD_S = 3.0  # how long the other writer holds SQLite's write lock
BUSY_TIMEOUT_MS = 300  # shorter than that, as a long grain change is longer than the default


def short_busy_timeout(workspace: Workspace) -> None:
    """Every connection of the workspace's engine waits ``BUSY_TIMEOUT_MS`` for the lock."""

    @event.listens_for(workspace.db.engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")

    workspace.db.engine.dispose()  # connections opened before the listener are not reused


def hold_the_write_lock(workspace: Workspace, holding: threading.Event) -> None:
    """A heavy writer: its turn at ``writer()`` and a write transaction held ``HELD_S``."""
    database = workspace.settings.data_dir / "callmine.db"
    with workspace.writer():
        connection = sqlite3.connect(database, timeout=30)
        try:
            connection.execute("BEGIN IMMEDIATE")
            holding.set()
            time.sleep(HELD_S)
        finally:
            connection.rollback()
            connection.close()
