"""Insight services the API and CLI share: list/show clusters, user edits, search, phrases."""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
import numpy.typing as npt
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.analysis import (
    CLUSTERED_KINDS,
    ProgressCallback,
    label_groups,
    mention_vectors,
    open_index,
)
from pipeline.analysis import run_clustering as _run_clustering
from pipeline.cluster import cluster_vectors
from pipeline.embed import Embedder, embed_cached, normalise, text_hash
from pipeline.errors import BadInput, NotFound
from pipeline.stats import MentionRow, cluster_stats
from pipeline.store import Call, Cluster, ClusterEdit, EmbeddingCache, Mention, Utterance
from pipeline.workspace import Workspace

SortKey = Literal["size", "trend"]


def run_clustering(
    workspace: Workspace, *, rebuild: bool = False, progress: ProgressCallback | None = None
) -> dict[str, Any]:
    """Re-cluster every kind (``rebuild``) or only the kinds whose drift warrants it."""
    return _run_clustering(workspace, rebuild=rebuild, progress=progress)


def _call_context(session: Session, call_ids: set[int]) -> dict[int, tuple[set[str], set[str]]]:
    """Competitors (metadata + detected) and why-now categories per call."""
    context: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    for call in session.scalars(select(Call).where(Call.id.in_(call_ids))):
        context[call.id][0].update(call.competitors or [])
    rows = session.scalars(
        select(Mention).where(
            Mention.call_id.in_(call_ids), Mention.kind.in_(("competitor", "why_now"))
        )
    )
    for m in rows:
        if m.kind == "competitor" and m.competitor:
            context[m.call_id][0].add(m.competitor)
        elif m.kind == "why_now" and m.category:
            context[m.call_id][1].add(m.category)
    return context


def load_rows(
    session: Session,
    *,
    kind: str | None = None,
    cluster_ids: Sequence[int] | None = None,
    mention_ids: Sequence[int] | None = None,
    outcome: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    competitor: str | None = None,
    account: str | None = None,
) -> list[MentionRow]:
    """Clustered mentions joined with their call, filtered; ordered by mention id."""
    query = (
        select(Mention, Utterance, Call)
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
        .order_by(Mention.id)
    )
    if mention_ids is None:
        query = query.where(Mention.excluded.is_(False))
    else:
        query = query.where(Mention.id.in_(mention_ids))
    if kind:
        query = query.where(Mention.kind == kind)
    if cluster_ids is not None:
        query = query.where(Mention.cluster_id.in_(cluster_ids))
    if outcome:
        query = query.where(Call.outcome == outcome)
    if date_from:
        query = query.where(Call.call_date >= date_from)
    if date_to:
        query = query.where(Call.call_date <= date_to)
    if account:
        query = query.where(Call.account == account)
    found = [(row[0], row[1], row[2]) for row in session.execute(query)]
    context = _call_context(session, {c.id for _, _, c in found})
    rows: list[MentionRow] = []
    for mention, utterance, call in found:
        competitors, why_now = context[call.id]
        row = MentionRow(
            id=mention.id,
            text=mention.text,
            call_id=call.id,
            utterance_id=utterance.id,
            speaker=utterance.speaker,
            start_seconds=utterance.start_seconds,
            call_date=call.call_date,
            account=call.account,
            outcome=call.outcome,
            competitor=mention.competitor,
            call_competitors=tuple(sorted(competitors)),
            why_now=tuple(sorted(why_now)),
            cluster_id=mention.cluster_id,
        )
        if competitor and competitor.lower() not in {c.lower() for c in competitors}:
            continue
        rows.append(row)
    return rows


def _cluster(session: Session, cluster_id: int) -> Cluster:
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"no cluster {cluster_id}")
    if cluster.status == "merged" and cluster.merged_into is not None:
        return _cluster(session, cluster.merged_into)
    return cluster


def _central_quote(session: Session, cluster: Cluster, rows: Sequence[MentionRow]) -> str | None:
    """The member nearest the stored centroid, from cached vectors (no model load needed)."""
    if not rows:
        return None
    if cluster.centroid is None:
        return rows[0].text
    centroid = np.frombuffer(cluster.centroid, dtype=np.float32)
    by_hash = {text_hash(r.text): r.text for r in rows}
    found = session.execute(
        select(EmbeddingCache.text_hash, EmbeddingCache.vector).where(
            EmbeddingCache.text_hash.in_(list(by_hash)[:2000]),
            EmbeddingCache.dim == len(centroid),
        )
    ).all()
    if not found:
        return rows[0].text
    scores = [float(np.frombuffer(vector, dtype=np.float32) @ centroid) for _, vector in found]
    return by_hash[found[int(np.argmax(scores))][0]]


def _summary(
    cluster: Cluster, rows: Sequence[MentionRow], quote: str | None = None
) -> dict[str, Any]:
    stats = cluster_stats(rows, quotes=1)
    data = dataclasses.asdict(stats)
    data.pop("quotes")
    return {
        "id": cluster.id,
        "kind": cluster.kind,
        "name": cluster.name,
        "auto_name": cluster.auto_name,
        "name_locked": cluster.name_locked,
        "status": cluster.status,
        "keywords": list(cluster.keywords or []),
        **data,
        "quote": quote if quote is not None else (rows[0].text if rows else None),
    }


