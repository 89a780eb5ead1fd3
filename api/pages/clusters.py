"""Objection clusters: the home page (cards, filters, quote search) and one cluster's page."""

from __future__ import annotations

import json
from functools import partial
from typing import Annotated, Any

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from markupsafe import Markup

from api.auth import MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.pages.jobs import followed_job, job_notice
from api.web import fragments, outcome_split, redirect, render, sparkline
from pipeline.analysis.recovery import submit_recluster
from pipeline.calls.accounts import known_industries
from pipeline.calls.queries import has_calls, known_accounts
from pipeline.cluster.edits import undoable_merge, undoable_split
from pipeline.cluster.grain import submit_grain
from pipeline.cluster.search import search_quotes
from pipeline.cluster.views import (
    FIRST_CARDS,
    cluster_cards_json,
    cluster_detail_json,
    cluster_names,
    grain_view,
    known_competitors_view,
    unthemed_view,
)
from pipeline.errors import CallmineError
from pipeline.ingest.values import iso_date, outcome_filter
from pipeline.jobs.runs import OPEN_STATUSES
from pipeline.types import RowId

router = APIRouter()

FIRST_QUOTES = 150  # per list on a cluster's page; "Show all" draws every one
KINDS = {"objection": "Objections", "pain": "Pains", "question": "Questions"}
GENERATE = (
    ("objection-faq", "Objection FAQ"),
    ("one-pager", "One-pager"),
    ("seo-brief", "SEO brief"),
    ("comparison", "Comparison page"),
)
# What a theme of each kind can be made into: a pain is a one-pager's problem, no FAQ's objection
# (a pain page had offered "Objection FAQ"); a question theme is an SEO brief's informational
# intent (``content.seo_brief``).
GENERATE_BY_KIND = {
    "objection": GENERATE,
    "pain": (("one-pager", "One-pager"),),
    "question": (("seo-brief", "SEO brief"),),
}
# The word a theme's page says of its quotes ("Same pain as", "Not a pain").
KIND_WORDS = {"objection": "objection", "pain": "pain", "question": "question"}


def _card(card: dict[str, Any]) -> dict[str, Any]:
    """A precomputed card with what only the page draws: the sparkline and the outcome bar."""
    return {
        **card,
        "spark": sparkline([int(w["count"]) for w in card["weekly"]]),
        "split": outcome_split(card["outcome_counts"]),
        "rising": card["direction"] == "up",
    }


def _card_group(page: dict[str, Any], *, uncertain: bool) -> dict[str, Any]:
    """What ``partials/cluster_cards.html`` draws: the page's cards of themes with a confident
    mention, or (``uncertain``) those made only of uncertain ones, kept apart behind a
    disclosure; with the page's counts."""
    cards = [_card(card) for card in page["cards"] if card["uncertain_only"] == uncertain]
    counts = {count: page[count] for count in ("total", "uncertain", "one_call")}
    return {"cards": cards, **counts}


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
    show: str = "",
    job: str = "",
) -> HTMLResponse:
    """``job``: a grain change this page follows: its progress until it ends (then the page
    reloads), its last message once it has."""
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
    cards_html = {"sure": Markup(), "uncertain": Markup()}
    names: dict[int, str] = {}
    shown = {"sure": 0, "uncertain": 0}
    total = uncertain = one_call = 0
    hits: list[dict[str, Any]] = []
    try:
        scope: dict[str, Any] = {
            "kind": filters["kind"],
            "outcome": outcome_filter(outcome),
            "date_from": iso_date(date_from, "date_from"),
            "date_to": iso_date(date_to, "date_to"),
            "competitor": competitor or None,
            "account": account or None,
            "industry": industry or None,
        }
        payload = cluster_cards_json(
            workspace.views,
            db,
            confident_at=workspace.settings.confident_at,
            sort=filters["sort"],  # type: ignore[arg-type]
            first=None if show == "all" else FIRST_CARDS,
            **scope,
        )
        for group in ("sure", "uncertain"):
            cards_html[group], page = fragments(request).draw(
                request,
                "partials/cluster_cards.html",
                payload,
                partial(_card_group, uncertain=group == "uncertain"),
                variant=group,
                facts=lambda drawn: {**drawn, "cards": len(drawn["cards"])},
            )
            shown[group] = page["cards"]
        total, uncertain, one_call = page["total"], page["uncertain"], page["one_call"]
        if q.strip():
            hits = search_quotes(workspace, q, k=8, kind=filters["kind"])
            names = {
                c["id"]: c["name"] for c in cluster_names(workspace.views, db, filters["kind"])
            }
    except CallmineError as exc:
        error = exc.detail
    followed = followed_job(workspace, job)
    running = followed is not None and followed.status in OPEN_STATUSES
    return render(
        request,
        "clusters.html",
        **(job_notice(followed) if followed and not running else {}),
        job=followed if running else None,
        title=KINDS[filters["kind"]],
        grain=grain_view(workspace, db, filters["kind"]),
        unthemed=unthemed_view(workspace, db, filters["kind"]),
        cards_html=cards_html,
        shown=shown,
        total=total,
        uncertain=uncertain,
        one_call=one_call,
        confident_at=workspace.settings.confident_at,
        filters=filters,
        q=q,
        hits=hits,
        names=names,
        error=error,
        kinds=KINDS,
        accounts=known_accounts(db),
        industries=known_industries(db),
        competitors=known_competitors_view(workspace.views, db),
        has_calls=has_calls(db),
    )


