"""A user's edits to clusters: rename, mark "not an objection", merge, split, and the undo of a
merge or a split. Each is recorded as a ``ClusterEdit`` and replayed after every full
re-cluster."""

from __future__ import annotations

import base64
from collections.abc import Sequence
from typing import Any

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import cluster_vectors
from pipeline.cluster.bounds import join_bounds, merged_bound
from pipeline.cluster.editable import claim_clusters, editable_cluster
from pipeline.cluster.index import mention_vectors
from pipeline.cluster.name_rules import keep_names_apart
from pipeline.cluster.relabel import label_edited
from pipeline.cluster.stable_ids import user_edits
from pipeline.cluster.topic_vectors import grouping_vectors
from pipeline.embed import normalise
from pipeline.errors import BadInput, Conflict, NotFound
from pipeline.store.models import Cluster, ClusterEdit, Mention
from pipeline.workspace import Workspace


def _record(session: Session, action: str, cluster_id: int, **payload: Any) -> None:
    session.add(ClusterEdit(action=action, cluster_id=cluster_id, payload=payload))


def rename_cluster(session: Session, cluster_id: int, name: str) -> dict[str, Any]:
    """A user's name; it sticks across re-clusters (``name_locked``). The quotes it names are
    kept with the edit: a re-cluster gives the id and the name to the theme holding most of them
    (``stable_ids.follow_names``), not to where quotes that joined later went."""
    name = name.strip()
    if not name:
        raise BadInput("name must not be empty")
    (cluster,) = claim_clusters(session, [cluster_id])
    cluster.name, cluster.name_locked = name[:255], True
    quotes = session.scalars(
        select(Mention.id).where(Mention.cluster_id == cluster.id, ~Mention.excluded)
    )
    _record(session, "rename", cluster.id, name=cluster.name, mentions=sorted(quotes))
    session.flush()
    keep_names_apart(session, cluster.kind)  # an automatic name too close to it gives way
    return {"id": cluster.id, "name": cluster.name}


def mark_cluster(session: Session, cluster_id: int, *, not_objection: bool) -> dict[str, Any]:
    """Mark (or unmark) a cluster "not an objection": its mentions leave every list."""
    (cluster,) = claim_clusters(session, [cluster_id])
    cluster.status = "excluded" if not_objection else "active"
    for mention in session.scalars(select(Mention).where(Mention.cluster_id == cluster.id)):
        mention.excluded = not_objection
    _record(session, "exclude" if not_objection else "include", cluster.id)
    session.flush()
    return {"id": cluster.id, "status": cluster.status}


def merge_preview(session: Session, cluster_id: int, other_id: int) -> dict[str, Any]:
    """What a merge of ``other_id`` into ``cluster_id`` would do, for the user to confirm: both
    themes' names, how many quotes would move and the typed name kept unless another is chosen
    (``typed_name_kept``: ``kept`` is ``this`` or ``other``, None when it is named anew)."""
    target, other = editable_cluster(session, cluster_id), editable_cluster(session, other_id)
    _check_mergeable([target, other])
    typed = typed_name_kept([target, other])
    return {
        "target": _summary(session, target),
        "other": _summary(session, other),
        "kept": None if typed is None else ("this" if typed is target else "other"),
    }


def typed_name_kept(clusters: Sequence[Cluster]) -> Cluster | None:
    """Whose typed name a merged theme keeps when the user chooses none: the first theme's (the
    one merged into) when a user typed it, over any typed on the others; else the first typed
    among the others; None when no name was typed (the theme is named anew from its quotes)."""
    return next((c for c in clusters if c.name_locked), None)


def _summary(session: Session, cluster: Cluster) -> dict[str, Any]:
    size = session.scalar(
        select(func.count(Mention.id)).where(Mention.cluster_id == cluster.id, ~Mention.excluded)
    )
    return {"id": cluster.id, "name": cluster.name, "size": int(size or 0)}


def _check_mergeable(clusters: Sequence[Cluster]) -> None:
    if len({c.id for c in clusters}) < 2:
        raise BadInput("merge needs at least two different clusters")
    if len({c.kind for c in clusters}) > 1:
        kinds = " and ".join(sorted({c.kind for c in clusters}))
        raise BadInput(f"cannot merge clusters of different kinds ({kinds}): merge within one kind")


