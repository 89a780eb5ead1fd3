"""Which themes a user's edit may change: a live one (active or marked "not an objection"),
read under its row lock. An edit of a theme that was merged, split or regrouped meanwhile is
a 409 naming where its quotes went, never an edit of another theme in its place."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.errors import Conflict, NotFound
from pipeline.store.models import Cluster, ClusterEdit
from pipeline.store.row_locks import lock_rows

LIVE = ("active", "excluded")


def editable_cluster(session: Session, cluster_id: int) -> Cluster:
    """The cluster if it is live; ``NotFound`` or ``Conflict`` (where its quotes went)."""
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"no cluster {cluster_id}")
    if cluster.status not in LIVE:
        raise Conflict(f"{where_it_went(session, cluster)}: reload the themes and choose again")
    return cluster


def claim_clusters(session: Session, cluster_ids: Sequence[int]) -> list[Cluster]:
    """The clusters (each once, in the order given), live and locked until the transaction
    ends: a split, merge or rename of them waits for this one and then sees what it did."""
    ids = list(dict.fromkeys(cluster_ids))
    for cluster_id in ids:
        editable_cluster(session, cluster_id)  # a 404 or 409 before waiting for any lock
    lock_rows(session, Cluster.status, ids)
    return [editable_cluster(session, cluster_id) for cluster_id in ids]


def where_it_went(session: Session, cluster: Cluster) -> str:
    """What became of a theme that is no longer live, by the edit that retired it."""
    if cluster.status == "merged" and cluster.merged_into is not None:
        chain = [cluster.merged_into]
        target = session.get(Cluster, cluster.merged_into)
        while target is not None and target.status == "merged" and target.merged_into:
            if target.merged_into in chain:
                break
            chain.append(target.merged_into)
            target = session.get(Cluster, target.merged_into)
        since = "".join(f", since merged into {cid}" for cid in chain[1:])
        return f"cluster {cluster.id} was merged into {chain[0]}{since} meanwhile"
    edit = _last_edit(session, cluster.id)
    if edit is not None and edit.action == "split" and edit.cluster_id == cluster.id:
        children = ", ".join(str(cid) for cid in (edit.payload or {}).get("children", []))
        return f"cluster {cluster.id} was split into {children} meanwhile"
    if edit is not None and edit.action == "unsplit":
        return f"cluster {cluster.id} was put back into {edit.cluster_id} (its split was undone)"
    return f"cluster {cluster.id} was retired when the themes were regrouped"


def _last_edit(session: Session, cluster_id: int) -> ClusterEdit | None:
    """The latest split of this theme or undone split that retired it as a half."""
    for edit in session.scalars(
        select(ClusterEdit)
        .where(ClusterEdit.action.in_(("split", "unsplit")))
        .order_by(ClusterEdit.id.desc())
    ):
        payload = edit.payload or {}
        if edit.action == "split" and edit.cluster_id == cluster_id:
            return edit
        if edit.action == "unsplit" and cluster_id in payload.get("halves", []):
            return edit
    return None
