"""Every collected test has a node id of its own.

pytest-xdist hands tests out by node id, so items that share one run once between them:
schemathesis' per-operation items of one test did under pytest 9.2, and ``make test`` ran one
operation of sixty. A repeat stops the collection instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

import pytest


def repeated_ids(node_ids: Iterable[str]) -> list[str]:
    """The ids said more than once, sorted."""
    return sorted(node_id for node_id, count in Counter(node_ids).items() if count > 1)


@pytest.hookimpl(tryfirst=True)
def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Before any deselection, so a repeat is found whatever ``-k`` picks."""
    if repeats := repeated_ids(item.nodeid for item in items):
        raise pytest.UsageError(
            f"{len(repeats)} test ids are shared by several tests (only one of each would run "
            f"under pytest-xdist): {', '.join(repeats[:5])}"
        )
