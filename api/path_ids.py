"""Malformed ids in a path (``/api/calls/-1``, ``/abc``, ``/1.5``) are a 422 like any other bad
id, not a route-not-found 404. Routes keep Starlette's ``:int`` convertor, so a literal path
beside an id (``/api/calls/redetect``) still answers 405 to a method it does not take; only a
request no route matched is read again against the id routes' shapes."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute
from starlette.routing import BaseRoute

from pipeline.types import MAX_ROW_ID

_ID_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*):int\}")
_ANY_PARAM = re.compile(r"\{([A-Za-z_][A-Za-z0-9_]*)(?::[a-z]+)?\}")


@dataclass(frozen=True)
class IdRoute:
    """A route with an integer id in its path, as a pattern taking any segment there."""

    pattern: re.Pattern[str]
    ids: frozenset[str]
    methods: frozenset[str]


def _loose(path: str) -> re.Pattern[str]:
    parts = _ANY_PARAM.split(path)
    # split() alternates literal text and parameter names
    regex = "".join(
        re.escape(part) if i % 2 == 0 else f"(?P<{part}>[^/]+)" for i, part in enumerate(parts)
    )
    return re.compile(f"^{regex}$")


def id_routes(routes: Iterable[BaseRoute]) -> list[IdRoute]:
    """The API routes with an integer id in their path."""
    return [
        IdRoute(
            _loose(route.path),
            frozenset(_ID_PARAM.findall(route.path)),
            frozenset(route.methods or ()),
        )
        for route in routes
        if isinstance(route, APIRoute) and _ID_PARAM.search(route.path)
    ]


def is_row_id(text: str) -> bool:
    return text.isascii() and text.isdigit() and 1 <= int(text) <= MAX_ROW_ID


def malformed_ids(routes: Iterable[IdRoute], method: str, path: str) -> list[dict[str, Any]]:
    """Validation errors (pydantic's shape, ``loc`` ``["path", name]``) for the ids of the
    first route of ``method`` whose shape ``path`` has; none when no such route has one."""
    for route in routes:
        found = route.pattern.match(path)
        if found is None or method not in route.methods:
            continue
        bad = {name: found[name] for name in sorted(route.ids) if not is_row_id(found[name])}
        if bad:
            return [
                {
                    "type": "row_id",
                    "loc": ["path", name],
                    "msg": f"an id is a whole number from 1 to {MAX_ROW_ID}",
                    "input": value,
                }
                for name, value in bad.items()
            ]
    return []
