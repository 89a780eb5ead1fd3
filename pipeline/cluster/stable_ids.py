"""Stable cluster ids across full re-clusters: user splits and merges are replayed on the new
groups before they are matched to the old clusters by membership overlap."""

from __future__ import annotations

from collections import Counter

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import assign_nearest
from pipeline.cluster.incremental import centroid_of
from pipeline.embed import Vectors, normalise
from pipeline.store.models import Cluster, ClusterEdit


def user_edits(session: Session, action: str) -> list[ClusterEdit]:
    return list(
        session.scalars(
            select(ClusterEdit).where(ClusterEdit.action == action).order_by(ClusterEdit.id)
        )
    )


def respect_splits(
    session: Session, groups: list[list[int]], previous: dict[int, int | None], vectors: Vectors
) -> list[list[int]]:
    """Re-split a new group that swallowed two or more children of a user split. A child is
    in the group when at least half of its members are (a child of one mention too: the user
    set that sentence apart), not when a few strays of it are."""
    active = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.status == "active"))}
    families = [
        [cid for cid in edit.payload.get("children", []) if cid in active]
        for edit in user_edits(session, "split")
    ]
    sizes = Counter(previous.values())
    out: list[list[int]] = []
    for group in groups:
        parents = [previous.get(p) for p in group]
        pieces = None
        for family in families:
            shares = [sum(1 for p in parents if p == child) for child in family]
            present = [c for c, s in zip(family, shares, strict=True) if s and 2 * s >= sizes[c]]
            if len(present) >= 2:
                centroids = normalise(np.vstack([centroid_of(active[c]) for c in present]))  # type: ignore[misc]
                nearest, _ = assign_nearest(vectors[group], centroids)
                pieces = [
                    [p for p, n in zip(group, nearest, strict=True) if n == i]
                    for i in range(len(present))
                ]
                break
        out.extend(piece for piece in (pieces or [group]) if piece)
    return out


def keep_merges(
    session: Session,
    groups: list[list[int]],
    matched: dict[int, int],
    previous: dict[int, int | None],
) -> None:
    """Merged stays merged: an unmatched group mostly from a merge target folds into it."""
    targets = {int(e.cluster_id) for e in user_edits(session, "merge") if e.cluster_id is not None}
    group_of = {cluster_id: i for i, cluster_id in matched.items()}
    for i, group in enumerate(groups):
        if i in matched:
            continue
        parents = Counter(previous[p] for p in group if previous[p] is not None)
        if not parents:
            continue
        top, count = min(parents.items(), key=lambda item: (-item[1], item[0] or 0))
        if top in targets and top in group_of and 2 * count >= sum(parents.values()):
            groups[group_of[top]].extend(group)
            groups[i] = []