@router.post("/grain", dependencies=[MARKETING])
def grain(
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    kind: Annotated[str, Form()] = "objection",
    grain: Annotated[str, Form()] = "auto",
) -> RedirectResponse:
    """Fewer or more themes for one kind (kept for everyone using this workspace), as a job
    the page follows: behind an upload it waits minutes for the writer lock."""
    kind = kind if kind in KINDS else "objection"
    target = f"/?kind={kind}"
    try:
        job_id = submit_grain(workspace, grain, background.add_task, [kind])
    except CallmineError as exc:
        return redirect(target, exc.detail, "error")
    return redirect(f"{target}&job={job_id}", f"Changing the number of {kind} themes…")


@router.post("/recluster", dependencies=[MARKETING])
def recluster(
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    kind: Annotated[str, Form()] = "objection",
) -> RedirectResponse:
    """Group one kind's quotes into themes again now, as a job (mentions in no theme get one)."""
    kind = kind if kind in KINDS else "objection"
    submit_recluster(workspace, background.add_task, [kind])
    return redirect(
        "/jobs", f"Re-clustering the {KINDS[kind].lower()}; the themes change when it is done."
    )


@router.get(
    "/clusters/{cluster_id}", response_class=HTMLResponse, response_model=None, dependencies=[READ]
)
def cluster_page(
    request: Request,
    db: SessionDep,
    workspace: WorkspaceDep,
    cluster_id: RowId,
    show: str = "",
    split_with: RowId | None = None,
) -> HTMLResponse | RedirectResponse:
    """One theme; ``split_with``: the other half of the split that made it (both are named)."""
    confident_at = workspace.settings.confident_at
    payload = cluster_detail_json(
        workspace.views,
        db,
        cluster_id,
        embedder=workspace.embedder,
        quotes=4,
        confident_at=confident_at,
    )
    cluster = json.loads(payload)
    if cluster["id"] != cluster_id:  # merged into another: go where its quotes are now
        return RedirectResponse(f"/clusters/{cluster['id']}", status_code=307)
    themes = cluster_names(workspace.views, db, cluster["kind"])
    others = [c for c in themes if c["id"] != cluster_id]
    halves = [c for c in themes if c["id"] in (cluster_id, split_with)] if split_with else []
    every = quote_rows(cluster, confident_at, True)
    tables: dict[str, Markup] = {}
    for which in ("confident", "uncertain"):
        tables[which], _ = fragments(request).draw(
            request,
            "partials/quote_table.html",
            payload,
            partial(_quote_table, which=which, confident_at=confident_at, every=show == "all"),
            variant=f"{which}:{show == 'all'}:{confident_at}",
        )
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
        tables=tables,
        shown={
            which: len(rows) if show == "all" else min(len(rows), FIRST_QUOTES)
            for which, rows in every.items()
        },
        counts={which: len(rows) for which, rows in every.items()},
        generate=GENERATE_BY_KIND.get(cluster["kind"], ()),
        kind_word=KIND_WORDS.get(cluster["kind"], "theme"),
        rising=cluster["direction"] == "up",
        halves=sorted(halves, key=lambda c: c["id"] != cluster_id) if len(halves) == 2 else [],
        undo=undoable_merge(db, cluster_id),
        unsplit=undoable_split(db, cluster_id),
    )


def _quote_table(
    cluster: dict[str, Any], *, which: str, confident_at: float, every: bool
) -> dict[str, Any]:
    """What ``partials/quote_table.html`` draws: one of :func:`quote_rows`' lists."""
    return {
        "rows": quote_rows(cluster, confident_at, every)[which],
        "kind": cluster["kind"],
        "cluster_id": cluster["id"],
    }


def quote_rows(
    cluster: dict[str, Any], confident_at: float, every: bool
) -> dict[str, list[dict[str, Any]]]:
    """A cluster page's two lists: its confident and its uncertain mentions, the first
    ``FIRST_QUOTES`` of each unless ``every``."""
    confident = [m for m in cluster["mentions"] if m["confidence"] >= confident_at]
    uncertain = [m for m in cluster["mentions"] if m["confidence"] < confident_at]
    if not every:
        confident, uncertain = confident[:FIRST_QUOTES], uncertain[:FIRST_QUOTES]
    return {"confident": confident, "uncertain": uncertain}
