"""Read clusters: active clusters with stats over the mentions that pass the filters, one cluster
with its quotes, and the buyer quotes nearest in meaning to a search."""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping, Sequence
from typing import Any, Literal

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.lead_ins import readable_first, reads_alone, shown_lead_in
from pipeline.cluster.member_lead_ins import with_lead_ins
from pipeline.cluster.name_rules import described_by
from pipeline.cluster.refused_asks import asked_lead_ins
from pipeline.cluster.rows import (
    count_rows,
    earlier_rows,
    filter_window,
    load_rows,
    rows_by_cluster,
    trend_window,
)
from pipeline.cluster.stats import (
    MentionRow,
    cluster_stats,
    quote_relevance,
    quote_tier,
    representative_quotes,
    unquoted,
)
from pipeline.cluster.trend import Periods
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.detect.sentences import quote_span, quote_text
from pipeline.embed import Embedder, embed_cached, normalise, text_hash
from pipeline.errors import BadInput, NotFound
from pipeline.store.models import Cluster, EmbeddingCache, Mention, Utterance

# A buyer's reasons not to buy and reasons to buy: one is never shown as the other's context.
CONCERN_KINDS = frozenset({"objection", "pain"})
# A question is quoted as asked: a worry or a problem before it is no part of what it asks.
ASKED = "question"

SortKey = Literal["size", "trend"]
# The mark of a theme all of whose mentions come from one call (``one_call``): every surface
# says it in these words.
ONE_CALL = "heard on 1 call"


_CENTRAL_SAMPLE = 256


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


def shown_order(
    session: Session, cluster: Cluster, rows: Sequence[MentionRow], confident_at: float
) -> list[MentionRow]:
    """A theme's mentions in the order its list quote and its cards show them: confident ones
    (``confident_at``) first, the buyer's own words before a rep's note, one its name describes
    (``name_rules.described_by``) first, each as ``cluster-show``
    ranks them (``stats.quote_relevance``: typical of the theme times sure); none that says
    nothing alone ("Hmm.") while another says something. The list had quoted "We've taken on
    four agency drivers..." (0.29, off-topic) for Security, the only line marked a buyer's.

    Typicality is read from cached vectors (no model load) of the first ``_CENTRAL_SAMPLE``
    members by id: a page lists every cluster, and reading every member's vector of a
    100k-mention workspace per request would cost seconds."""
    worded = [r for r in rows if not unquoted(r)] or list(rows)
    typical = typicality(
        session, cluster, list(dict.fromkeys(r.text for r in worded))[:_CENTRAL_SAMPLE]
    )
    relevance = quote_relevance(worded, [typical.get(r.text, 0.0) for r in worded])
    rank = {r.id: -score for r, score in zip(worded, relevance, strict=True)}
    # In its tier, one the name describes first ("Does it handle people who aren't on
    # payroll?" had been fronted by "does it do the room bookings?").
    named = {r.id: not described_by(cluster.name, r.text) for r in worded}
    return sorted(
        worded, key=lambda r: (quote_tier(r, confident_at), named[r.id], rank[r.id], r.id)
    )


def _central_quote(
    session: Session, cluster: Cluster, rows: Sequence[MentionRow], confident_at: float
) -> MentionRow | None:
    """The theme's list quote: the first it shows (``shown_order``)."""
    return next(iter(shown_order(session, cluster, rows, confident_at)), None)


