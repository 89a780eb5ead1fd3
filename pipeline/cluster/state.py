"""What the last full re-cluster left behind (mentions and clusters per category, per kind), and
whether drift since then warrants another."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.files import write_text_atomically
from pipeline.store import Mention

STATE_FILENAME = "cluster_state.json"
DRIFT_UNASSIGNED = 0.2
DRIFT_GROWTH = 1.5


def load_state(folder: Path) -> dict[str, Any]:
    try:
        state: dict[str, Any] = json.loads((folder / STATE_FILENAME).read_text())
        return state
    except (OSError, ValueError):
        return {}


def save_state(folder: Path, state: dict[str, Any]) -> None:
    write_text_atomically(folder / STATE_FILENAME, json.dumps(state))


def drift_warrants(session: Session, kind: str, state: dict[str, Any]) -> bool:
    """No clusters yet, too many unassigned mentions, or much growth since the last full run."""
    live = select(func.count(Mention.id)).where(Mention.kind == kind, Mention.excluded.is_(False))
    total = session.scalar(live) or 0
    if not total:
        return False
    unassigned = session.scalar(live.where(Mention.cluster_id.is_(None))) or 0
    last = int(state.get(kind, {}).get("mentions", 0))
    return last == 0 or unassigned / total > DRIFT_UNASSIGNED or total > DRIFT_GROWTH * last
