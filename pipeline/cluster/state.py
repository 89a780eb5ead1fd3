"""What the last full re-cluster left behind, in the data dir beside the database:

- ``cluster_state.json``: per kind, the mentions it saw, each category's automatic k and the
  chosen grain (``scale`` times the automatic number of themes; 1 = automatic);
- ``cluster_trees.json``: per kind and category, the tree the clusters were cut from, so another
  grain is one more cut (no re-embedding, no new tree);
- ``cluster_memory.json``: per kind, the members of recently retired clusters, so a theme that
  comes back (one grain coarser, then finer again) gets its old id, name and edits back.

And whether drift since the last full run warrants another."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.categories import walled_kind
from pipeline.cluster.tree import ThemeTree
from pipeline.detect.rules import says_nothing
from pipeline.store.files import write_text_atomically
from pipeline.store.models import Mention

STATE_FILENAME = "cluster_state.json"
TREES_FILENAME = "cluster_trees.json"
MEMORY_FILENAME = "cluster_memory.json"
DRIFT_UNASSIGNED = 0.2
DRIFT_GROWTH = 1.5
# Below this many mentions a kind whose grain is its tree's k (no wall: pains, questions) is
# re-clustered in full whenever it grows. Its k, scored on the first calls' few mentions, is
# noise (a walk's 13 pains scored 2 themes, 17 scored 5, 19 scored 8), and mentions joining the
# lumped themes by their wide bars kept it: one pain theme of five problems until a rebuild cut
# the same pains into five. A full run of so few takes a fraction of a second.
SMALL_KIND = 200
# A mention read at this confidence or more is a real quote: in no theme, it is counted and shown.
CONFIDENT = 0.8
# Retired clusters remembered per kind (the oldest are forgotten first).
REMEMBERED_CLUSTERS = 500


def _load(path: Path) -> dict[str, Any]:
    try:
        data = json.loads(path.read_text())
    except (OSError, ValueError):
        return {}
    return data if isinstance(data, dict) else {}


def load_state(folder: Path) -> dict[str, Any]:
    return _load(folder / STATE_FILENAME)


def save_state(folder: Path, state: dict[str, Any]) -> None:
    write_text_atomically(folder / STATE_FILENAME, json.dumps(state))


def load_trees(folder: Path, kind: str) -> dict[str, ThemeTree]:
    """The kind's trees by category key; none when missing or unreadable (then they are built)."""
    try:
        return {
            key: ThemeTree.from_json(data)
            for key, data in _load(folder / TREES_FILENAME).get(kind, {}).items()
        }
    except (KeyError, TypeError, ValueError):
        return {}


def save_trees(folder: Path, kind: str, trees: dict[str, ThemeTree]) -> None:
    everything = _load(folder / TREES_FILENAME)
    everything[kind] = {key: tree.to_json() for key, tree in sorted(trees.items())}
    write_text_atomically(folder / TREES_FILENAME, json.dumps(everything, separators=(",", ":")))


def load_memory(folder: Path, kind: str) -> dict[int, set[int]]:
    """Members of the kind's recently retired clusters, oldest first."""
    remembered = _load(folder / MEMORY_FILENAME).get(kind, {})
    return {int(cid): {int(m) for m in members} for cid, members in remembered.items()}


def save_memory(folder: Path, kind: str, memory: dict[int, set[int]]) -> None:
    everything = _load(folder / MEMORY_FILENAME)
    kept = list(memory.items())[-REMEMBERED_CLUSTERS:]
    everything[kind] = {str(cid): sorted(members) for cid, members in kept}
    write_text_atomically(folder / MEMORY_FILENAME, json.dumps(everything, separators=(",", ":")))


BUILT_IN_NAMER = "built-in"  # who named a kind's themes last: this, or "llm"


def counts_to_keep(
    counts: Mapping[str, Any], unthemed: int = 0, waiting: int = 0
) -> dict[str, Any]:
    """What the cluster state keeps of a full re-cluster of a kind (beside its grain);
    ``unthemed``: the confident mentions it left in no theme (``unthemed_mentions``);
    ``waiting``: all it left in no theme (``waiting.waiting_mentions``)."""
    return {
        "mentions": counts["mentions"],
        "silent": counts.get("silent", 0),
        "k": counts["k_by_category"],
        "unthemed": unthemed,
        "waiting": waiting,
        "namer": counts.get("namer", BUILT_IN_NAMER),
    }


def unthemed_mentions(session: Session, kind: str) -> int:
    """Confident mentions of this kind in no theme (a mention that says nothing alone is in
    none by choice; one marked "not an objection" is not counted)."""
    texts = session.scalars(
        select(Mention.text).where(
            Mention.kind == kind,
            Mention.excluded.is_(False),
            Mention.cluster_id.is_(None),
            Mention.confidence >= CONFIDENT,
        )
    )
    return sum(1 for text in texts if not says_nothing(text))


def drift_warrants(session: Session, kind: str, state: dict[str, Any]) -> bool:
    """No clusters yet, too many unassigned mentions, or much growth since the last full run
    (any growth of a small kind without walls: ``SMALL_KIND``, whose themes a full run re-cuts
    at once). In a larger kind, and in objections, a few mentions that fit no theme wait, and
    become a theme of their own once enough say one thing (``waiting``): a full run for every
    three had re-clustered most uploads."""
    live = select(func.count(Mention.id)).where(Mention.kind == kind, Mention.excluded.is_(False))
    total = session.scalar(live) or 0
    if not total:
        return False
    # Mentions that say nothing alone join no theme: unassigned by choice, not by drift.
    silent = int(state.get(kind, {}).get("silent", 0))
    unassigned = max(0, (session.scalar(live.where(Mention.cluster_id.is_(None))) or 0) - silent)
    last = int(state.get(kind, {}).get("mentions", 0))
    small = last < SMALL_KIND and not walled_kind(kind)
    grew = total > DRIFT_GROWTH * last or (small and total > last)
    return last == 0 or unassigned / total > DRIFT_UNASSIGNED or grew