def _summary(
    cluster: Cluster,
    rows: Sequence[MentionRow],
    quote: str | None = None,
    window: Periods | None = None,
    earlier: Sequence[MentionRow] | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> dict[str, Any]:
    data = cluster_stats(rows, window, earlier or ()).model_dump()
    uncertain = sum(r.confidence < confident_at for r in rows)
    return {
        "id": cluster.id,
        "kind": cluster.kind,
        "name": cluster.name,
        "auto_name": cluster.auto_name,
        "name_locked": cluster.name_locked,
        "status": cluster.status,
        "keywords": list(cluster.keywords or []),
        **data,
        "uncertain": uncertain,
        "uncertain_only": bool(rows) and uncertain == len(rows),
        "one_call": data["calls"] == 1,
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
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> list[dict[str, Any]]:
    """Active clusters with stats over the mentions that pass the filters (``industry``: calls
    of that industry, any case); a theme none of whose mentions reaches ``confident_at`` comes
    after every theme with one (``summarise_clusters``)."""
    clusters = active_clusters(session, kind)
    filters: dict[str, Any] = {
        "kind": kind,
        "outcome": outcome,
        "date_from": date_from,
        "date_to": date_to,
        "competitor": competitor,
        "account": account,
        "industry": industry,
    }
    rows = load_rows(session, cluster_ids=[c.id for c in clusters], **filters)
    return summarise_clusters(
        session,
        clusters,
        rows_by_cluster(rows),
        filters=filters,
        sort=sort,
        empty=include_empty,
        confident_at=confident_at,
    )


def themed_mentions(session: Session, kind: str, *, industry: str | None = None) -> int:
    """The mentions the kind's themes count together (``list_clusters``' sizes summed): the
    dashboard's objections are these, not a "Hmm." or a new mention no theme has taken."""
    ids = [c.id for c in active_clusters(session, kind)]
    return count_rows(session, kind=kind, cluster_ids=ids, industry=industry)


def active_clusters(session: Session, kind: str | None = None) -> list[Cluster]:
    query = select(Cluster).where(Cluster.status == "active").order_by(Cluster.id)
    if kind:
        query = query.where(Cluster.kind == kind)
    return list(session.scalars(query))


def summarise_clusters(
    session: Session,
    clusters: Sequence[Cluster],
    by_cluster: dict[int, list[MentionRow]],
    *,
    filters: Mapping[str, Any],
    sort: SortKey,
    empty: bool,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> list[dict[str, Any]]:
    """``list_clusters``' summaries from mention rows already loaded with ``filters`` (the
    home page's cards read the same rows for their quotes: loaded once, not twice). Each counts
    its mentions read below ``confident_at`` (``uncertain``); a theme made only of those
    (``uncertain_only``, over the filtered mentions, as its card counts them) comes after every
    theme with a confident one, as the dashboard and the documents take it: a won deal's "why we
    picked you" read at 0.17 had stood as a theme of its own among the sure objections. A theme
    heard on one call only (``one_call``) recurs nowhere: it comes after the recurring ones of
    its group ("Sheets go missing", 6 mentions all from one call, had ranked among them)."""
    if sort not in ("size", "trend"):
        raise BadInput(f"sort must be size or trend, not {sort!r}")
    window = filter_window(session, filters.get("date_from"), filters.get("date_to"))
    earlier = earlier_rows(session, clusters, window, filters)
    shown = [
        (c, members, _central_quote(session, c, members, confident_at))
        for c in clusters
        for members in [by_cluster.get(c.id, [])]
        if empty or members
    ]
    quotes = with_turns(session, [central.quote() for _c, _m, central in shown if central])
    said = {quote["mention_id"]: quote["text"] for quote in quotes}
    out = [
        _summary(
            c,
            members,
            said[central.id] if central else None,
            window,
            earlier.get(c.id),
            confident_at,
        )
        for c, members, central in shown
    ]
    key = "trend" if sort == "trend" else "size"
    out.sort(key=lambda item: (*listed_after(item), -item[key], -item["size"], item["id"]))
    return out


def listed_after(summary: Mapping[str, Any]) -> tuple[bool, bool]:
    """Why a theme's summary comes after others whatever its size: made only of uncertain
    mentions, then heard on one call only."""
    return bool(summary["uncertain_only"]), bool(summary["one_call"])


def get_cluster(
    session: Session,
    cluster_id: int,
    *,
    embedder: Embedder | None = None,
    quotes: int = 8,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> dict[str, Any]:
    """One cluster's stats, representative quotes (MMR) and every member quote with context."""
    cluster = live_cluster(session, cluster_id)
    rows = load_rows(session, cluster_ids=[cluster.id])
    vectors = centroid = None
    if embedder is not None and rows:
        vectors = embed_cached(session, embedder, [r.text for r in rows])
        centroid = normalise(vectors.mean(axis=0))[0]
    # More than shown: a quote the one before it already shows is left out, and one that
    # cannot stand alone with nothing before it gives way to a later one of its role.
    offered = representative_quotes(
        rows,
        vectors,
        centroid,
        quotes=2 * quotes + 2,
        confident_at=confident_at,
        name=cluster.name,
    )
    chosen = readable_quotes(distinct_quotes(with_turns(session, offered)))[:quotes]
    quote = chosen[0]["text"] if chosen else None
    detail = _summary(cluster, rows, quote, trend_window(session), confident_at=confident_at)
    detail["quotes"] = chosen
    detail["mentions"] = with_lead_ins(session, rows)
    return detail


def with_turns(session: Session, quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``quotes`` with each sentence's turning or carrying-on next sentence (``quote_text``),
    read for the few quotes shown, not for every member. A sentence another theme of the kind
    holds is never one's context: "Three weeks is a long time for us" had been shown in the
    timing theme and, before "And the IT company... charges us", in the switching theme. Nor is
    a sentence of the other concern kind: a pain quoted with the objection before it ("...not
    going to tap a screen with gloves on. And the tablets get greasy...") read as an objection
    in a pain theme; nor a concern before a question ("If we ever lost a sample, that's the end
    of us. So does your tracking cover the lab?" is quoted from "So does")."""
    ids = [quote["mention_id"] for quote in quotes]
    found = session.execute(
        select(
            Mention.id,
            Mention.text,
            Mention.char_start,
            Mention.char_end,
            Mention.utterance_id,
            Mention.kind,
            Mention.cluster_id,
            Utterance.text,
        )
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Mention.id.in_(ids))
    ).all()
    others: dict[int, list[tuple[int, int, str, int | None]]] = {}
    for start, end, utterance_id, kind, cluster_id in session.execute(
        select(
            Mention.char_start,
            Mention.char_end,
            Mention.utterance_id,
            Mention.kind,
            Mention.cluster_id,
        ).where(Mention.utterance_id.in_({row[4] for row in found}))
    ):
        others.setdefault(utterance_id, []).append((start, end, kind, cluster_id))
    spans, leads = {}, {}
    for mention_id, text, start, end, utterance_id, kind, cluster_id, said in found:
        first, last = quote_span(said, start, end) if said[start:end] == text else (start, end)
        elsewhere = any(
            first <= s
            and e <= last
            and (s, e) != (start, end)
            and (
                (k == kind and c not in (None, cluster_id))
                or (k != kind and {k, kind} <= CONCERN_KINDS)
                or (kind == ASKED and k in CONCERN_KINDS)
            )
            for s, e, k, c in others.get(utterance_id, [])
        )
        spans[mention_id] = text if elsewhere else quote_text(said, text, start, end)
        # What it shows and cannot stand alone gets the turn's sentence before as a lead-in,
        # shown apart: another theme's sentence or kind is context, never part of the quote.
        shown_from = start if elsewhere else first
        leads[mention_id] = (
            shown_lead_in(said, shown_from, spans[mention_id]) if said[start:end] == text else ""
        )
    leads = asked_lead_ins(session, {r[0]: (r[1], r[4], r[2]) for r in found}, leads)
    return [
        {
            **quote,
            "text": spans.get(quote["mention_id"], quote["text"]),
            "lead_in": leads.get(quote["mention_id"], ""),
        }
        for quote in quotes
    ]


def readable_quotes(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``quotes`` (``with_turns``'), each that cannot stand alone and has no lead-in behind
    those of its role that read (``readable_first``): a rep's note never takes a buyer's
    place."""
    return readable_first(
        quotes, lambda q: reads_alone(q["text"], q.get("lead_in", "")), lambda q: q["role"]
    )


def _squashed(text: str) -> str:
    return " ".join(text.casefold().split())


def _shown(quote: dict[str, Any]) -> str:
    """All a quote shows, its lead-in (``with_turns``) and its words, as ``_squashed``."""
    return _squashed(f"{quote.get('lead_in', '')} {quote['text']}")


def distinct_quotes(quotes: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """``quotes`` without one whose shown text another quote of the same turn already shows:
    "So not today." is shown with the sentence it leads to, which is a mention of its own, and
    a cluster page had printed the same two sentences twice. A later quote that shows an
    earlier one as its context takes that one's place (it shows both)."""
    kept: list[dict[str, Any]] = []
    for quote in quotes:
        said = _shown(quote)
        turn = [i for i, other in enumerate(kept) if other["utterance_id"] == quote["utterance_id"]]
        if any(said in _shown(kept[i]) for i in turn):
            continue
        inside = [i for i in turn if _shown(kept[i]) in said]
        if not inside:
            kept.append(quote)
            continue
        kept[inside[0]] = quote
        kept = [other for i, other in enumerate(kept) if i not in inside[1:]]
    return kept
