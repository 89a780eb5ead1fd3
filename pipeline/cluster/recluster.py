"""A full re-cluster of one kind: new groups per category, ids kept by overlap, user edits
replayed, names from the label stage (or the LLM's)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import cluster_vectors, groups_of, match_clusters
from pipeline.cluster.categories import cluster_by_category, with_category
from pipeline.cluster.llm_names import cluster_labeler
from pipeline.cluster.stable_ids import keep_merges, respect_splits
from pipeline.embed import Vectors, embed_cached, normalise
from pipeline.label import ClusterLabel, label_clusters
from pipeline.redact import buyer_names
from pipeline.store import Cluster, Mention
from pipeline.workspace import Workspace


def label_groups(
    workspace: Workspace,
    session: Session,
    texts: Sequence[Sequence[str]],
    centroids: Vectors,
    vectors: Sequence[Vectors],
    call_ids: Iterable[int],
) -> list[ClusterLabel]:
    """Built-in cluster names, or the LLM's where ``llm_labels`` is on (buyer names redacted)."""
    labeler = (
        cluster_labeler(workspace.settings, buyer_names(session, call_ids))
        if workspace.settings.llm_labels
        else None
    )
    try:
        return label_clusters(texts, centroids, vectors, labeler)
    finally:
        if labeler is not None:
            labeler.close()


def full_cluster(
    workspace: Workspace,
    session: Session,
    kind: str,
    previous_k: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Re-cluster every mention of ``kind``, keep ids by overlap, replay user edits.
    ``k_by_category`` in the result is what ``previous_k`` should be next time."""
    rows = session.execute(
        select(Mention.id, Mention.text, Mention.cluster_id, Mention.category, Mention.call_id)
        .where(Mention.kind == kind, Mention.excluded.is_(False))
        .order_by(Mention.id)
    ).all()
    ids = [int(r[0]) for r in rows]
    texts = [str(r[1]) for r in rows]
    previous: dict[int, int | None] = {p: r[2] for p, r in enumerate(rows)}
    vectors = embed_cached(session, workspace.embedder, texts)
    categories = [r[3] for r in rows]
    if kind == "objection":
        last = [previous[p] for p in range(len(ids))]
        raw_groups = cluster_by_category(vectors, categories, ids, None, previous_k, last)
        k_by_category = Counter(str(categories[g[0]]) for g in raw_groups if categories[g[0]])
    else:  # a question's category is only a topic hint, set for some: a prior, not a wall
        result = cluster_vectors(with_category(vectors, categories), keys=ids)
        raw_groups = groups_of(result.labels, result.k)
        k_by_category = Counter()
    groups = respect_splits(session, raw_groups, previous, vectors)
    old_clusters = {
        c.id: c
        for c in session.scalars(
            select(Cluster).where(Cluster.kind == kind, Cluster.status == "active")
        )
    }
    old_members: dict[int, set[int]] = {cid: set() for cid in old_clusters}
    for position, cluster_id in previous.items():
        if cluster_id in old_members:
            old_members[cluster_id].add(ids[position])
    matched = match_clusters(old_members, [{ids[p] for p in g} for g in groups])
    keep_merges(session, groups, matched, previous)
    kept = [(i, g) for i, g in enumerate(groups) if g]
    if not kept:
        return {"clusters": 0, "created": 0, "retired": 0, "mentions": 0, "k_by_category": {}}
    centroids = normalise(np.vstack([vectors[g].sum(axis=0) for _, g in kept]))
    labels = label_groups(
        workspace,
        session,
        [[texts[p] for p in g] for _, g in kept],
        centroids,
        [vectors[g] for _, g in kept],
        {int(r[4]) for r in rows},
    )
    created = 0
    changes: list[dict[str, int]] = []
    kept_ids: set[int] = set()
    for (i, group), centroid, label in zip(kept, centroids, labels, strict=True):
        cluster = old_clusters.get(matched[i]) if i in matched else None
        if cluster is None:
            cluster = Cluster(kind=kind, name=label.name, status="active")
            session.add(cluster)
            created += 1
        cluster.auto_name = label.name
        if not cluster.name_locked:
            cluster.name = label.name
        cluster.keywords = label.keywords
        cluster.centroid = centroid.astype(np.float32).tobytes()
        session.flush()
        kept_ids.add(cluster.id)
        changes.extend(
            {"id": ids[p], "cluster_id": cluster.id} for p in group if previous[p] != cluster.id
        )
    if changes:
        session.execute(update(Mention), changes)
    retired = 0
    for cid, cluster in old_clusters.items():
        if cid not in kept_ids:
            cluster.status = "retired"
            retired += 1
    session.flush()
    return {
        "clusters": len(kept),
        "created": created,
        "retired": retired,
        "mentions": len(ids),
        "k_by_category": dict(sorted(k_by_category.items())),
    }
