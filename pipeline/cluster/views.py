"""What the cluster pages and ``/api/clusters`` show, precomputed (``pipeline.store.views``):
the cluster list for a set of filters, the home page's cards, and one cluster's detail. Each is
computed once per revision of the tables it reads; the analysis jobs compute the unfiltered ones
ahead (``warm_views``) so the first visitor after an upload does not wait either."""

from __future__ import annotations

import datetime as dt
import functools
import json
import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypedDict, Unpack

from pydantic import TypeAdapter
from sqlalchemy.orm import Session

from pipeline.cluster.card_phrases import buyer_card_phrases
from pipeline.cluster.grain import grain_info
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.queries import (
    SortKey,
    active_clusters,
    distinct_quotes,
    get_cluster,
    list_clusters,
    readable_quotes,
    shown_order,
    summarise_clusters,
    with_turns,
)
from pipeline.cluster.rivals import known_competitors
from pipeline.cluster.rows import load_rows, rows_by_cluster
from pipeline.cluster.schemas import ClusterSummary
from pipeline.cluster.state import STATE_FILENAME, TREES_FILENAME, load_state
from pipeline.cluster.stats import MentionRow, quote_tier, unquoted
from pipeline.cluster.waiting import unthemed_info
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.embed import Embedder
from pipeline.store.views import ViewCache
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

# The tables a cluster view reads: clusters and their mentions, the calls' metadata, speakers.
# The product profile too: a name it gives as ours or a partner's is no theme's competitor.
CLUSTER_TABLES = ("calls", "clusters", "mentions", "utterances", "product_profile_versions")
CARD_QUOTES = 2
SPARE_QUOTES = 3 * CARD_QUOTES  # offered for a card's quotes, each from another call
CARD_ONLY = ("phrases", "quotes")  # what a card adds to its theme's summary
# Cards a home page draws at first: a large workspace has a hundred themes or more ("Show all"
# draws them all).
FIRST_CARDS = 48


class ClusterFilters(TypedDict, total=False):
    """Which mentions a cluster view counts (``list_clusters``' filters)."""

    kind: str | None
    outcome: str | None
    date_from: dt.date | None
    date_to: dt.date | None
    competitor: str | None
    account: str | None
    industry: str | None


def _filters(given: ClusterFilters) -> dict[str, Any]:
    """Every filter named, unset ones None: a view's key must not depend on how it was asked."""
    return {name: given.get(name) for name in ClusterFilters.__annotations__}


CLUSTER_SUMMARIES = TypeAdapter(list[ClusterSummary])


def cluster_list_json(
    views: ViewCache,
    session: Session,
    *,
    sort: SortKey = "size",
    confident_at: float = DEFAULT_CONFIDENT_AT,
    **given: Unpack[ClusterFilters],
) -> str:
    """``/api/clusters``' body: the cluster list checked against ``ClusterSummary`` once per
    revision and then sent as stored text (validating and serialising 400 KB of themes took
    half of each request at 100k mentions); themes made only of mentions read below
    ``confident_at`` last (``summarise_clusters``)."""
    filters = _filters(given)
    summaries = functools.partial(list_clusters, session, sort=sort, confident_at=confident_at)
    return _list_view(views, session, sort, confident_at, filters, lambda: summaries(**filters))


def _list_view(
    views: ViewCache,
    session: Session,
    sort: SortKey,
    confident_at: float,
    filters: dict[str, Any],
    summaries: Callable[[], list[dict[str, Any]]],
) -> str:
    """The cluster list view of ``filters``, checked once per revision; ``summaries`` gives
    ``list_clusters``' answer when it must be computed."""

    def compute() -> Any:
        checked = CLUSTER_SUMMARIES.validate_python(summaries())
        return CLUSTER_SUMMARIES.dump_python(checked, mode="json", by_alias=True)

    params = {**filters, "sort": sort, "confident_at": confident_at}
    return views.get_json(session, "clusters", params, CLUSTER_TABLES, compute)


def cluster_list(
    views: ViewCache,
    session: Session,
    *,
    sort: SortKey = "size",
    confident_at: float = DEFAULT_CONFIDENT_AT,
    **given: Unpack[ClusterFilters],
) -> list[dict[str, Any]]:
    """``pipeline.cluster.queries.list_clusters``, precomputed (the API's view, parsed)."""
    return list(
        json.loads(cluster_list_json(views, session, sort=sort, confident_at=confident_at, **given))
    )


