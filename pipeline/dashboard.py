"""What the dashboard shows: the top objections in a period (the 30 days up to the latest call, or
a chosen range) against the period of equal length before it, objections in lost deals,
competitors buyers named, the totals, and the documents the calls have overtaken; all of it for
one industry when one is chosen. Served by the web page, ``GET /api/dashboard`` and
``callmine dashboard``."""

from __future__ import annotations

import datetime as dt
from typing import Any

from pydantic import BaseModel
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.history import history_note, judged, later_calls_note
from pipeline.cluster.queries import active_clusters, list_clusters, themed_mentions
from pipeline.cluster.rivals import partner_check, rivals_the_calls_name
from pipeline.cluster.rows import call_dates, load_rows
from pipeline.cluster.trend import (
    Direction,
    Period,
    Periods,
    TrendWord,
    periods,
    trend_direction,
    trend_word,
    window_end,
)
from pipeline.cluster.views import CLUSTER_TABLES
from pipeline.config import DEFAULT_CONFIDENT_AT
from pipeline.content.staleness import STALENESS_TABLES, staleness
from pipeline.deals import naming, outcome_counts, stored_deals, tagged_calls
from pipeline.ingest.store import GIVE_A_DATE
from pipeline.store.models import Call, Document, Mention, Outcome
from pipeline.store.views import ViewCache
from pipeline.wording import plural

TOP = 8


class TrendRow(BaseModel):
    """Mentions in the period and in the one before; ``direction`` is the home page's rule and
    ``trend_label`` the cluster list's word for it. ``all_time``: its mentions on any date or
    none (a theme raised mostly on undated calls had ranked low on the period's 2 of its 14,
    and nothing said so); ``one_call``: all of those come from one call (not recurring)."""

    id: int
    name: str
    now: int
    before: int
    direction: Direction
    trend_label: TrendWord = ""
    all_time: int = 0
    one_call: bool = False


class LostRow(BaseModel):
    id: int
    name: str
    mentions: int
    calls: int


class CompetitorRow(BaseModel):
    name: str
    mentions: int
    calls: int
    lost: int  # deals, each counted once with its latest outcome (``pipeline.deals``)
    won: int
    deals: int = 0  # the deals buyers named it in or whose records list it
    guessed: bool = False  # read from how buyers spoke ("we use X"), not configured or listed


class Totals(BaseModel):
    calls: int
    lost: int
    won: int
    objections: int


class OutOfDate(BaseModel):
    """A document later calls or theme edits changed materially: what changed, what changed
    it, and where to regenerate it."""

    id: int
    title: str
    doc_type: str
    state: str
    changes: list[str]
    why: str = ""  # what changed it: theme edits, later calls, or both


class Dashboard(BaseModel):
    """``period`` ends at the latest call by default, so older data still reads sensibly;
    ``previous`` is as long as ``period`` and ends the day before it starts; ``history``:
    whether the calls reach back over it (else no theme rises or falls, and ``history_note``
    says why)."""

    period: Period | None
    previous: Period | None
    history: bool = True
    history_note: str = ""
    # Calls dated after the default period (``later_calls_note``); "" when a period was chosen.
    later_calls_note: str = ""
    # The themes' mentions on calls with no date, which no period counts (``undated_note``).
    undated_note: str = ""
    trends: list[TrendRow]
    lost: list[LostRow]
    competitors: list[CompetitorRow]
    totals: Totals
    industry: str | None = None
    out_of_date: list[OutOfDate] = []


def _industry(given: str | None) -> str | None:
    """An industry as chosen: blank means every industry."""
    return (given or "").strip() or None


def _of_industry(industry: str | None) -> list[Any]:
    """The condition on ``Call`` for one industry (any case); none for all."""
    return [func.lower(Call.industry) == industry.strip().lower()] if industry else []


def sure_of(db: Session, confident_at: float, industry: str | None = None) -> set[int]:
    """The objection themes (of ``industry``'s calls) with a mention read at ``confident_at`` or
    more: one made only of uncertain ones (its card's "0 confident") is no row of the dashboard,
    as documents take it last (``suitable_clusters``). A won deal's "why we picked you" read at
    0.17 had stood alone in a theme, listed among the period's objections. An uncertain mention
    of a theme with confident ones still counts, as on its card: "nearly double for our twelve
    sites" read at 0.32 is a lost deal's price objection."""
    themes = [t.id for t in active_clusters(db, "objection")]
    rows = load_rows(db, kind="objection", cluster_ids=themes, industry=industry)
    return {r.cluster_id for r in rows if r.cluster_id is not None and r.confidence >= confident_at}


