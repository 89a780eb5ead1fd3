"""What the dashboard shows: the top objections in a period (the 30 days up to the latest call, or
a chosen range) against the period of equal length before it, objections in lost deals,
competitors buyers named, and the totals. Served by the web page, ``GET /api/dashboard``
and ``callmine dashboard``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import latest_call_date, list_clusters
from pipeline.store import Call, Mention, Outcome
from pipeline.trend import Direction, Period, Periods, direction, periods

TOP = 8


class TrendRow(BaseModel):
    """Mentions in the period and in the one before; ``direction`` is the home page's rule."""

    id: int
    name: str
    now: int
    before: int
    direction: Direction


class LostRow(BaseModel):
    id: int
    name: str
    mentions: int
    calls: int


class CompetitorRow(BaseModel):
    name: str
    mentions: int
    calls: int
    lost: int
    won: int


class Totals(BaseModel):
    calls: int
    lost: int
    won: int
    objections: int


class Dashboard(BaseModel):
    """``period`` ends at the latest call by default, so older data still reads sensibly;
    ``previous`` is as long as ``period`` and ends the day before it starts."""

    period: Period | None
    previous: Period | None
    trends: list[TrendRow]
    lost: list[LostRow]
    competitors: list[CompetitorRow]
    totals: Totals


def compare_periods(db: Session, window: Periods) -> list[TrendRow]:
    """Objection clusters' mentions in both periods, most mentioned in the recent one first."""
    now = list_clusters(
        db, kind="objection", date_from=window.recent.start, date_to=window.recent.end
    )
    before = {
        c["id"]: c
        for c in list_clusters(
            db, kind="objection", date_from=window.before.start, date_to=window.before.end
        )
    }
    pairs = [(c["id"], c["name"], c["size"], before.pop(c["id"], {}).get("size", 0)) for c in now]
    pairs += [(i, c["name"], 0, c["size"]) for i, c in before.items()]
    rows = [
        TrendRow(id=i, name=name, now=n, before=b, direction=direction(n, b))
        for i, name, n, b in pairs
    ]
    rows.sort(key=lambda r: (-r.now, -r.before, r.name))
    return rows[:TOP]


def lost_deal_objections(db: Session) -> list[LostRow]:
    lost = list_clusters(db, kind="objection", outcome=Outcome.lost)
    return [
        LostRow(id=c["id"], name=c["name"], mentions=c["size"], calls=c["calls"])
        for c in lost[:TOP]
    ]


def competitor_mentions(db: Session) -> list[CompetitorRow]:
    """Competitors buyers named: mentions, calls, and how those deals ended (one query)."""
    named = (
        select(Mention.competitor, func.count(), func.count(func.distinct(Mention.call_id)))
        .where(Mention.competitor.is_not(None), Mention.excluded.is_(False))
        .group_by(Mention.competitor)
        .order_by(func.count().desc(), Mention.competitor)
    )
    ranked = [(str(name), int(m), int(c)) for name, m, c in db.execute(named)][:TOP]
    outcomes: dict[str, dict[str, int]] = {}
    by_outcome = (
        select(Mention.competitor, Call.outcome, func.count(func.distinct(Call.id)))
        .join(Mention, Mention.call_id == Call.id)
        .where(Mention.competitor.in_([name for name, _m, _c in ranked]))
        .group_by(Mention.competitor, Call.outcome)
    )
    for name, outcome, count in db.execute(by_outcome):
        outcomes.setdefault(str(name), {})[outcome] = int(count)
    return [
        CompetitorRow(
            name=name,
            mentions=mentions,
            calls=calls,
            lost=outcomes.get(name, {}).get(Outcome.lost, 0),
            won=outcomes.get(name, {}).get(Outcome.won, 0),
        )
        for name, mentions, calls in ranked
    ]


def totals(db: Session) -> Totals:
    def calls_with(outcome: Outcome) -> int:
        return db.scalar(select(func.count()).where(Call.outcome == outcome)) or 0

    objections = select(func.count()).where(
        Mention.kind == "objection", Mention.excluded.is_(False)
    )
    return Totals(
        calls=db.scalar(select(func.count()).select_from(Call)) or 0,
        lost=calls_with(Outcome.lost),
        won=calls_with(Outcome.won),
        objections=db.scalar(objections) or 0,
    )


def dashboard(
    db: Session, *, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> Dashboard:
    """The figures; ``date_from``/``date_to`` choose the period (default: the 30 days up to the
    latest call), compared with the period of the same length just before it."""
    end = date_to or latest_call_date(db)
    window = periods(end, start=date_from) if end else None
    return Dashboard(
        period=window.recent if window else None,
        previous=window.before if window else None,
        trends=compare_periods(db, window) if window else [],
        lost=lost_deal_objections(db),
        competitors=competitor_mentions(db),
        totals=totals(db),
    )


def peaks(board: Dashboard) -> dict[str, Any]:
    """The largest figure of each chart (bar widths are shares of it; 1 when a chart is empty)."""
    return {
        "trend_peak": max([max(r.now, r.before) for r in board.trends] or [1]),
        "lost_peak": max([r.mentions for r in board.lost] or [1]),
        "comp_peak": max([r.mentions for r in board.competitors] or [1]),
    }