def merge_clusters(
    workspace: Workspace,
    session: Session,
    cluster_ids: Sequence[int],
    *,
    name: str | None = None,
    name_of: int | None = None,
) -> dict[str, Any]:
    """Merge into the first id; the merge is replayed after every re-cluster. The merged theme
    takes ``name``, or the name of cluster ``name_of``, or a name a user typed
    (``typed_name_kept``: the first id's over the others'); else it is named anew from all its
    quotes. What it changed is kept for :func:`undo_merge`."""
    clusters = claim_clusters(session, cluster_ids)
    _check_mergeable(clusters)
    target, sources = clusters[0], clusters[1:]
    before: dict[str, Any] = {
        "name": target.name,
        "auto_name": target.auto_name,
        "name_locked": target.name_locked,
        "centroid": base64.b64encode(target.centroid).decode() if target.centroid else None,
        "join_bound": target.join_bound,
        "sources": {},
    }
    weighted: npt.NDArray[np.float64] = np.zeros(0, dtype=np.float64)
    moved = 0  # quotes that change theme (not counting hidden ones)
    for cluster in clusters:
        members = list(session.scalars(select(Mention).where(Mention.cluster_id == cluster.id)))
        if cluster.centroid is not None:
            vector = np.frombuffer(cluster.centroid, dtype=np.float32).astype(np.float64)
            vector = vector * max(len(members), 1)
            weighted = vector if not len(weighted) else weighted + vector
        if cluster is not target:
            before["sources"][str(cluster.id)] = {
                "status": cluster.status,
                "mentions": [m.id for m in members],
            }
            for mention in members:
                mention.cluster_id = target.id
                moved += not mention.excluded
            cluster.status, cluster.merged_into = "merged", target.id
    if len(weighted):
        target.centroid = normalise(weighted)[0].tobytes()
    target.join_bound = merged_bound([c.join_bound for c in clusters])
    if not _name_merged(target, clusters, name=name, name_of=name_of):
        _rename_automatically(workspace, session, target)
    _record(session, "merge", target.id, ids=[c.id for c in clusters], before=before)
    session.flush()
    keep_names_apart(session, target.kind)
    return {
        "id": target.id,
        "name": target.name,
        "merged": [c.id for c in sources],
        "moved": moved,
    }


def _name_merged(
    target: Cluster, clusters: Sequence[Cluster], *, name: str | None, name_of: int | None
) -> bool:
    """The merged theme's name, when a user's: chosen in the merge (it sticks like a rename)
    or typed before on either side. False when none is: the name is then automatic."""
    chosen = (name or "").strip()[:255]
    if not chosen and name_of is not None:
        by_id = {c.id: c for c in clusters}
        if name_of not in by_id:
            raise BadInput(f"cluster {name_of} is not part of this merge")
        chosen = by_id[name_of].name
    if not chosen:
        typed = typed_name_kept(clusters)
        if typed is None:
            return False
        chosen = typed.name
    if chosen != target.name or not target.name_locked:
        target.name, target.name_locked = chosen, True
    return True


def _rename_automatically(workspace: Workspace, session: Session, target: Cluster) -> None:
    """Name a merged theme from all its quotes: the first side's name had held over quotes
    most of which named another rival ("Why pick you over Slipway?" then cited BerthHop)."""
    quotes = list(
        session.scalars(
            select(Mention)
            .where(Mention.cluster_id == target.id, ~Mention.excluded)
            .order_by(Mention.id)
        )
    )
    if not quotes:
        return
    (label,) = label_edited(workspace, session, [quotes], target.kind)
    target.name = target.auto_name = label.name[:255]
    target.keywords = label.keywords


def undoable_merge(session: Session, cluster_id: int) -> dict[str, Any] | None:
    """The latest merge into this theme, when it can still be undone: its quotes still sit
    here and the themes it took in are still merged into it (no regrouping since)."""
    target = session.get(Cluster, cluster_id)
    if target is None or target.status not in ("active", "excluded"):
        return None
    edit = session.scalars(
        select(ClusterEdit)
        .where(ClusterEdit.action == "merge", ClusterEdit.cluster_id == cluster_id)
        .order_by(ClusterEdit.id.desc())
    ).first()
    sources = (edit.payload.get("before") or {}).get("sources", {}) if edit else {}
    if edit is None or not sources:
        return None
    merged = [session.get(Cluster, int(cid)) for cid in sources]
    if any(c is None or c.status != "merged" or c.merged_into != target.id for c in merged):
        return None
    moved = [mid for source in sources.values() for mid in source["mentions"]]
    here = session.scalar(
        select(func.count(Mention.id)).where(Mention.id.in_(moved), Mention.cluster_id == target.id)
    )
    if here != len(moved):
        return None
    return {"edit_id": edit.id, "names": [c.name for c in merged if c is not None]}


def undo_merge(session: Session, cluster_id: int) -> dict[str, Any]:
    """Put back the latest merge into this theme: its themes, their quotes, its own name."""
    if session.get(Cluster, cluster_id) is None:
        raise NotFound(f"no cluster {cluster_id}")
    found = undoable_merge(session, cluster_id)
    if found is None:
        raise BadInput("there is no merge into this theme left to undo (regrouped since)")
    edit = session.get(ClusterEdit, found["edit_id"])
    target = session.get(Cluster, cluster_id)
    assert edit is not None and target is not None  # undoable_merge found both
    before = edit.payload["before"]
    restored: list[int] = []
    for cid, source in before["sources"].items():
        cluster = session.get(Cluster, int(cid))
        assert cluster is not None
        cluster.status, cluster.merged_into = source["status"], None
        for mention in session.scalars(select(Mention).where(Mention.id.in_(source["mentions"]))):
            mention.cluster_id = cluster.id
        restored.append(cluster.id)
    if before["centroid"]:
        target.centroid = base64.b64decode(before["centroid"])
    target.join_bound = before.get("join_bound")  # none kept (an older merge): the floor
    target.name, target.auto_name = before["name"], before["auto_name"]
    target.name_locked = before["name_locked"]
    session.delete(edit)  # re-clusters replay the merges recorded: this one is gone
    session.flush()
    return {"id": target.id, "restored": restored}


