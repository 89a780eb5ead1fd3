"""A regex compiled where it is first used rather than where it is defined.

Compiling the cue lexicons was half of what starting any ``callmine`` process cost (0.6 s of
1.2 s in ``pipeline.detect`` alone), and most processes use few or none of them: ``--help``,
a server or worker before its first analysis, an export. ``LazyPattern`` answers as the
compiled ``re.Pattern`` does; its first call compiles it.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Iterator
from functools import cached_property
from typing import Any

_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split")


class LazyPattern:
    """The pattern of ``source()`` with ``flags``, its source built and compiled on first use.

    The first match puts the compiled pattern's own methods on the instance, in front of the
    class's: every later call costs what it would on the pattern (the detector makes millions).
    Two threads may both compile it once; the patterns are equal, so either will do.
    """

    _pattern: re.Pattern[str]  # set by the first match

    def __init__(self, source: Callable[[], str], flags: int = 0) -> None:
        self._source = source
        self._flags = flags

    @cached_property
    def pattern(self) -> str:
        """The source, built without compiling it (a bigger pattern may be made of it)."""
        return self._source()

    def compiled(self) -> re.Pattern[str]:
        pattern: re.Pattern[str] | None = self.__dict__.get("_pattern")
        if pattern is None:
            pattern = re.compile(self.pattern, self._flags)
            for name in _METHODS:
                setattr(self, name, getattr(pattern, name))
            self._pattern = pattern
        return pattern

    @property
    def is_compiled(self) -> bool:
        return "_pattern" in self.__dict__

    @property
    def groups(self) -> int:
        return self.compiled().groups

    def search(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().search(string, pos, endpos)

    def match(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> re.Match[str] | None:
        return self.compiled().match(string, pos, endpos)

    def fullmatch(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> re.Match[str] | None:
        return self.compiled().fullmatch(string, pos, endpos)

    def finditer(
        self, string: str, pos: int = 0, endpos: int = sys.maxsize
    ) -> Iterator[re.Match[str]]:
        return self.compiled().finditer(string, pos, endpos)

    def findall(self, string: str, pos: int = 0, endpos: int = sys.maxsize) -> list[Any]:
        return self.compiled().findall(string, pos, endpos)

    def sub(self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0) -> str:
        return self.compiled().sub(repl, string, count)

    def subn(
        self, repl: str | Callable[[re.Match[str]], str], string: str, count: int = 0
    ) -> tuple[str, int]:
        return self.compiled().subn(repl, string, count)

    def split(self, string: str, maxsplit: int = 0) -> list[str | Any]:
        return self.compiled().split(string, maxsplit)

    def __repr__(self) -> str:
        return f"LazyPattern({self.compiled()!r})" if self.is_compiled else "LazyPattern(…)"


def lazy_compile(source: str, flags: int = 0) -> LazyPattern:
    """``re.compile(source, flags)``, on first use."""
    return LazyPattern(lambda: source, flags)


# What a helper that only matches may take: a pattern compiled now or on first use.
Regex = re.Pattern[str] | LazyPattern
