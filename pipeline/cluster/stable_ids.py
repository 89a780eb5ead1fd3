"""Stable cluster ids across full re-clusters: user splits and merges are replayed on the new
groups before they are matched to the old clusters by membership overlap; a renamed theme's id
and name follow the quotes it was named on."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import assign_nearest, match_clusters
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


CLEAR_MAJORITY = 0.5  # a share strictly above this is a clear majority


def quotes_mostly_stay(before: set[int], now: set[int]) -> bool:
    """Whether a theme is still mostly what it was: a clear majority of its quotes are still in
    it, and a clear majority of what it holds now was in it (so its name can hold)."""
    same = len(before & now)
    return same > CLEAR_MAJORITY * len(before) and same > CLEAR_MAJORITY * len(now)


def named_quotes(session: Session, members: Mapping[int, set[int]]) -> dict[int, set[int]]:
    """The quotes each renamed theme of ``members`` (id -> its quotes now) was named on: those
    it held at the user's latest rename (kept with the edit), else those it holds now (a name
    chosen in a merge, or a rename recorded before the quotes were kept)."""
    anchors = dict(members)
    for edit in user_edits(session, "rename"):
        recorded = (edit.payload or {}).get("mentions")
        if edit.cluster_id is not None and edit.cluster_id in members and recorded:
            anchors[int(edit.cluster_id)] = {int(m) for m in recorded}
    return anchors


def follow_names(
    groups: Sequence[set[int]],
    members: Mapping[int, set[int]],
    anchors: Mapping[int, set[int]],
) -> dict[int, int]:
    """New group index -> renamed theme id: the group holding a clear majority of the quotes the
    theme was named on (of those still in a theme), when most of that group is the theme's own
    quotes (named on, or joined since). When a re-cluster splits a renamed theme, its biggest
    part keeps the id and the name only with a clear majority: a part of 40% of the quotes
    does not, and gets an automatic name like the others. Two themes wanting one group: the
    one with more quotes in it wins."""
    group_of = {mention: i for i, group in enumerate(groups) for mention in group}
    claims: list[tuple[int, int, int]] = []
    for cluster_id, anchor in anchors.items():
        present = [m for m in anchor if m in group_of]
        if not present:
            continue
        best, held = Counter(group_of[m] for m in present).most_common(1)[0]
        own = anchor | members.get(cluster_id, set())
        if held > CLEAR_MAJORITY * len(present) and (
            len(groups[best] & own) > CLEAR_MAJORITY * len(groups[best])
        ):
            claims.append((held, best, cluster_id))
    followed: dict[int, int] = {}
    for _held, best, cluster_id in sorted(claims, key=lambda c: (-c[0], c[2])):
        if best not in followed and cluster_id not in followed.values():
            followed[best] = cluster_id
    return followed


def match_named_first(
    old_members: Mapping[int, set[int]],
    groups: Sequence[set[int]],
    named: frozenset[int],
    anchors: Mapping[int, set[int]],
    merges: Sequence[ClusterEdit],
) -> dict[int, int]:
    """New group index -> old cluster id: renamed themes first follow their quotes
    (``follow_names``); the other groups match the other old clusters by overlap (a coarser
    group that swallowed a renamed theme whole carries its id), and a renamed theme matched by
    overlap alone keeps its id only where that group holds a clear majority of its quotes (a
    merge target keeps its match: ``keep_merges`` folds the merged themes' groups back in)."""
    followed = follow_names(groups, {c: old_members[c] for c in anchors}, anchors)
    targets = {e.cluster_id for e in merges}
    rest = {cid: m for cid, m in old_members.items() if cid not in followed.values()}
    open_groups = [set() if i in followed else g for i, g in enumerate(groups)]
    matched = match_clusters(rest, open_groups, keep_whole=named)
    for i, cluster_id in list(matched.items()):
        mine = old_members[cluster_id]
        split = len(groups[i] & mine) <= CLEAR_MAJORITY * len(mine)
        if cluster_id in named and cluster_id not in targets and split:
            del matched[i]
    return {**matched, **followed}
