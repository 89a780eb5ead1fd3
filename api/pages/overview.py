"""Buyer phrases and the dashboard (this month vs last, lost deals, competitors)."""

from __future__ import annotations

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse

from api.auth import READ
from api.deps import SessionDep
from api.web import render
from pipeline.dashboard import dashboard, peaks
from pipeline.phrases import list_phrases

router = APIRouter()

PHRASE_SCOPES = {"": "Everything buyers said", "objection": "Objections", "question": "Questions"}


@router.get("/phrases", response_class=HTMLResponse, dependencies=[READ])
def phrases_page(request: Request, db: SessionDep, kind: str = "") -> HTMLResponse:
    kind = kind if kind in PHRASE_SCOPES else ""
    phrases = list_phrases(db, top=60, min_count=2, kind=kind or None)
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
def dashboard_page(request: Request, db: SessionDep) -> HTMLResponse:
    board = dashboard(db)
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        months=board.months,
        lost=board.lost,
        competitors=board.competitors,
        totals=board.totals,
        this_month=board.this_month,
        last_month=board.last_month,
        **peaks(board),
    )
