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

from pipeline.cluster.index import CLUSTERED_KINDS, MentionIndex, open_index
from pipeline.cluster.stats import MentionRow, cluster_stats, representative_quotes
from pipeline.cluster.trend import Periods, periods
from pipeline.detect.rules import says_nothing
from pipeline.detect.sentences import quote_text
from pipeline.embed import Embedder, embed_cached, normalise, text_hash
from pipeline.errors import BadInput, NotFound
from pipeline.store.models import Call, Cluster, EmbeddingCache, Mention, Utterance
from pipeline.workspace import Workspace

SortKey = Literal["size", "trend"]


def _call_context(session: Session, call_ids: set[int]) -> dict[int, tuple[set[str], set[str]]]:
    """Competitors (metadata + detected) and why-now categories per call."""
    context: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    ids = sorted(call_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        for call_id, competitors in session.execute(
            select(Call.id, Call.competitors).where(Call.id.in_(chunk))
        ):
            context[call_id][0].update(competitors or [])
        tags = session.execute(
            select(Mention.call_id, Mention.kind, Mention.competitor, Mention.category).where(
                Mention.call_id.in_(chunk), Mention.kind.in_(("competitor", "why_now"))
            )
        )
        for call_id, kind, competitor, category in tags:
            if kind == "competitor" and competitor:
                context[call_id][0].add(competitor)
            elif kind == "why_now" and category:
                context[call_id][1].add(category)
    return context


_CENTRAL_SAMPLE = 256
# Ids per IN (...) list: under SQLite's and PostgreSQL's parameter limits.
_IN_CHUNK = 5000


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
    industry: str | None = None,
) -> list[MentionRow]:
    """Clustered mentions joined with their call, filtered; ordered by mention id.

    Only the columns a row needs are read: whole ORM objects would carry every call's raw
    transcript and cost most of a page's time on a large workspace."""
    query = (
        select(
            Mention.id,
            Mention.text,
            Mention.competitor,
            Mention.cluster_id,
            Mention.confidence,
            Utterance.id,
            Utterance.speaker,
            Utterance.role,
            Utterance.start_seconds,
            Call.id,
            Call.call_date,
            Call.account,
            Call.outcome,
        )
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
    if industry:
        query = query.where(func.lower(Call.industry) == industry.strip().lower())
    found = session.execute(query).all()
    context = _call_context(session, {row[9] for row in found})
    wanted = competitor.lower() if competitor else None
    rows: list[MentionRow] = []
    for (
        mention_id, text, mention_competitor, cluster_id, confidence,
        utterance_id, speaker, role, start_seconds,
        call_id, call_date, call_account, call_outcome,
    ) in found:  # fmt: skip
        competitors, why_now = context[call_id]
        if wanted and wanted not in {c.lower() for c in competitors}:
            continue
        rows.append(
            MentionRow(
                id=mention_id,
                text=text,
                call_id=call_id,
                utterance_id=utterance_id,
                speaker=speaker,
                role=role,
                start_seconds=start_seconds,
                call_date=call_date,
                account=call_account,
                outcome=call_outcome,
                competitor=mention_competitor,
                call_competitors=tuple(sorted(competitors)),
                why_now=tuple(sorted(why_now)),
                cluster_id=cluster_id,
                confidence=float(confidence),
            )
        )
    return rows


def live_cluster(session: Session, cluster_id: int) -> Cluster:
    """The cluster, or the one it was merged into; ``NotFound`` when there is none."""
    cluster = session.get(Cluster, cluster_id)
    if cluster is None:
        raise NotFound(f"no cluster {cluster_id}")
    if cluster.status == "merged" and cluster.merged_into is not None:
        return live_cluster(session, cluster.merged_into)
    return cluster


def closeness(session: Session, to: np.ndarray, texts: Sequence[str]) -> dict[str, float]:
    """Each text's cosine to the unit vector ``to``, from cached vectors (no model load
    needed); a text with no cached vector is left out."""
    if not texts:
        return {}
    by_hash = {text_hash(text): text for text in texts}
    found = session.execute(
        select(EmbeddingCache.text_hash, EmbeddingCache.vector).where(
            EmbeddingCache.text_hash.in_(list(by_hash)), EmbeddingCache.dim == len(to)
        )
    ).all()
    return {
        by_hash[key]: float(np.frombuffer(vector, dtype=np.float32) @ to) for key, vector in found
    }


def cached_vector(session: Session, text: str) -> np.ndarray | None:
    """``text``'s cached vector (every clustered mention has one), or None."""
    vector = session.scalar(
        select(EmbeddingCache.vector).where(EmbeddingCache.text_hash == text_hash(text)).limit(1)
    )
    return None if vector is None else np.frombuffer(vector, dtype=np.float32)


def typicality(session: Session, cluster: Cluster, texts: Sequence[str]) -> dict[str, float]:
    """How typical of the cluster each text is: its cosine to the stored centroid (see
    ``closeness``)."""
    if cluster.centroid is None:
        return {}
    return closeness(session, np.frombuffer(cluster.centroid, dtype=np.float32), texts)


def _central_quote(
    session: Session, cluster: Cluster, rows: Sequence[MentionRow]
) -> MentionRow | None:
    """The buyer's mention nearest the stored centroid, weighed by the detector's confidence (a
    sure mention stands for the theme, not a guess), from cached vectors (no model load needed).

    Among the first ``_CENTRAL_SAMPLE`` members by id: a page lists every cluster, and reading
    every member's vector of a 100k-mention workspace per request would cost seconds."""
    if not rows:
        return None
    worded = [r for r in rows if not says_nothing(r.text)] or list(rows)  # not "Hmm."
    worded = [r for r in worded if r.role == "buyer"] or worded  # the buyer's, not a rep's note
    sure: dict[str, MentionRow] = {}
    for row in worded:
        if row.text not in sure or row.confidence > sure[row.text].confidence:
            sure[row.text] = row
    typical = typicality(session, cluster, list(sure)[:_CENTRAL_SAMPLE])
    if not typical:
        return worded[0]
    return sure[max(typical, key=lambda text: typical[text] * sure[text].confidence)]


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
    industry: str | None = None,
    sort: SortKey = "size",
    include_empty: bool = False,
) -> list[dict[str, Any]]:
    """Active clusters with stats over the mentions that pass the filters (``industry``: calls
    of that industry, any case)."""
    clusters = active_clusters(session, kind)
    rows = load_rows(
        session,
        kind=kind,
        cluster_ids=[c.id for c in clusters],
        outcome=outcome,
        date_from=date_from,
        date_to=date_to,
        competitor=competitor,
        account=account,
        industry=industry,
    )
    return summarise_clusters(
        session, clusters, rows_by_cluster(rows), date_to=date_to, sort=sort, empty=include_empty
    )


