"""A user's edits to clusters: rename, mark "not an objection", merge, split. Each is recorded as
a ``ClusterEdit`` and replayed after every full re-cluster."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import cluster_vectors
from pipeline.cluster.index import mention_vectors
from pipeline.cluster.label import centralities
from pipeline.cluster.queries import live_cluster
from pipeline.cluster.recluster import label_groups
from pipeline.embed import normalise
from pipeline.errors import BadInput
from pipeline.store.models import Cluster, ClusterEdit, Mention
from pipeline.workspace import Workspace


def _record(session: Session, action: str, cluster_id: int, **payload: Any) -> None:
    session.add(ClusterEdit(action=action, cluster_id=cluster_id, payload=payload))


def rename_cluster(session: Session, cluster_id: int, name: str) -> dict[str, Any]:
    """A user's name; it sticks across re-clusters (``name_locked``)."""
    name = name.strip()
    if not name:
        raise BadInput("name must not be empty")
    cluster = live_cluster(session, cluster_id)
    cluster.name, cluster.name_locked = name[:255], True
    _record(session, "rename", cluster.id, name=cluster.name)
    session.flush()
    return {"id": cluster.id, "name": cluster.name}


def mark_cluster(session: Session, cluster_id: int, *, not_objection: bool) -> dict[str, Any]:
    """Mark (or unmark) a cluster "not an objection": its mentions leave every list."""
    cluster = live_cluster(session, cluster_id)
    cluster.status = "excluded" if not_objection else "active"
    for mention in session.scalars(select(Mention).where(Mention.cluster_id == cluster.id)):
        mention.excluded = not_objection
    _record(session, "exclude" if not_objection else "include", cluster.id)
    session.flush()
    return {"id": cluster.id, "status": cluster.status}


def merge_clusters(session: Session, cluster_ids: Sequence[int]) -> dict[str, Any]:
    """Merge into the first id; the merge is replayed after every re-cluster."""
    clusters = [live_cluster(session, cid) for cid in dict.fromkeys(cluster_ids)]
    clusters = list({c.id: c for c in clusters}.values())
    if len(clusters) < 2:
        raise BadInput("merge needs at least two different clusters")
    if len({c.kind for c in clusters}) > 1:
        kinds = " and ".join(sorted({c.kind for c in clusters}))
        raise BadInput(f"cannot merge clusters of different kinds ({kinds}): merge within one kind")
    target, sources = clusters[0], clusters[1:]
    weighted: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)
    for cluster in clusters:
        members = list(session.scalars(select(Mention).where(Mention.cluster_id == cluster.id)))
        if cluster.centroid is not None:
            vector = np.frombuffer(cluster.centroid, dtype=np.float32).astype(np.float64)
            vector = vector * max(len(members), 1)
            weighted = vector if not len(weighted) else weighted + vector
        if cluster is not target:
            for mention in members:
                mention.cluster_id = target.id
            cluster.status, cluster.merged_into = "merged", target.id
    if len(weighted):
        target.centroid = normalise(weighted)[0].tobytes()
    _record(session, "merge", target.id, ids=[c.id for c in clusters])
    session.flush()
    return {"id": target.id, "merged": [c.id for c in sources]}


def split_cluster(workspace: Workspace, session: Session, cluster_id: int) -> dict[str, Any]:
    """Split into two by k-means on the members; the children survive re-clusters."""
    parent = live_cluster(session, cluster_id)
    members = list(
        session.scalars(select(Mention).where(Mention.cluster_id == parent.id).order_by(Mention.id))
    )
    if len(members) < 2:
        raise BadInput(f"cluster {parent.id} has fewer than two mentions")
    vectors = mention_vectors(workspace, session, members)
    result = cluster_vectors(vectors, keys=[m.id for m in members], k=2, min_size=1)
    groups = [[i for i in range(len(members)) if result.labels[i] == c] for c in range(result.k)]
    labels = label_groups(
        workspace,
        session,
        [[members[i].text for i in g] for g in groups],
        centralities(vectors, groups, result.centroids),
        {m.call_id for m in members},
    )
    children: list[int] = []
    for group, centroid, label in zip(groups, result.centroids, labels, strict=True):
        child = Cluster(
            kind=parent.kind,
            name=label.name,
            auto_name=label.name,
            keywords=label.keywords,
            centroid=centroid.astype(np.float32).tobytes(),
            status="active",
        )
        session.add(child)
        session.flush()
        children.append(child.id)
        for i in group:
            members[i].cluster_id = child.id
    parent.status = "retired"
    _record(session, "split", parent.id, children=children)
    session.flush()
    return {"id": parent.id, "children": children}