def cluster_names(views: ViewCache, session: Session, kind: str) -> list[dict[str, Any]]:
    """Id, name and size of every theme of ``kind``, largest first: what a cluster page offers
    to merge into, without parsing every theme's figures per request."""
    return list(
        views.get(
            session,
            "cluster_names",
            {"kind": kind},
            CLUSTER_TABLES,
            lambda: [
                {"id": c["id"], "name": c["name"], "size": c["size"]}
                for c in cluster_list(views, session, kind=kind)
            ],
        )
    )


def card_quotes(
    rows: list[MentionRow], confident_at: float, limit: int = CARD_QUOTES
) -> list[MentionRow]:
    """Quotes from different calls, ``rows`` given most representative first (``shown_order``,
    as the theme's list quote): confident ones first, the buyer's own words before a rep's
    note; never one that says nothing alone ("Hmm."). ``limit``: how many to offer."""
    ranked = sorted(
        (r for r in rows if not unquoted(r)),
        key=lambda r: quote_tier(r, confident_at),
    )
    chosen: list[MentionRow] = []
    for row in ranked:
        if all(row.call_id != c.call_id for c in chosen):
            chosen.append(row)
        if len(chosen) == limit:
            break
    return chosen


def _cards(
    session: Session, confident_at: float, sort: SortKey, filters: dict[str, Any]
) -> list[dict[str, Any]]:
    clusters = active_clusters(session, filters.get("kind"))
    # One read of the rows for both the summaries and the cards' quotes and phrases.
    by_cluster = rows_by_cluster(
        load_rows(session, cluster_ids=[c.id for c in clusters], **filters)
    )
    summaries = summarise_clusters(
        session, clusters, by_cluster, filters=filters, sort=sort, empty=False,
        confident_at=confident_at,
    )  # fmt: skip
    # More than a card shows: one that cannot stand alone with nothing before it gives way.
    ids = {c.id: c for c in clusters}
    quotes = {
        summary["id"]: [
            r.quote()
            for r in card_quotes(
                shown_order(session, ids[summary["id"]], by_cluster[summary["id"]], confident_at),
                confident_at,
                SPARE_QUOTES,
            )
        ]
        for summary in summaries
    }
    # Each quote with the sentence of its turn it depends on: one read for every card's quotes.
    said = {
        q["mention_id"]: q for q in with_turns(session, [q for qs in quotes.values() for q in qs])
    }
    cards = []
    for summary in summaries:
        rows = by_cluster[summary["id"]]
        cards.append(
            {
                **summary,
                "phrases": buyer_card_phrases(rows, summary["keywords"]),
                "quotes": readable_quotes(
                    distinct_quotes([said[q["mention_id"]] for q in quotes[summary["id"]]])
                )[:CARD_QUOTES],
            }
        )
    return cards


class CardPage(TypedDict):
    """The first cards of the home page, how many there are in all, how many of those are
    made only of uncertain mentions (drawn last, behind a disclosure) and how many are heard on
    one call only (drawn after the recurring ones of their group)."""

    cards: list[dict[str, Any]]
    total: int
    uncertain: int
    one_call: int


def cluster_cards_json(
    views: ViewCache,
    session: Session,
    *,
    confident_at: float,
    sort: SortKey = "size",
    first: int | None = FIRST_CARDS,
    **given: Unpack[ClusterFilters],
) -> str:
    """The home page's cards as their stored JSON text (a :class:`CardPage`; the same text while
    nothing changed, so a page can keep what it drew from it): each cluster's summary with its
    buyer phrases, two quotes and how many of its mentions are uncertain, over the mentions that
    pass the filters, those made only of uncertain ones last; the ``first`` of them (None: all),
    so a page of a large workspace does not parse hundreds per request."""
    filters = _filters(given)
    every_card = functools.partial(_cards, session, confident_at, sort, filters)
    return _cards_view(views, session, sort, confident_at, first, filters, every_card)


def _cards_view(
    views: ViewCache,
    session: Session,
    sort: SortKey,
    confident_at: float,
    first: int | None,
    filters: dict[str, Any],
    every_card: Callable[[], list[dict[str, Any]]],
) -> str:
    """The home cards view of ``filters``; ``every_card`` gives all of them (``_cards``) when
    it must be computed."""

    def compute() -> CardPage:
        cards = every_card()
        return {
            "cards": cards if first is None else cards[:first],
            "total": len(cards),
            "uncertain": sum(card["uncertain_only"] for card in cards),
            "one_call": sum(card["one_call"] and not card["uncertain_only"] for card in cards),
        }

    return views.get_json(
        session,
        "home_cards",  # named anew when its shape changes: a stored view outlives an upgrade
        {**filters, "sort": sort, "confident_at": confident_at, "first": first},
        CLUSTER_TABLES,
        compute,
    )