def active_clusters(session: Session, kind: str | None = None) -> list[Cluster]:
    query = select(Cluster).where(Cluster.status == "active").order_by(Cluster.id)
    if kind:
        query = query.where(Cluster.kind == kind)
    return list(session.scalars(query))


def rows_by_cluster(rows: Sequence[MentionRow]) -> dict[int, list[MentionRow]]:
    by_cluster: dict[int, list[MentionRow]] = defaultdict(list)
    for row in rows:
        if row.cluster_id is not None:
            by_cluster[row.cluster_id].append(row)
    return by_cluster


def summarise_clusters(
    session: Session,
    clusters: Sequence[Cluster],
    by_cluster: dict[int, list[MentionRow]],
    *,
    date_to: dt.date | None,
    sort: SortKey,
    empty: bool,
) -> list[dict[str, Any]]:
    """``list_clusters``' summaries from mention rows already loaded (the home page's cards
    read the same rows for their quotes: loaded once, not twice)."""
    if sort not in ("size", "trend"):
        raise BadInput(f"sort must be size or trend, not {sort!r}")
    window = trend_window(session, date_to)
    shown = [
        (c, members, _central_quote(session, c, members))
        for c in clusters
        for members in [by_cluster.get(c.id, [])]
        if empty or members
    ]
    quotes = with_turns(session, [central.quote() for _c, _m, central in shown if central])
    said = {quote["mention_id"]: quote["text"] for quote in quotes}
    out = [
        _summary(c, members, said[central.id] if central else None, window)
        for c, members, central in shown
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
    chosen = with_turns(session, representative_quotes(rows, vectors, centroid, quotes=quotes))
    detail = _summary(cluster, rows, chosen[0]["text"] if chosen else None, trend_window(session))
    detail["quotes"] = chosen
    detail["mentions"] = [r.quote() for r in rows]
    return detail


def with_turns(session: Session, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``quotes`` with each sentence's turning or carrying-on next sentence (``quote_text``),
    read for the few quotes shown, not for every member."""
    ids = [quote["mention_id"] for quote in quotes]
    spans = {
        mention_id: quote_text(said, text, start, end)
        for mention_id, text, start, end, said in session.execute(
            select(Mention.id, Mention.text, Mention.char_start, Mention.char_end, Utterance.text)
            .join(Utterance, Mention.utterance_id == Utterance.id)
            .where(Mention.id.in_(ids))
        )
    }
    return [{**quote, "text": spans.get(quote["mention_id"], quote["text"])} for quote in quotes]


def _live_index(workspace: Workspace, session: Session) -> MentionIndex:
    """The search's faiss index, kept loaded while the mentions are unchanged."""
    return workspace.views.live(
        session, "mention_index", ("mentions",), lambda: open_index(workspace, session)
    )


def warm_search(workspace: Workspace) -> None:
    """Load what the first search needs (the model, the index) before anyone searches."""
    with workspace.session() as session:
        _live_index(workspace, session)
    workspace.embedder.encode(["warm up"])


def search_quotes(
    workspace: Workspace, q: str, *, k: int = 10, kind: str | None = None
) -> list[dict[str, Any]]:
    """The buyer quotes nearest in meaning to ``q``, most similar first."""
    if not q.strip():
        raise BadInput("search text must not be empty")
    with workspace.session() as session:
        index = _live_index(workspace, session)
        vector = workspace.embedder.encode([q])
        hits = index.search(vector, k * 4 if kind else k)
        similarity = {h.mention_id: h.similarity for h in hits}
        rows = load_rows(session, kind=kind, mention_ids=list(similarity))
    rows.sort(key=lambda r: (-similarity[r.id], r.id))
    return [r.quote(similarity[r.id]) for r in rows[:k]]
