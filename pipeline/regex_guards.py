"""An ordered regex alternation with a cheap look-ahead in front of each costly branch.

Python's ``re`` enters every branch of ``a|b|c…`` at every position it tries. A branch that
opens on a literal is turned down at once; one that opens on a group or a look-behind
(``(?<!'d )(never|nobody) …``) is entered, its marks saved and its inner branches tried, which
is most of what a big cue lexicon costs. Each such branch gets a guard, ``(?=ne|no)(?:…)``,
built from the one or two characters every match of it starts with. A guard never turns
down a position where its branch could match and adds no group, so branches are tried in the
same order with the same groups: the same matches, spans and groups, in any context.

The guards compare characters exactly: compile the result case-sensitively (the cue lexicons
are matched on lower-cased text).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterable, Sequence
from itertools import groupby
from typing import Any

_DEPTH = 2  # characters a guard looks at
_MOST_PREFIXES = 48  # more ways to start than this: no guard (it would cost what it saves)
_MOST_CLASS = 40  # a wider character class ends a guard's prefix there
_STRUCTURE = frozenset("()[\\")  # what a fragment needs to be parsed for
_ROUNDS = 8  # repetitions followed before giving up (a settled round comes well before)

# A branch's possible starts: strings, and whether each may still go on (shorter than _DEPTH).
_Starts = frozenset[tuple[str, bool]]


class _Unguardable(Exception):
    """The branch may start with any character, or match empty: no guard."""


def guarded_alternation(fragments: Sequence[str]) -> str:
    """Regex source that matches as ``"|".join(fragments)`` does, costly branches guarded.

    Neighbouring branches with the same guard share it. A fragment that is no regex on its
    own ("(a" joined to "b)c") leaves the join as it is.
    """
    try:
        guarded = [(_guard(fragment), fragment) for fragment in fragments]
    except re.error:
        return "|".join(fragments)
    parts = []
    for guard, run in groupby(guarded, key=lambda pair: pair[0]):
        branches = "|".join(fragment for _, fragment in run)
        parts.append(branches if guard is None else f"{guard}(?:{branches})")
    return "|".join(parts)


def _guard(fragment: str) -> str | None:
    """``(?=…)`` with what every match of ``fragment`` starts with, or None where ``re``
    turns the branch down as fast by itself (it opens on a literal) or nothing is known.
    Raises ``re.error`` for a fragment that is no regex on its own."""
    literal_first = _opens_on_a_literal(fragment)
    if _PARSER is None or (literal_first and not _STRUCTURE.intersection(fragment)):
        return None  # plain words ("never match"): nothing to guard, nothing to unbalance
    parsed = _PARSER.parse(fragment)
    if literal_first or parsed.state.flags & re.IGNORECASE:
        return None
    if _opens_fast(parsed.data):
        return None
    try:
        starts = _sequence(parsed.data, frozenset({("", True)}))
    except (_Unguardable, RecursionError):
        return None
    if any(not text for text, _ in starts):
        return None  # it can match empty
    return "(?=" + "|".join(_by_first_character(text for text, _ in starts)) + ")"


def _opens_on_a_literal(fragment: str) -> bool:
    """A plain first character not made optional ("never", not "s?" or "(a|b)")."""
    first, second = fragment[:1], fragment[1:2]
    return (first.isalnum() or first in " '") and second not in ("?", "*", "{", "+")


def _opens_fast(items: Sequence[tuple[Any, Any]]) -> bool:
    """Whether ``re`` checks the branch's first character before entering it (a literal or a
    character class first)."""
    return bool(items) and str(items[0][0]) in ("LITERAL", "IN")


def _by_first_character(prefixes: Iterable[str]) -> list[str]:
    """``["ne", "no", "is"]`` as ``["is", "n[eo]"]``: one look-ahead branch per first character."""
    out = []
    for first, group in groupby(sorted(set(prefixes)), key=lambda text: text[0]):
        rests = [text[1:] for text in group]
        if "" in rests:
            out.append(re.escape(first))  # a match may end, or go on with anything, here
        elif len(rests) == 1:
            out.append(re.escape(first) + re.escape(rests[0]))
        else:
            out.append(re.escape(first) + "[" + "".join(_in_class(c) for c in rests) + "]")
    return out


def _in_class(char: str) -> str:
    return "\\" + char if char in "\\]^-[" else char


def _parser() -> Any | None:
    """``re``'s own parser (private, so only a hint: without it nothing is guarded)."""
    try:
        return importlib.import_module("re._parser")
    except ImportError:
        return None


_PARSER = _parser()


def _sequence(items: Iterable[tuple[Any, Any]], starts: _Starts) -> _Starts:
    """The starts after matching ``items`` (parsed ops) from ``starts``."""
    for op, value in items:
        if not any(open_ for _, open_ in starts):
            break
        starts = _op(str(op), value, starts)
        if len(starts) > _MOST_PREFIXES:
            raise _Unguardable
    return starts


def _op(kind: str, value: Any, starts: _Starts) -> _Starts:
    """One parsed op: what a match can start with after it."""
    if kind in ("AT", "ASSERT", "ASSERT_NOT"):
        return starts  # zero width: it narrows matches, a guard may ignore it
    if kind == "LITERAL":
        return _extended(starts, [chr(value)])
    if kind == "IN":
        chars = _class_chars(value)
        return _closed(starts) if chars is None else _extended(starts, chars)
    if kind == "SUBPATTERN" and not (value[1] or value[2]):  # no scoped flags such as (?i:…)
        return _sequence(value[3].data, starts)
    if kind == "ATOMIC_GROUP":
        return _sequence(value.data, starts)
    if kind == "BRANCH":
        return frozenset().union(*(_sequence(branch.data, starts) for branch in value[1]))
    if kind in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
        return _repeated(value[0], value[1], value[2].data, starts)
    return _closed(starts)  # any character, a category, a back-reference…: not followed


def _repeated(least: int, most: int, items: Sequence[tuple[Any, Any]], starts: _Starts) -> _Starts:
    """Starts after ``least`` to ``most`` repetitions of ``items``.

    Starts are at most ``_DEPTH`` characters, so a few rounds reach a round that changes
    nothing, and every later round gives the same again.
    """
    found: set[tuple[str, bool]] = set(starts) if least == 0 else set()
    current = starts
    for count in range(1, most + 1):
        after = _sequence(items, current)
        settled = after == current
        if count >= least or settled:
            found |= after
        if settled:
            break
        if count > least + _ROUNDS:
            raise _Unguardable
        current = after
    return frozenset(found)


def _extended(starts: _Starts, chars: Iterable[str]) -> _Starts:
    out = set()
    for text, open_ in starts:
        if not open_:
            out.add((text, False))
            continue
        for char in chars:
            out.add((text + char, len(text) + 1 < _DEPTH))
    return frozenset(out)


def _closed(starts: _Starts) -> _Starts:
    """Starts that stop here: any character may follow (an empty one means no guard)."""
    if any(open_ and not text for text, open_ in starts):
        raise _Unguardable
    return frozenset((text, False) for text, _ in starts)


def _class_chars(items: Sequence[tuple[Any, Any]]) -> set[str] | None:
    """The characters of a parsed character class; None if negated, a category or wide."""
    chars: set[str] = set()
    for op, value in items:
        kind = str(op)
        if kind == "LITERAL":
            chars.add(chr(value))
        elif kind == "RANGE" and value[1] - value[0] < _MOST_CLASS:
            chars.update(chr(code) for code in range(value[0], value[1] + 1))
        else:
            return None
    return chars if len(chars) <= _MOST_CLASS else None
