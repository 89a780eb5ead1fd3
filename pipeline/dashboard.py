"""What the dashboard shows: this month's top objections against last month's, objections in lost
deals, competitors buyers named, and the totals. Served by the web page, ``GET /api/dashboard``
and ``callmine dashboard``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import list_clusters
from pipeline.store import Call, Mention, Outcome

TOP = 8


class MonthRow(BaseModel):
    id: int
    name: str
    now: int
    before: int


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
    """``this_month`` is the month of the latest call, so older data still reads sensibly."""

    this_month: dt.date | None
    last_month: dt.date | None
    months: list[MonthRow]
    lost: list[LostRow]
    competitors: list[CompetitorRow]
    totals: Totals


def month_bounds(day: dt.date) -> tuple[dt.date, dt.date]:
    first = day.replace(day=1)
    following = (first + dt.timedelta(days=32)).replace(day=1)
    return first, following - dt.timedelta(days=1)


def reference_day(db: Session) -> dt.date | None:
    """The date of the latest call: "this month" is that call's month."""
    return db.scalar(select(func.max(Call.call_date)))


def month_vs_last(db: Session, day: dt.date) -> list[MonthRow]:
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
    return [MonthRow(**r) for r in rows[:TOP]]


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


def dashboard(db: Session) -> Dashboard:
    day = reference_day(db)
    this_month = month_bounds(day)[0] if day else None
    return Dashboard(
        this_month=this_month,
        last_month=(this_month - dt.timedelta(days=1)) if this_month else None,
        months=month_vs_last(db, day) if day else [],
        lost=lost_deal_objections(db),
        competitors=competitor_mentions(db),
        totals=totals(db),
    )


def peaks(board: Dashboard) -> dict[str, Any]:
    """The largest figure of each chart (bar widths are shares of it; 1 when a chart is empty)."""
    return {
        "month_peak": max([max(r.now, r.before) for r in board.months] or [1]),
        "lost_peak": max([r.mentions for r in board.lost] or [1]),
        "comp_peak": max([r.mentions for r in board.competitors] or [1]),
    }
