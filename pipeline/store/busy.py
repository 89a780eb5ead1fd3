"""SQLite's one write lock: an error saying another connection holds it is no fault of what
was being written, so it is waited out and retried, never reported against a row."""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import TypeVar

from sqlalchemy.exc import OperationalError

T = TypeVar("T")

# SQLITE_BUSY and SQLITE_LOCKED as the sqlite3 driver words them.
LOCK_MESSAGES = ("database is locked", "database table is locked")
FIRST_DELAY_S = 0.05
LONGEST_DELAY_S = 2.0


def database_locked(exc: BaseException) -> bool:
    """Whether ``exc`` says another connection held the write lock past the busy timeout."""
    return isinstance(exc, OperationalError) and any(m in str(exc) for m in LOCK_MESSAGES)


def retry_with_backoff(
    step: Callable[[], T],
    *,
    retry_if: Callable[[Exception], bool],
    within_s: float,
    sleep: Callable[[float], None] = time.sleep,
) -> T:
    """``step``'s value, tried again after a doubling pause (up to ``LONGEST_DELAY_S``) while
    it fails with an error ``retry_if`` accepts; the error is raised once ``within_s`` is past."""
    deadline = time.monotonic() + within_s
    delay = FIRST_DELAY_S
    while True:
        try:
            return step()
        except Exception as exc:
            if not retry_if(exc) or time.monotonic() > deadline:
                raise
            sleep(delay)
            delay = min(delay * 2, LONGEST_DELAY_S)
