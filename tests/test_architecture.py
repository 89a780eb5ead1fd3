"""The layers the design asks for, checked on the import graph (grimp): no import cycle in the
pipeline, the pipeline never imports the surfaces, the surfaces never touch SQL, and no module
grows past ~400 lines without saying why."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import cache
from pathlib import Path

import grimp
import pytest

from tests.conftest import ROOT

SURFACES = ("api.pages", "api.routers", "api.commands")
MAX_LINES = 400
# A long module says why in its first lines, e.g. "# Long: one table per format, kept together."
LONG_REASON = "# Long:"


@cache
def graph() -> grimp.ImportGraph:
    return grimp.build_graph("pipeline", "api", include_external_packages=True)


def cycles(edges: Mapping[str, Iterable[str]]) -> list[list[str]]:
    """Strongly connected groups of more than one node (Tarjan), each sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(sorted(group))

    for node in sorted(edges):
        if node not in index:
            visit(node)
    return found


def internal_edges(package: str, *, by_package: bool = False) -> dict[str, set[str]]:
    """Imports between the modules of ``package``, or between its rooms (``pipeline.detect``,
    ``pipeline.store.models``, ...) when ``by_package``."""
    g = graph()
    modules = {m for m in g.modules if m.startswith(f"{package}.")}

    def room(module: str) -> str:
        return ".".join(module.split(".")[:2]) if by_package else module

    edges: dict[str, set[str]] = {}
    for module in modules:
        for imported in g.find_modules_directly_imported_by(module):
            if imported in modules and room(imported) != room(module):
                edges.setdefault(room(module), set()).add(room(imported))
    return edges


def test_no_import_cycle_among_pipeline_modules() -> None:
    assert cycles(internal_edges("pipeline")) == []


def test_no_import_cycle_among_pipeline_rooms() -> None:
    assert cycles(internal_edges("pipeline", by_package=True)) == []


def test_no_import_cycle_among_api_modules() -> None:
    assert cycles(internal_edges("api")) == []


def test_the_pipeline_never_imports_the_surfaces() -> None:
    chain = graph().find_shortest_chain(importer="pipeline", imported="api")
    assert chain is None


@pytest.mark.parametrize("surface", SURFACES)
def test_pages_routers_and_commands_do_not_touch_sql(surface: str) -> None:
    g = graph()
    touching = sorted(
        module
        for module in g.find_descendants(surface) | {surface}
        if "sqlalchemy" in g.find_modules_directly_imported_by(module)
    )
    assert touching == []


def test_modules_stay_small_or_say_why() -> None:
    long = []
    for folder in ("api", "pipeline"):
        for path in sorted(Path(ROOT, folder).rglob("*.py")):
            lines = path.read_text("utf-8").splitlines()
            if len(lines) > MAX_LINES and not any(LONG_REASON in line for line in lines[:12]):
                long.append(f"{path.relative_to(ROOT)}: {len(lines)} lines")
    assert long == []