def compare_periods(
    db: Session,
    window: Periods,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> list[TrendRow]:
    """Objection clusters' mentions in both periods, most mentioned in the recent one first (the
    cards' counts), a theme heard on one call only after those heard on more (as the cluster
    list orders them); only themes with a confident mention (``sure_of``)."""
    now = list_clusters(
        db,
        kind="objection",
        date_from=window.recent.start,
        date_to=window.recent.end,
        industry=industry,
    )
    before = {
        c["id"]: c
        for c in list_clusters(
            db,
            kind="objection",
            date_from=window.before.start,
            date_to=window.before.end,
            industry=industry,
        )
    }
    sure = sure_of(db, confident_at, industry)
    ever = {c["id"]: c for c in list_clusters(db, kind="objection", industry=industry)}
    pairs = [(c, before.pop(c["id"], {"size": 0, "calls": 0})) for c in now]
    pairs += [({**c, "size": 0, "calls": 0}, c) for c in before.values()]
    rows = [
        _trend_row(n, b, ever[n["id"]], window.history)
        for n, b in pairs
        if n["id"] in sure and n["id"] in ever
    ]
    rows.sort(key=lambda r: (r.one_call, -r.now, -r.before, r.name))
    return rows[:TOP]


def _trend_row(
    now: dict[str, Any], before: dict[str, Any], ever: dict[str, Any], history: bool
) -> TrendRow:
    """One theme's row: its mentions in each period, read by the cluster list's rule (over the
    calls of both periods: one call has one date, so none is counted twice), and over all time
    (``ever``: its summary unfiltered)."""
    n, b, calls = now["size"], before["size"], now["calls"] + before["calls"]
    return TrendRow(
        id=now["id"],
        name=now["name"],
        now=n,
        before=b,
        direction=trend_direction(n, b, calls, history),
        trend_label=trend_word(n, b, calls, history),
        all_time=ever["size"],
        one_call=ever["one_call"],
    )


def undated_note(db: Session, industry: str | None, confident_at: float) -> str:
    """What a reader of the period's figures is told of the objections on calls with no date
    (a speakerless .srt, a Zoom .vtt): how many, from how many calls, that no period counts
    them, and how to date a call; "" when every call of the themes has a date."""
    sure = sure_of(db, confident_at, industry)
    rows = load_rows(db, kind="objection", cluster_ids=sorted(sure), industry=industry)
    undated = [r for r in rows if r.call_date is None]
    if not undated:
        return ""
    calls = len({r.call_id for r in undated})
    return (
        f"{len(undated)} of the {plural(len(rows), 'objection')} in these themes "
        f"{'is' if len(undated) == 1 else 'are'} from {plural(calls, 'call')} with no date: "
        f"no period counts {'it' if len(undated) == 1 else 'them'}, the all-time figures do; "
        f"give a call its date ({GIVE_A_DATE})"
    )


def lost_deal_objections(
    db: Session, industry: str | None = None, confident_at: float = DEFAULT_CONFIDENT_AT
) -> list[LostRow]:
    """Objection themes raised in lost deals, most mentioned there first, then by name; only
    themes with a confident mention (``sure_of``). Ordered by the count shown, not the filtered
    list's order: a theme whose lost-deal mentions were all uncertain had come after every
    other, a theme raised twice below ones raised once."""
    lost = list_clusters(
        db, kind="objection", outcome=Outcome.lost, industry=industry, confident_at=confident_at
    )
    sure = sure_of(db, confident_at, industry)
    rows = [
        LostRow(id=c["id"], name=c["name"], mentions=c["size"], calls=c["calls"])
        for c in lost
        if c["id"] in sure
    ]
    return sorted(rows, key=lambda r: (-r.mentions, r.name.casefold(), r.id))[:TOP]


def competitor_mentions(db: Session, industry: str | None = None) -> list[CompetitorRow]:
    """Competitors buyers named: mentions, calls, and the deals they were named in and how
    those ended (a deal's calls count once, with its latest outcome: ``pipeline.deals``).

    Names guessed from how buyers speak ("we use X") are marked, and where the calls name any
    rival as configured (or in their metadata), come after every one of those: a user who
    configured six rivals had seen two trade unions ranked among them, unmarked."""
    named = (
        select(Mention.competitor, func.count(), func.count(func.distinct(Mention.call_id)))
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.competitor.is_not(None), Mention.excluded.is_(False))
        .where(*_of_industry(industry))
        .group_by(Mention.competitor)
        .order_by(func.count().desc(), Mention.competitor)
    )
    partner = partner_check(db)  # our payroll partner is no competitor
    confirmed = rivals_the_calls_name(db)
    found = [
        (str(name), int(m), int(c)) for name, m, c in db.execute(named) if not partner(str(name))
    ]
    guessed = {name for name, _m, _c in found if name.casefold() not in confirmed}
    ranked = sorted(found, key=lambda row: bool(confirmed) and row[0] in guessed)[:TOP]
    # Won and lost count deals, not calls, as a comparison page does (``pipeline.deals``).
    deals = stored_deals(db, *_of_industry(industry))
    tagged = tagged_calls(db, [name for name, _m, _c in ranked])
    rows = []
    for name, mentions, calls in ranked:
        of_rival = naming(deals, name, tagged.get(name.casefold(), set()))
        counts = outcome_counts(of_rival)
        rows.append(
            CompetitorRow(
                name=name,
                mentions=mentions,
                calls=calls,
                deals=len(of_rival),
                lost=counts["lost"],
                won=counts["won"],
                guessed=name in guessed,
            )
        )
    return rows