def list_clusters(
    session: Session,
    *,
    kind: str | None = None,
    outcome: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    competitor: str | None = None,
    account: str | None = None,
    sort: SortKey = "size",
    include_empty: bool = False,
) -> list[dict[str, Any]]:
    """Active clusters with stats over the mentions that pass the filters."""
    if sort not in ("size", "trend"):
        raise BadInput(f"sort must be size or trend, not {sort!r}")
    query = select(Cluster).where(Cluster.status == "active").order_by(Cluster.id)
    if kind:
        query = query.where(Cluster.kind == kind)
    clusters = list(session.scalars(query))
    rows = load_rows(
        session,
        kind=kind,
        cluster_ids=[c.id for c in clusters],
        outcome=outcome,
        date_from=date_from,
        date_to=date_to,
        competitor=competitor,
        account=account,
    )
    by_cluster: dict[int, list[MentionRow]] = defaultdict(list)
    for row in rows:
        if row.cluster_id is not None:
            by_cluster[row.cluster_id].append(row)
    out = [
        _summary(c, by_cluster[c.id], _central_quote(session, c, by_cluster[c.id]))
        for c in clusters
        if include_empty or by_cluster.get(c.id)
    ]
    key = "trend" if sort == "trend" else "size"
    out.sort(key=lambda item: (-item[key], -item["size"], item["id"]))
    return out


def get_cluster(
    session: Session, cluster_id: int, *, embedder: Embedder | None = None, quotes: int = 8
) -> dict[str, Any]:
    """One cluster's stats, representative quotes (MMR) and every member quote with context."""
    cluster = _cluster(session, cluster_id)
    rows = load_rows(session, cluster_ids=[cluster.id])
    vectors = centroid = None
    if embedder is not None and rows:
        vectors = embed_cached(session, embedder, [r.text for r in rows])
        centroid = normalise(vectors.mean(axis=0))[0]
    stats = cluster_stats(rows, vectors, centroid, quotes=quotes)
    detail = _summary(cluster, rows, stats.quotes[0]["text"] if stats.quotes else None)
    detail.update(dataclasses.asdict(stats))
    detail["mentions"] = [r.quote() for r in rows]
    return detail


def _record(session: Session, action: str, cluster_id: int, **payload: Any) -> None:
    session.add(ClusterEdit(action=action, cluster_id=cluster_id, payload=payload))


def rename_cluster(session: Session, cluster_id: int, name: str) -> dict[str, Any]:
    """A user's name; it sticks across re-clusters (``name_locked``)."""
    name = name.strip()
    if not name:
        raise BadInput("name must not be empty")
    cluster = _cluster(session, cluster_id)
    cluster.name, cluster.name_locked = name[:255], True
    _record(session, "rename", cluster.id, name=cluster.name)
    session.flush()
    return {"id": cluster.id, "name": cluster.name}


def mark_cluster(session: Session, cluster_id: int, *, not_objection: bool) -> dict[str, Any]:
    """Mark (or unmark) a cluster "not an objection": its mentions leave every list."""
    cluster = _cluster(session, cluster_id)
    cluster.status = "excluded" if not_objection else "active"
    for mention in session.scalars(select(Mention).where(Mention.cluster_id == cluster.id)):
        mention.excluded = not_objection
    _record(session, "exclude" if not_objection else "include", cluster.id)
    session.flush()
    return {"id": cluster.id, "status": cluster.status}


def merge_clusters(session: Session, cluster_ids: Sequence[int]) -> dict[str, Any]:
    """Merge into the first id; the merge is replayed after every re-cluster."""
    clusters = [_cluster(session, cid) for cid in dict.fromkeys(cluster_ids)]
    clusters = list({c.id: c for c in clusters}.values())
    if len(clusters) < 2:
        raise BadInput("merge needs at least two different clusters")
    if len({c.kind for c in clusters}) > 1:
        raise BadInput("cannot merge objection and question clusters")
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
    parent = _cluster(session, cluster_id)
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
        result.centroids,
        [vectors[g] for g in groups],
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


def search_quotes(
    workspace: Workspace, q: str, *, k: int = 10, kind: str | None = None
) -> list[dict[str, Any]]:
    """The buyer quotes nearest in meaning to ``q``, most similar first."""
    if not q.strip():
        raise BadInput("search text must not be empty")
    with workspace.session() as session:
        index = open_index(workspace, session)
        vector = workspace.embedder.encode([q])
        hits = index.search(vector, k * 4 if kind else k)
        similarity = {h.mention_id: h.similarity for h in hits}
        rows = load_rows(session, kind=kind, mention_ids=list(similarity))
    rows.sort(key=lambda r: (-similarity[r.id], r.id))
    return [r.quote(similarity[r.id]) for r in rows[:k]]


def list_phrases(
    session: Session, *, top: int = 50, min_count: int = 2, kind: str | None = None
) -> list[dict[str, Any]]:
    """Recurring buyer phrases with counts and example quotes; ``kind`` limits to mentions."""
    from pipeline.phrases import extract_phrases

    if kind:
        query = select(Mention.utterance_id, Mention.call_id, Mention.text).where(
            Mention.kind == kind, Mention.excluded.is_(False)
        )
    else:
        query = select(Utterance.id, Utterance.call_id, Utterance.text).where(
            Utterance.role.in_(("buyer", "unknown"))
        )
    sources = [tuple(row) for row in session.execute(query.order_by(*query.selected_columns[:1]))]
    found = extract_phrases(sources, min_count=min_count, top=top)  # type: ignore[arg-type]
    return [dataclasses.asdict(p) for p in found]