def split_cluster(workspace: Workspace, session: Session, cluster_id: int) -> dict[str, Any]:
    """Split into two by k-means on the members; the children survive re-clusters. The
    members are read again under the theme's lock before they move: a split of a theme that
    changed while the halves were worked out is a 409, not a split of other quotes."""
    parent = editable_cluster(session, cluster_id)
    members = list(
        session.scalars(select(Mention).where(Mention.cluster_id == parent.id).order_by(Mention.id))
    )
    if len(members) < 2:
        raise BadInput(f"cluster {parent.id} has fewer than two mentions")
    own = mention_vectors(workspace, session, members)
    vectors = grouping_vectors(session, workspace.embedder, members, own)  # as a re-cluster
    result = cluster_vectors(vectors, keys=[m.id for m in members], k=2, min_size=1)
    groups = [[i for i in range(len(members)) if result.labels[i] == c] for c in range(result.k)]
    labels = label_edited(
        workspace, session, [[members[i] for i in g] for g in groups], parent.kind
    )
    (parent,) = claim_clusters(session, [cluster_id])
    now = session.scalars(select(Mention.id).where(Mention.cluster_id == parent.id))
    if set(now) != {m.id for m in members}:
        raise Conflict(f"cluster {parent.id} changed while it was being split: split it again")
    children: list[int] = []
    bounds = join_bounds(vectors, groups)
    for group, centroid, label, bound in zip(groups, result.centroids, labels, bounds, strict=True):
        child = Cluster(
            kind=parent.kind,
            name=label.name,
            auto_name=label.name,
            keywords=label.keywords,
            centroid=centroid.astype(np.float32).tobytes(),
            join_bound=bound,
            status="active",
        )
        session.add(child)
        session.flush()
        children.append(child.id)
        for i in group:
            members[i].cluster_id = child.id
    status, parent.status = parent.status, "retired"
    _record(session, "split", parent.id, children=children, status=status)
    session.flush()
    keep_names_apart(session, parent.kind)  # the halves' names give way to those learnt
    return {"id": parent.id, "children": children}


def undoable_split(session: Session, cluster_id: int) -> dict[str, Any] | None:
    """The split that made this theme one of its halves, while it can still be undone: the
    theme split is still retired and every half is still a theme of its own (not merged away
    or split again). Quotes that joined a half since go back with it."""
    edit = next(
        (e for e in reversed(user_edits(session, "split")) if cluster_id in _children(e)), None
    )
    if edit is None or edit.cluster_id is None:
        return None
    parent = session.get(Cluster, edit.cluster_id)
    halves = [session.get(Cluster, cid) for cid in _children(edit)]
    if parent is None or parent.status != "retired":
        return None
    if any(half is None or half.status not in ("active", "excluded") for half in halves):
        return None
    return {
        "edit_id": edit.id,
        "id": parent.id,
        "name": parent.name,
        "halves": [half.name for half in halves if half is not None],
    }


def _children(edit: ClusterEdit) -> list[int]:
    return [int(cid) for cid in (edit.payload or {}).get("children", [])]


def undo_split(session: Session, cluster_id: int) -> dict[str, Any]:
    """Put a split theme back together from either half: its quotes, its name, its status.
    The split is no longer replayed after re-clusters; the halves are retired."""
    if session.get(Cluster, cluster_id) is None:
        raise NotFound(f"no cluster {cluster_id}")
    found = undoable_split(session, cluster_id)
    if found is None:
        raise BadInput("this theme is not the half of a split that can still be undone")
    edit = session.get(ClusterEdit, found["edit_id"])
    parent = session.get(Cluster, found["id"])
    assert edit is not None and parent is not None  # undoable_split found both
    halves = _children(edit)
    for mention in session.scalars(select(Mention).where(Mention.cluster_id.in_(halves))):
        mention.cluster_id = parent.id
    for half in session.scalars(select(Cluster).where(Cluster.id.in_(halves))):
        half.status = "retired"
    parent.status = str((edit.payload or {}).get("status") or "active")
    session.delete(edit)  # re-clusters replay the splits recorded: this one is gone
    _record(session, "unsplit", parent.id, halves=halves)  # documents built on a half go stale
    session.flush()
    return {"id": parent.id, "name": parent.name, "retired": halves}
