"""Objection clusters: the home page (cards, filters, quote search) and one cluster's page."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import LABELLERS, MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.web import outcome_split, redirect, render, sparkline
from pipeline.analysis.corrections import label_mention
from pipeline.calls.accounts import known_industries
from pipeline.calls.queries import has_calls, known_accounts
from pipeline.cluster.edits import mark_cluster, merge_clusters, rename_cluster, split_cluster
from pipeline.cluster.grain import change_grain, grain_info
from pipeline.cluster.phrases import extract_phrases
from pipeline.cluster.queries import (
    get_cluster,
    known_competitors,
    list_clusters,
    load_rows,
    search_quotes,
)
from pipeline.cluster.stats import MentionRow
from pipeline.errors import CallmineError
from pipeline.ingest.values import iso_date
from pipeline.types import RowId
from pipeline.wording import plural

router = APIRouter()

KINDS = {"objection": "Objections", "pain": "Pains", "question": "Questions"}
GENERATE = (
    ("objection-faq", "Objection FAQ"),
    ("one-pager", "One-pager"),
    ("seo-brief", "SEO brief"),
    ("comparison", "Comparison page"),
)


def _two_quotes(rows: list[MentionRow], confident: float) -> list[MentionRow]:
    """Two readable quotes from different calls, confident ones first: mid-length sentences
    read best on a card."""
    ranked = sorted(rows, key=lambda r: (r.confidence < confident, abs(len(r.text) - 90), r.id))
    chosen: list[MentionRow] = []
    for row in ranked:
        if all(row.call_id != c.call_id for c in chosen):
            chosen.append(row)
        if len(chosen) == 2:
            break
    return chosen


def _card(summary: dict[str, Any], rows: list[MentionRow], confident: float) -> dict[str, Any]:
    phrases = extract_phrases(
        [(r.utterance_id, r.call_id, r.text) for r in rows], min_count=2, top=4
    )
    return {
        **summary,
        "spark": sparkline([int(w["count"]) for w in summary["weekly"]]),
        "split": outcome_split(summary["outcome_counts"]),
        "rising": summary["direction"] == "up",
        "phrases": [p.phrase for p in phrases] or list(summary["keywords"][:4]),
        "quotes": _two_quotes(rows, confident),
        "uncertain": sum(r.confidence < confident for r in rows),
    }


@router.get("/", response_class=HTMLResponse, dependencies=[READ])
def clusters_page(
    request: Request,
    db: SessionDep,
    workspace: WorkspaceDep,
    kind: str = "objection",
    outcome: str = "",
    date_from: str = "",
    date_to: str = "",
    competitor: str = "",
    account: str = "",
    industry: str = "",
    sort: str = "size",
    q: str = "",
) -> HTMLResponse:
    filters = {
        "kind": kind if kind in KINDS else "objection",
        "outcome": outcome,
        "date_from": date_from,
        "date_to": date_to,
        "competitor": competitor,
        "account": account,
        "industry": industry,
        "sort": sort if sort in ("size", "trend") else "size",
    }
    error = None
    cards: list[dict[str, Any]] = []
    hits: list[dict[str, Any]] = []
    try:
        scope: dict[str, Any] = {
            "kind": filters["kind"],
            "outcome": outcome or None,
            "date_from": iso_date(date_from, "date_from"),
            "date_to": iso_date(date_to, "date_to"),
            "competitor": competitor or None,
            "account": account or None,
            "industry": industry or None,
        }
        summaries = list_clusters(db, sort=filters["sort"], **scope)  # type: ignore[arg-type]
        by_cluster: dict[int, list[MentionRow]] = defaultdict(list)
        for row in load_rows(db, cluster_ids=[s["id"] for s in summaries], **scope):
            by_cluster[row.cluster_id or 0].append(row)
        confident = workspace.settings.confident_at
        cards = [_card(s, by_cluster[s["id"]], confident) for s in summaries]
        if q.strip():
            hits = search_quotes(workspace, q, k=8, kind=filters["kind"])
    except CallmineError as exc:
        error = exc.detail
    names = {c["id"]: c["name"] for c in cards}
    return render(
        request,
        "clusters.html",
        title=KINDS[filters["kind"]],
        grain=grain_info(workspace, filters["kind"]),
        cards=cards,
        filters=filters,
        q=q,
        hits=hits,
        names=names,
        error=error,
        kinds=KINDS,
        accounts=known_accounts(db),
        industries=known_industries(db),
        competitors=known_competitors(db),
        has_calls=has_calls(db),
    )


@router.post("/grain", dependencies=[MARKETING])
def grain(
    workspace: WorkspaceDep,
    kind: Annotated[str, Form()] = "objection",
    grain: Annotated[str, Form()] = "auto",
) -> RedirectResponse:
    """Fewer or more themes for one kind (kept for everyone using this workspace)."""
    kind = kind if kind in KINDS else "objection"
    target = f"/?kind={kind}"
    try:
        info = change_grain(workspace, kind, grain)
    except CallmineError as exc:
        return redirect(target, exc.detail, "error")
    return redirect(target, f"Showing {plural(info['themes'], 'theme')}.")


@router.get(
    "/clusters/{cluster_id}", response_class=HTMLResponse, response_model=None, dependencies=[READ]
)
def cluster_page(
    request: Request, db: SessionDep, workspace: WorkspaceDep, cluster_id: RowId
) -> HTMLResponse | RedirectResponse:
    cluster = get_cluster(db, cluster_id, embedder=workspace.embedder, quotes=4)
    if cluster["id"] != cluster_id:  # merged into another: go where its quotes are now
        return RedirectResponse(f"/clusters/{cluster['id']}", status_code=307)
    others = [c for c in list_clusters(db, kind=cluster["kind"]) if c["id"] != cluster_id]
    confident_at = workspace.settings.confident_at
    confident = [m for m in cluster["mentions"] if m["confidence"] >= confident_at]
    uncertain = [m for m in cluster["mentions"] if m["confidence"] < confident_at]
    cluster["quotes"] = [
        q for q in cluster["quotes"] if q["confidence"] >= confident_at
    ] or cluster["quotes"]
    return render(
        request,
        "cluster.html",
        title=cluster["name"],
        c=cluster,
        spark=sparkline([int(w["count"]) for w in cluster["weekly"]], width=320, height=64),
        split=outcome_split(cluster["outcome_counts"]),
        others=others,
        confident=confident,
        uncertain=uncertain,
        generate=GENERATE,
        rising=cluster["direction"] == "up",
    )


def _act(cluster_id: int, action: Any, done: str) -> RedirectResponse:
    try:
        target = action()
    except CallmineError as exc:
        return redirect(f"/clusters/{cluster_id}", exc.detail, "error")
    return redirect(target or f"/clusters/{cluster_id}", done)


@router.post("/clusters/{cluster_id}/rename", dependencies=[MARKETING])
def rename(
    db: SessionDep, cluster_id: RowId, name: Annotated[str, Form()] = ""
) -> RedirectResponse:
    return _act(cluster_id, lambda: rename_cluster(db, cluster_id, name) and None, "Renamed.")


@router.post("/clusters/{cluster_id}/merge", dependencies=[MARKETING])
def merge(
    db: SessionDep, cluster_id: RowId, other: Annotated[list[RowId] | None, Form()] = None
) -> RedirectResponse:
    def run() -> None:
        merge_clusters(db, [cluster_id, *(other or [])])

    return _act(cluster_id, run, "Merged: their quotes now belong to this cluster.")


@router.post("/clusters/{cluster_id}/split", dependencies=[MARKETING])
def split(db: SessionDep, workspace: WorkspaceDep, cluster_id: RowId) -> RedirectResponse:
    def run() -> str:
        children = split_cluster(workspace, db, cluster_id)["children"]
        return f"/clusters/{children[0]}"

    return _act(cluster_id, run, "Split in two; the other half is listed on the home page.")


@router.post("/clusters/{cluster_id}/quotes/{mention_id}/not-objection", dependencies=[LABELLERS])
def quote_not_objection(
    db: SessionDep, workspace: WorkspaceDep, cluster_id: RowId, mention_id: RowId
) -> RedirectResponse:
    def run() -> None:
        label_mention(workspace, db, mention_id, label="other")

    done = "Removed from the cluster; the detector learns from it on the next upload."
    return _act(cluster_id, run, done)


@router.post("/clusters/{cluster_id}/mark", dependencies=[MARKETING])
def mark(
    db: SessionDep, cluster_id: RowId, not_objection: Annotated[str, Form()] = "yes"
) -> RedirectResponse:
    hide = not_objection == "yes"

    def run() -> str | None:
        mark_cluster(db, cluster_id, not_objection=hide)
        return "/" if hide else None

    return _act(cluster_id, run, "Marked as not an objection." if hide else "Restored.")
