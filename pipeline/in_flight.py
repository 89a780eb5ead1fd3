"""Calls stored by an ingest that is still running in this process (storing them, then
analysing them): their content met again meanwhile (the same file twice in one request, two
uploads of it at once) is a duplicate of that call, not a call a crash left to be resumed."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager


class CallsInFlight:
    """Per thread: an ingest opens ``ingesting()`` around its storing and analysis, and the
    calls it stores meanwhile are held until the outermost one closes."""

    def __init__(self) -> None:
        self._guard = threading.Lock()
        self._held: dict[int, set[int]] = {}  # thread id -> the calls its ingest stored
        self._depth: dict[int, int] = {}

    @contextmanager
    def ingesting(self) -> Iterator[None]:
        me = threading.get_ident()
        with self._guard:
            self._depth[me] = self._depth.get(me, 0) + 1
            self._held.setdefault(me, set())
        try:
            yield
        finally:
            with self._guard:
                self._depth[me] -= 1
                if not self._depth[me]:
                    del self._depth[me], self._held[me]

    def hold(self, call_ids: Iterable[int]) -> None:
        """Held by this thread's ingest; outside one, nobody will analyse them now: not held."""
        with self._guard:
            held = self._held.get(threading.get_ident())
            if held is not None:
                held.update(call_ids)

    @contextmanager
    def holding(self) -> Iterator[Callable[[Iterable[int]], None]]:
        """``hold`` for calls stored in a transaction the block commits: held before the
        commit (an upload of the same content that sees them finds them held), let go again
        when the block fails (rolled back, their ids may be given to other calls)."""
        taken: list[int] = []

        def hold(call_ids: Iterable[int]) -> None:
            ids = list(call_ids)
            taken.extend(ids)
            self.hold(ids)

        try:
            yield hold
        except BaseException:
            with self._guard:
                self._held.get(threading.get_ident(), set()).difference_update(taken)
            raise

    def __contains__(self, call_id: object) -> bool:
        with self._guard:
            return any(call_id in held for held in self._held.values())
