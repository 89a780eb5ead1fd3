"""Failed sign-ins counted per client address and per user name, in memory.

Why in memory: one server process is the deployment this guards; a restart clears the counts,
and several server processes each count on their own (say so in the README).
"""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable

from pipeline.errors import TooManyAttempts
from pipeline.wording import plural

MAX_FAILURES = 5
WINDOW_S = 15 * 60.0


class LoginThrottle:
    def __init__(
        self,
        max_failures: int = MAX_FAILURES,
        window_s: float = WINDOW_S,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.max_failures, self.window_s, self.clock = max_failures, window_s, clock
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, now: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and now - times[0] > self.window_s:
            times.popleft()
        return times

    def check(self, *keys: str) -> None:
        """Refuse (``TooManyAttempts``) while any key has too many recent failures."""
        now = self.clock()
        with self._lock:
            for key in keys:
                times = self._recent(key, now)
                if len(times) >= self.max_failures:
                    minutes = max(math.ceil((self.window_s - (now - times[0])) / 60), 1)
                    wait = plural(minutes, "minute")
                    raise TooManyAttempts(f"too many failed sign-ins; try again in {wait}")

    def failed(self, *keys: str) -> None:
        now = self.clock()
        with self._lock:
            for key in keys:
                self._recent(key, now).append(now)

    def succeeded(self, *keys: str) -> None:
        with self._lock:
            for key in keys:
                self._failures.pop(key, None)