def totals(db: Session, industry: str | None = None) -> Totals:
    """Calls by outcome, and the objections the themes count (``themed_mentions``): a "Hmm."
    or a new mention no theme has taken had made the total more than the themes held."""
    scope = _of_industry(industry)

    def calls_with(outcome: Outcome) -> int:
        return db.scalar(select(func.count()).where(Call.outcome == outcome, *scope)) or 0

    return Totals(
        calls=db.scalar(select(func.count()).select_from(Call).where(*scope)) or 0,
        lost=calls_with(Outcome.lost),
        won=calls_with(Outcome.won),
        objections=themed_mentions(db, "objection", industry=industry),
    )


def out_of_date(db: Session) -> list[OutOfDate]:
    """Documents that later calls or theme edits changed materially (newest first), with what
    changed and what changed it."""
    stale = []
    for document in db.scalars(select(Document).order_by(Document.updated_at.desc())):
        found = staleness(db, document)
        if found.changes:
            stale.append(
                OutOfDate(
                    id=document.id,
                    title=document.title,
                    doc_type=document.doc_type,
                    state=document.state,
                    changes=found.changes,
                    why=found.heading,
                )
            )
    return stale


def dashboard(
    db: Session,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> Dashboard:
    """The figures; ``date_from``/``date_to`` choose the period (default: the 30 days up to the
    latest call), compared with the period of the same length just before it; ``industry``
    counts only calls of that industry (any case); the themes' rows count only mentions read at
    ``confident_at`` or more. Out-of-date documents are listed always."""
    industry = _industry(industry)
    dates = call_dates(db)
    end = date_to or window_end(dates, dt.date.today())
    window = judged(periods(end, start=date_from), dates) if end else None
    return Dashboard(
        period=window.recent if window else None,
        previous=window.before if window else None,
        history=window.history if window else True,
        history_note=history_note(window, dates) if window else "",
        later_calls_note=later_calls_note(window.recent.end, dates)
        if window and date_to is None
        else "",
        trends=compare_periods(db, window, industry, confident_at) if window else [],
        undated_note=undated_note(db, industry, confident_at),
        lost=lost_deal_objections(db, industry, confident_at),
        competitors=competitor_mentions(db, industry),
        totals=totals(db, industry),
        industry=industry,
        out_of_date=out_of_date(db),
    )


# What the dashboard reads: the cluster views' tables and what the out-of-date check reads (a
# theme rename or a new version moves the list too).
DASHBOARD_TABLES = tuple(dict.fromkeys((*CLUSTER_TABLES, *STALENESS_TABLES)))


def dashboard_view(
    views: ViewCache,
    db: Session,
    *,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    industry: str | None = None,
    confident_at: float = DEFAULT_CONFIDENT_AT,
) -> Dashboard:
    """``dashboard``, precomputed (``pipeline.store.views``)."""
    chosen = {
        "date_from": date_from,
        "date_to": date_to,
        "industry": _industry(industry),
        "confident_at": confident_at,
    }
    found = views.get(
        db,
        "dashboard",
        chosen,
        DASHBOARD_TABLES,
        lambda: dashboard(db, **chosen).model_dump(mode="json"),  # type: ignore[arg-type]
    )
    return Dashboard.model_validate(found)


def peaks(board: Dashboard) -> dict[str, Any]:
    """The largest figure of each chart (bar widths are shares of it; 1 when a chart is empty)."""
    return {
        "trend_peak": max([max(r.now, r.before) for r in board.trends] or [1]),
        "lost_peak": max([r.mentions for r in board.lost] or [1]),
        "comp_peak": max([r.mentions for r in board.competitors] or [1]),
    }