def cluster_detail(
    views: ViewCache,
    session: Session,
    cluster_id: int,
    *,
    embedder: Embedder | None = None,
    quotes: int = 8,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> dict[str, Any]:
    """``pipeline.cluster.queries.get_cluster``, precomputed (a merged cluster's id gives the
    cluster it went into, as there)."""
    detail: dict[str, Any] = json.loads(
        cluster_detail_json(
            views, session, cluster_id, embedder=embedder, quotes=quotes, confident_at=confident_at
        )
    )
    return detail


def cluster_detail_json(
    views: ViewCache,
    session: Session,
    cluster_id: int,
    *,
    embedder: Embedder | None = None,
    quotes: int = 8,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> str:
    """:func:`cluster_detail` as its stored JSON text (the same text while nothing changed)."""
    return views.get_json(
        session,
        "cluster",
        {
            "id": cluster_id,
            "quotes": quotes,
            "mmr": embedder is not None,
            "confident_at": confident_at,
        },
        CLUSTER_TABLES,
        lambda: get_cluster(
            session, cluster_id, embedder=embedder, quotes=quotes, confident_at=confident_at
        ),
    )


def _modified(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def grain_view(workspace: Workspace, session: Session, kind: str) -> dict[str, Any]:
    """``pipeline.cluster.grain.grain_info``, precomputed: parsing the saved trees costs a page
    at 100k mentions more than the rest of it; the files' times are part of the key."""
    folder = workspace.settings.data_dir
    files = {name: _modified(folder / name) for name in (STATE_FILENAME, TREES_FILENAME)}
    found: dict[str, Any] = workspace.views.get(
        session,
        "grain",
        {"kind": kind, **files},
        ("clusters",),
        lambda: grain_info(workspace, kind, session),
    )
    return found


def unthemed_view(workspace: Workspace, session: Session, kind: str) -> dict[str, Any]:
    """``pipeline.cluster.waiting.unthemed_info``, precomputed (it reads every mention in no
    theme); the cluster state's time is part of the key, as a full re-cluster rewrites it."""
    folder = workspace.settings.data_dir
    found: dict[str, Any] = workspace.views.get(
        session,
        "unthemed",
        {"kind": kind, STATE_FILENAME: _modified(folder / STATE_FILENAME)},
        ("mentions",),
        lambda: unthemed_info(session, kind, load_state(folder)),
    )
    return found


def known_competitors_view(views: ViewCache, session: Session) -> list[str]:
    """``pipeline.cluster.rivals.known_competitors``, precomputed (it reads every call)."""
    return list(
        views.get(
            session,
            "competitors",
            {},
            ("calls", "mentions", "product_profile_versions"),
            lambda: known_competitors(session),
        )
    )


def _warm_kind_lists(views: ViewCache, session: Session, confident_at: float, kind: str) -> None:
    """A kind's home cards and its cluster list from one read: a card is its theme's
    ``list_clusters`` summary with phrases and quotes added (computing both from the database
    was a third of what an upload spent warming views)."""
    filters = _filters({"kind": kind})
    every_card = functools.cache(functools.partial(_cards, session, confident_at, "size", filters))

    def summaries() -> list[dict[str, Any]]:
        return [{k: v for k, v in c.items() if k not in CARD_ONLY} for c in every_card()]

    _cards_view(views, session, "size", confident_at, FIRST_CARDS, filters, every_card)
    _list_view(views, session, "size", confident_at, filters, summaries)


def warm_views(workspace: Workspace) -> None:
    """Compute ahead what the home page and ``/api/clusters`` show unfiltered, so the first
    visitor after an analysis does not wait; best effort (a failure here loses nothing)."""
    try:
        with workspace.session() as session:
            for kind in CLUSTERED_KINDS:
                _warm_kind_lists(workspace.views, session, workspace.settings.confident_at, kind)
                cluster_names(workspace.views, session, kind)  # from the kind's list just made
                grain_view(workspace, session, kind)
                unthemed_view(workspace, session, kind)
            cluster_list_json(
                workspace.views, session, confident_at=workspace.settings.confident_at
            )
            known_competitors_view(workspace.views, session)
            workspace.views.prune(session)
    except Exception:  # noqa: BLE001 - the views are computed on the next request instead
        log.exception("computing the cluster views ahead failed")
