"""Read clusters: active clusters with stats over the mentions that pass the filters, one cluster
with its quotes, and the buyer quotes nearest in meaning to a search."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Sequence
from typing import Any, Literal

import numpy as np
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.embed import Embedder, embed_cached, normalise, text_hash
from pipeline.errors import BadInput, NotFound
from pipeline.index import CLUSTERED_KINDS, open_index
from pipeline.stats import MentionRow, cluster_stats, representative_quotes
from pipeline.store import Call, Cluster, EmbeddingCache, Mention, Utterance
from pipeline.trend import Periods, periods
from pipeline.workspace import Workspace

SortKey = Literal["size", "trend"]


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
            role=utterance.role,
            start_seconds=utterance.start_seconds,
            call_date=call.call_date,
            account=call.account,
            outcome=call.outcome,
            competitor=mention.competitor,
            call_competitors=tuple(sorted(competitors)),
            why_now=tuple(sorted(why_now)),
            cluster_id=mention.cluster_id,
            confidence=float(mention.confidence),
        )
        if competitor and competitor.lower() not in {c.lower() for c in competitors}:
            continue
        rows.append(row)
    return rows


def live_cluster(session: Session, cluster_id: int) -> Cluster:
    """The cluster, or the one it was merged into; ``NotFound`` when there is none."""
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"no cluster {cluster_id}")
    if cluster.status == "merged" and cluster.merged_into is not None:
        return live_cluster(session, cluster.merged_into)
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


def known_competitors(db: Session) -> list[str]:
    """Names from call metadata and from detected competitor mentions (filters, cluster names)."""
    names: set[str] = set()
    for listed in db.scalars(select(Call.competitors)):
        names.update(n for n in listed or [] if n)
    names.update(n for n in db.scalars(select(Mention.competitor).distinct()) if n)
    return sorted(names, key=str.lower)


def latest_call_date(session: Session) -> dt.date | None:
    """The date of the latest call: trends are read up to it, so older data reads sensibly."""
    return session.scalar(select(func.max(Call.call_date)))


def trend_window(session: Session, until: dt.date | None = None) -> Periods | None:
    """The default trend periods: the 30 days up to ``until`` (else the latest call) and the 30
    before; ``None`` when no call has a date."""
    latest = latest_call_date(session)
    end = min(until, latest) if until and latest else until or latest
    return periods(end) if end else None


def _summary(
    cluster: Cluster,
    rows: Sequence[MentionRow],
    quote: str | None = None,
    window: Periods | None = None,
) -> dict[str, Any]:
    data = cluster_stats(rows, window).model_dump()
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
    window = trend_window(session, date_to)
    out = [
        _summary(c, by_cluster[c.id], _central_quote(session, c, by_cluster[c.id]), window)
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
    cluster = live_cluster(session, cluster_id)
    rows = load_rows(session, cluster_ids=[cluster.id])
    vectors = centroid = None
    if embedder is not None and rows:
        vectors = embed_cached(session, embedder, [r.text for r in rows])
        centroid = normalise(vectors.mean(axis=0))[0]
    chosen = representative_quotes(rows, vectors, centroid, quotes=quotes)
    detail = _summary(cluster, rows, chosen[0]["text"] if chosen else None, trend_window(session))
    detail["quotes"] = chosen
    detail["mentions"] = [r.quote() for r in rows]
    return detail


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
