"""Precomputed views: what a page lists (cluster cards, cluster lists, one cluster, the dashboard)
is computed once per revision of the tables it reads and then served as stored, so a page over
100k mentions answers in milliseconds instead of recomputing seconds of stats per request.

Every committed write raises its tables' revisions in the same transaction
(``pipeline.store.database.track_revisions``), so a view is never served after a write to what it
read. Views live in the database (shared by every server and worker, filled ahead by the
analysis jobs) and, as JSON text, in a small memo per process; each read parses its own copy, so
callers may change what they get."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import threading
from collections import OrderedDict
from collections.abc import Callable, Collection, Iterator, Mapping
from contextlib import contextmanager
from typing import Any, TypeVar, cast

from sqlalchemy import delete, insert, select
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from pipeline.store.database import Database, writes_pending
from pipeline.store.models import utcnow
from pipeline.store.revisions import DataRevision, StoredView

log = logging.getLogger(__name__)
T = TypeVar("T")

MEMO_SIZE = 64  # views kept parsed-ready per process (a few filter combinations per kind)
STALE_AFTER_DAYS = 2  # stored views of older revisions are removed after this
# Raised when what a view holds changes shape (a field added or read anew): a view stored by
# an older version is then never served (the dashboard's trend words had lacked until a write).
VIEW_SHAPE = 4  # 4: every member of a theme has its lead-in


def view_key(name: str, params: Mapping[str, Any]) -> str:
    """One view's identity: its name, shape and every parameter that changes what it shows."""
    canonical = json.dumps(
        [name, VIEW_SHAPE, dict(sorted(params.items()))], default=str, sort_keys=True
    )
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def revisions_of(session: Session, tables: Collection[str]) -> str:
    """The revisions of ``tables`` as one stamp (``calls=4,mentions=9``); a table never written
    counts 0. Read first, in the caller's transaction, so what is computed next is at least
    this new."""
    found = dict(
        session.execute(
            select(DataRevision.table_name, DataRevision.value).where(
                DataRevision.table_name.in_(sorted(tables))
            )
        ).all()
    )
    return ",".join(f"{t}={found.get(t, 0)}" for t in sorted(tables))


def _dumps(data: Any) -> str:
    return json.dumps(data, separators=(",", ":"), allow_nan=False)


class ViewCache:
    """Views by name and parameters, at the revisions of the tables they read."""

    def __init__(self, db: Database, memo_size: int = MEMO_SIZE) -> None:
        self._db = db
        self._memo: OrderedDict[str, tuple[str, str]] = OrderedDict()
        self._memo_size = memo_size
        self._memo_guard = threading.Lock()
        # One lock per view being computed, so concurrent requests compute it once. Per key,
        # not striped: a view's compute may read another view (names from the cluster list),
        # and two keys sharing a stripe deadlocked on it (seen in CI).
        self._computing: dict[str, tuple[threading.Lock, list[int]]] = {}
        self._live: dict[str, tuple[str, Any]] = {}
        self._live_guard = threading.Lock()

    def get(
        self,
        session: Session,
        name: str,
        params: Mapping[str, Any],
        tables: Collection[str],
        compute: Callable[[], Any],
    ) -> Any:
        """The view, computed by ``compute`` (JSON-safe data, from ``session``) when none is
        stored at the current revisions of ``tables``; a copy of its own for each caller."""
        return json.loads(self.get_json(session, name, params, tables, compute))

    def get_json(
        self,
        session: Session,
        name: str,
        params: Mapping[str, Any],
        tables: Collection[str],
        compute: Callable[[], Any],
    ) -> str:
        """The view as stored JSON text: an API can send it as its body without parsing it."""
        if writes_pending(session):  # its own writes are in no stored view yet
            return _dumps(compute())
        key = view_key(name, params)
        stamp = revisions_of(session, tables)
        payload = self._memo_get(key, stamp)
        if payload is None:
            with self._computing_lock(key):
                payload = self._memo_get(key, stamp) or self._stored(session, key, stamp)
                if payload is None:
                    payload = _dumps(compute())
                    self._store(key, name, stamp, payload)
                self._memo_put(key, stamp, payload)
        return payload

    def live(
        self,
        session: Session,
        name: str,
        tables: Collection[str],
        build: Callable[[T | None], T],
    ) -> T:
        """An object of this process (a loaded faiss index...) kept while the revisions of
        ``tables`` stay the same and built again by ``build`` once they move; never stored.
        ``build`` gets the object of the older revisions (None at first), to bring it up to
        date rather than start again. Callers must not change it: other threads read it too."""
        stamp = revisions_of(session, tables)
        with self._live_guard:
            found = self._live.get(name)
            if found is not None and found[0] == stamp:
                return cast(T, found[1])
            built = build(None if found is None else cast(T, found[1]))
            self._live[name] = (stamp, built)
            return built

    @contextmanager
    def _computing_lock(self, key: str) -> Iterator[None]:
        """Held while ``key`` is computed; dropped once nobody waits for it."""
        with self._memo_guard:
            lock, users = self._computing.setdefault(key, (threading.Lock(), [0]))
            users[0] += 1
        try:
            with lock:
                yield
        finally:
            with self._memo_guard:
                users[0] -= 1
                if not users[0]:
                    del self._computing[key]

    def _memo_get(self, key: str, stamp: str) -> str | None:
        with self._memo_guard:
            found = self._memo.get(key)
            if found is None or found[0] != stamp:
                return None
            self._memo.move_to_end(key)
            return found[1]

    def _memo_put(self, key: str, stamp: str, payload: str) -> None:
        with self._memo_guard:
            self._memo[key] = (stamp, payload)
            self._memo.move_to_end(key)
            while len(self._memo) > self._memo_size:
                self._memo.popitem(last=False)

    @staticmethod
    def _stored(session: Session, key: str, stamp: str) -> str | None:
        return session.scalar(
            select(StoredView.payload).where(StoredView.key == key, StoredView.revisions == stamp)
        )

    def _store(self, key: str, name: str, stamp: str, payload: str) -> None:
        """Best effort, without waiting for a long writer's lock: the memo still has it, and
        the next reader after that writer computes it again."""
        row = {"key": key, "name": name, "revisions": stamp, "payload": payload}
        try:
            with self._db.without_waiting() as connection:
                connection.execute(delete(StoredView).where(StoredView.key == key))
                connection.execute(insert(StoredView).values(**row, computed_at=utcnow()))
                connection.commit()
        except (OperationalError, IntegrityError) as exc:  # busy, or another process stored it
            log.debug("view %s not stored: %s", name, exc)

    def prune(self, session: Session) -> int:
        """Remove stored views not recomputed for ``STALE_AFTER_DAYS`` (filters nobody uses
        any more); returns how many."""
        cutoff = utcnow() - dt.timedelta(days=STALE_AFTER_DAYS)
        result = session.execute(delete(StoredView).where(StoredView.computed_at < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)
