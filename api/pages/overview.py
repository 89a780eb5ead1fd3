"""Buyer phrases and the dashboard (a period against the one before, lost deals, competitors)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.auth import READ
from api.deps import SessionDep, SettingsDep, WorkspaceDep
from api.web import render
from pipeline.calls.accounts import known_industries
from pipeline.cluster.phrases import list_phrases
from pipeline.content.types import CONTENT_TYPES
from pipeline.dashboard import dashboard_view, peaks
from pipeline.errors import CallmineError
from pipeline.ingest.values import iso_date
from pipeline.publish.review import STATE_LABELS

router = APIRouter()

PHRASE_SCOPES = {"": "Everything buyers said", "objection": "Objections", "question": "Questions"}


@router.get("/phrases", response_class=HTMLResponse, dependencies=[READ])
def phrases_page(
    request: Request, db: SessionDep, settings: SettingsDep, kind: str = ""
) -> HTMLResponse:
    kind = kind if kind in PHRASE_SCOPES else ""
    phrases = list_phrases(db, top=60, min_count=2, kind=kind or None, settings=settings)
    peak = max((p["count"] for p in phrases), default=1)
    return render(
        request,
        "phrases.html",
        title="Buyer phrases",
        phrases=phrases,
        peak=peak,
        kind=kind,
        scopes=PHRASE_SCOPES,
    )


@router.get("/dashboard", response_class=HTMLResponse, dependencies=[READ])
def dashboard_page(
    request: Request,
    db: SessionDep,
    workspace: WorkspaceDep,
    date_from: str = "",
    date_to: str = "",
    industry: str = "",
) -> HTMLResponse:
    error = None
    try:
        board = dashboard_view(
            workspace.views,
            db,
            date_from=iso_date(date_from, "date_from"),
            date_to=iso_date(date_to, "date_to"),
            industry=industry,
            confident_at=workspace.settings.confident_at,
        )
    except CallmineError as exc:
        error = exc.detail
        board = dashboard_view(
            workspace.views, db, industry=industry, confident_at=workspace.settings.confident_at
        )
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        board=board,
        error=error,
        chosen={"date_from": date_from, "date_to": date_to, "industry": industry},
        industries=known_industries(db),
        types=CONTENT_TYPES,  # the documents list's labels for a document's type and state
        labels=STATE_LABELS,
        **peaks(board),
    )
