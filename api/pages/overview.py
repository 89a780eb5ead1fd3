"""Buyer phrases and the dashboard (this month vs last, lost deals, competitors)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from api.deps import SessionDep
from api.web import render
from pipeline.cluster.queries import list_clusters
from pipeline.phrases import list_phrases
from pipeline.store import Call, Mention

router = APIRouter()

PHRASE_SCOPES = {"": "Everything buyers said", "objection": "Objections", "question": "Questions"}
TOP = 8


@router.get("/phrases", response_class=HTMLResponse)
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


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def reference_day(db: Session) -> dt.date | None:
    """ "This month" is the month of the latest call, so older data still reads sensibly."""
    return db.scalar(select(func.max(Call.call_date)))


def month_vs_last(db: Session, day: dt.date) -> list[dict[str, Any]]:
    this_start, this_end = month_bounds(day)
    last_start, last_end = month_bounds(this_start - dt.timedelta(days=1))
    now = list_clusters(db, kind="objection", date_from=this_start, date_to=this_end)
    before = {
        c["id"]: c
        for c in list_clusters(db, kind="objection", date_from=last_start, date_to=last_end)
    }
    rows = [
        {
            "id": c["id"],
            "name": c["name"],
            "now": c["size"],
            "before": before.pop(c["id"], {}).get("size", 0),
        }
        for c in now
    ]
    rows += [{"id": i, "name": c["name"], "now": 0, "before": c["size"]} for i, c in before.items()]
    rows.sort(key=lambda r: (-r["now"], -r["before"], r["name"]))
    return rows[:TOP]


def lost_deal_objections(db: Session) -> list[dict[str, Any]]:
    lost = list_clusters(db, kind="objection", outcome="lost")
    return [
        {"id": c["id"], "name": c["name"], "mentions": c["size"], "calls": c["calls"]}
        for c in lost[:TOP]
    ]


def competitor_mentions(db: Session) -> list[dict[str, Any]]:
    """Competitors buyers named: mentions, calls, and how those deals ended."""
    query = (
        select(Mention.competitor, func.count(), func.count(func.distinct(Mention.call_id)))
        .where(Mention.competitor.is_not(None), Mention.excluded.is_(False))
        .group_by(Mention.competitor)
        .order_by(func.count().desc(), Mention.competitor)
    )
    out: list[dict[str, Any]] = []
    for name, mentions, calls in db.execute(query):
        outcomes = dict(
            db.execute(
                select(Call.outcome, func.count(func.distinct(Call.id)))
                .join(Mention, Mention.call_id == Call.id)
                .where(Mention.competitor == name)
                .group_by(Call.outcome)
            ).all()
        )
        out.append(
            {
                "name": name,
                "mentions": mentions,
                "calls": calls,
                "lost": outcomes.get("lost", 0),
                "won": outcomes.get("won", 0),
            }
        )
    return out[:TOP]


@router.get("/dashboard", response_class=HTMLResponse)
def dashboard_page(request: Request, db: SessionDep) -> HTMLResponse:
    day = reference_day(db)
    months = month_vs_last(db, day) if day else []
    lost = lost_deal_objections(db)
    competitors = competitor_mentions(db)
    totals = {
        "calls": db.scalar(select(func.count()).select_from(Call)) or 0,
        "lost": db.scalar(select(func.count()).where(Call.outcome == "lost")) or 0,
        "won": db.scalar(select(func.count()).where(Call.outcome == "won")) or 0,
        "objections": db.scalar(
            select(func.count()).where(Mention.kind == "objection", Mention.excluded.is_(False))
        )
        or 0,
    }
    this_month = month_bounds(day)[0] if day else None
    return render(
        request,
        "dashboard.html",
        title="Dashboard",
        months=months,
        lost=lost,
        competitors=competitors,
        totals=totals,
        this_month=this_month,
        last_month=(this_month - dt.timedelta(days=1)) if this_month else None,
        month_peak=max([max(r["now"], r["before"]) for r in months] or [1]),
        lost_peak=max([r["mentions"] for r in lost] or [1]),
        comp_peak=max([r["mentions"] for r in competitors] or [1]),
    )
