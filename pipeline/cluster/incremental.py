"""Incremental assignment: a new mention joins its nearest cluster when similar enough."""

from __future__ import annotations

from collections.abc import Collection, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import ASSIGN_THRESHOLD, assign_nearest
from pipeline.embed import Vectors, normalise
from pipeline.store import Cluster, Mention


def centroid_of(cluster: Cluster) -> Vectors | None:
    if cluster.centroid is None:
        return None
    return np.frombuffer(cluster.centroid, dtype=np.float32).copy()


def assign_incremental(
    session: Session,
    mentions: Sequence[Mention],
    vectors: Vectors,
    *,
    only: Collection[int] | None = None,
    threshold: float = ASSIGN_THRESHOLD,
) -> int:
    """Give each mention its nearest cluster's id when similar enough; returns how many joined.

    A mention nearest to a cluster marked "not an objection" is excluded with it. ``only``
    limits the clusters it may join.
    """
    by_kind: dict[str, list[int]] = {}
    for position, mention in enumerate(mentions):
        by_kind.setdefault(mention.kind, []).append(position)
    joined = 0
    for kind, positions in by_kind.items():
        clusters = [
            c
            for c in session.scalars(
                select(Cluster)
                .where(Cluster.kind == kind, Cluster.status.in_(("active", "excluded")))
                .order_by(Cluster.id)
            )
            if c.centroid is not None and (only is None or c.id in only)
        ]
        if not clusters:
            continue
        centroids = normalise(np.vstack([centroid_of(c) for c in clusters]))  # type: ignore[misc]
        nearest, sims = assign_nearest(vectors[positions], centroids)
        for position, label, sim in zip(positions, nearest, sims, strict=True):
            mention = mentions[position]
            if sim < threshold:
                mention.cluster_id = None
                continue
            cluster = clusters[int(label)]
            mention.cluster_id = cluster.id
            mention.excluded = cluster.status == "excluded"
            joined += 1
    session.flush()
    return joined
