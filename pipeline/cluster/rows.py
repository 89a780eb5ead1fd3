"""Clustered mentions joined with their calls, as the cluster pages, API and CLI read them:
filtered rows, rows by cluster, and the periods a trend compares (with the rows a date filter
leaves out, which the earlier period still counts)."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Select, func, select
from sqlalchemy.orm import Session

from pipeline.cluster.history import history_note, judged
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.rivals import partner_check
from pipeline.cluster.stats import MentionRow
from pipeline.cluster.trend import Periods, periods, window_end
from pipeline.deals import deal_outcomes
from pipeline.store.models import Call, Cluster, Mention, Utterance

# Ids per IN (...) list: under SQLite's and PostgreSQL's parameter limits.
_IN_CHUNK = 5000


def load_rows(
    session: Session,
    *,
    kind: str | None = None,
    cluster_ids: Sequence[int] | None = None,
    mention_ids: Sequence[int] | None = None,
    outcome: str | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    competitor: str | None = None,
    account: str | None = None,
    industry: str | None = None,
    roles: Sequence[str] | None = None,
) -> list[MentionRow]:
    """Clustered mentions joined with their call, filtered (``roles``: said by these speakers
    only); ordered by mention id. A row's ``outcome`` (and the ``outcome`` filter) is its
    deal's latest (``pipeline.deals``), as the comparisons and the dashboard count deals.

    Only the columns a row needs are read: whole ORM objects would carry every call's raw
    transcript and cost most of a page's time on a large workspace."""
    query = _rows_query(
        kind=kind,
        cluster_ids=cluster_ids,
        mention_ids=mention_ids,
        date_from=date_from,
        date_to=date_to,
        account=account,
        industry=industry,
        roles=roles,
    )
    found = session.execute(query).all()
    call_ids = {row[10] for row in found}
    context = _call_context(session, call_ids)
    outcomes = deal_outcomes(session, call_ids)
    partner = partner_check(session)
    wanted = competitor.lower() if competitor else None
    rows: list[MentionRow] = []
    for (
        mention_id, text, mention_competitor, char_start, cluster_id, confidence,
        utterance_id, speaker, role, start_seconds,
        call_id, call_date, call_account, call_title,
    ) in found:  # fmt: skip
        competitors, why_now = context.on_call[call_id]
        if wanted and wanted not in {c.lower() for c in competitors}:
            continue  # the filter keeps its meaning: calls that named the competitor
        if outcome and outcomes[call_id] != outcome:
            continue
        named = set(context.on_sentence.get((utterance_id, char_start), ()))
        if mention_competitor and not partner(mention_competitor):
            named.add(mention_competitor)
        rows.append(
            MentionRow(
                id=mention_id,
                text=text,
                call_id=call_id,
                utterance_id=utterance_id,
                speaker=speaker,
                role=role,
                start_seconds=start_seconds,
                call_date=call_date,
                account=call_account,
                outcome=outcomes[call_id],
                competitor=mention_competitor,
                named_competitors=tuple(sorted(named)),
                call_competitors=tuple(sorted(competitors)),
                why_now=tuple(sorted(why_now)),
                cluster_id=cluster_id,
                confidence=float(confidence),
                title=call_title,
            )
        )
    return rows


def _rows_query(
    *,
    kind: str | None = None,
    cluster_ids: Sequence[int] | None = None,
    mention_ids: Sequence[int] | None = None,
    date_from: dt.date | None = None,
    date_to: dt.date | None = None,
    account: str | None = None,
    industry: str | None = None,
    roles: Sequence[str] | None = None,
) -> Select[*tuple[Any, ...]]:
    """``load_rows``' query: its columns and every filter but the competitor's and the
    outcome's (a deal's, known once its calls are read)."""
    query = (
        select(
            Mention.id,
            Mention.text,
            Mention.competitor,
            Mention.char_start,
            Mention.cluster_id,
            Mention.confidence,
            Utterance.id,
            Utterance.speaker,
            Utterance.role,
            Utterance.start_seconds,
            Call.id,
            Call.call_date,
            Call.account,
            Call.title,
        )
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
        .order_by(Mention.id)
    )
    if mention_ids is None:
        query = query.where(Mention.excluded.is_(False))
    else:
        query = query.where(Mention.id.in_(mention_ids))
    if kind:
        query = query.where(Mention.kind == kind)
    if cluster_ids is not None:
        query = query.where(Mention.cluster_id.in_(cluster_ids))
    if date_from:
        query = query.where(Call.call_date >= date_from)
    if date_to:
        query = query.where(Call.call_date <= date_to)
    if account:  # any case: "whitfield animal hospital" is Whitfield Animal Hospital
        query = query.where(func.lower(Call.account) == account.strip().lower())
    if industry:
        query = query.where(func.lower(Call.industry) == industry.strip().lower())
    if roles is not None:
        query = query.where(Utterance.role.in_(roles))
    return query


def count_rows(
    session: Session,
    *,
    kind: str | None = None,
    cluster_ids: Sequence[int] | None = None,
    industry: str | None = None,
) -> int:
    """How many rows ``load_rows`` gives for these filters, counted by the database."""
    query = _rows_query(kind=kind, cluster_ids=cluster_ids, industry=industry).order_by(None)
    return session.scalar(select(func.count()).select_from(query.subquery())) or 0


@dataclass(frozen=True)
class _CallContext:
    """Per call, its competitors and why-now categories; per sentence (utterance id and
    start), the competitors tagged on it."""

    on_call: dict[int, tuple[set[str], set[str]]]
    on_sentence: dict[tuple[int, int], set[str]]


def _call_context(session: Session, call_ids: set[int]) -> _CallContext:
    """Competitors (metadata + detected, not a name our profile gives as ours or a partner's:
    a theme's line had listed "Enphase", whose batteries we design with) and why-now
    categories per call, and the competitor tags of each sentence: a theme names only the
    rivals its own sentences name ("data stored in the US" named none, yet its theme had
    listed the three rivals of its calls)."""
    on_call: dict[int, tuple[set[str], set[str]]] = defaultdict(lambda: (set(), set()))
    on_sentence: dict[tuple[int, int], set[str]] = defaultdict(set)
    partner = partner_check(session)
    ids = sorted(call_ids)
    for start in range(0, len(ids), _IN_CHUNK):
        chunk = ids[start : start + _IN_CHUNK]
        for call_id, competitors in session.execute(
            select(Call.id, Call.competitors).where(Call.id.in_(chunk))
        ):
            on_call[call_id][0].update(competitors or [])
        tags = session.execute(
            select(
                Mention.call_id,
                Mention.utterance_id,
                Mention.char_start,
                Mention.kind,
                Mention.competitor,
                Mention.category,
            ).where(Mention.call_id.in_(chunk), Mention.kind.in_(("competitor", "why_now")))
        )
        for call_id, utterance_id, char_start, kind, competitor, category in tags:
            if kind == "competitor" and competitor and not partner(competitor):
                on_call[call_id][0].add(competitor)
                on_sentence[(utterance_id, char_start)].add(competitor)
            elif kind == "why_now" and category:
                on_call[call_id][1].add(category)
    return _CallContext(on_call, on_sentence)


def rows_by_cluster(rows: Sequence[MentionRow]) -> dict[int, list[MentionRow]]:
    by_cluster: dict[int, list[MentionRow]] = defaultdict(list)
    for row in rows:
        if row.cluster_id is not None:
            by_cluster[row.cluster_id].append(row)
    return by_cluster


def call_dates(session: Session) -> list[dt.date]:
    """Every call's date (the calls without one left out)."""
    dates = session.scalars(select(Call.call_date).where(Call.call_date.is_not(None)))
    return [day for day in dates if day is not None]


def latest_call_date(session: Session, today: dt.date | None = None) -> dt.date | None:
    """The date of the latest call, a stray one left out (``window_end``): trends are read up to
    it, so older data reads sensibly."""
    return window_end(call_dates(session), today or dt.date.today())


def trend_window(
    session: Session, until: dt.date | None = None, start: dt.date | None = None
) -> Periods | None:
    """The default trend periods: the 30 days up to ``until`` (else the latest call), or from
    ``start`` when it comes before their end, and the period of equal length before them, with
    whether the calls reach back over it (``judged``); ``None`` when no call has a date."""
    dates = call_dates(session)
    latest = window_end(dates, dt.date.today())
    end = min(until, latest) if until and latest else until or latest
    if not end:
        return None
    window = periods(end) if start is None or start > end else periods(end, start=start)
    return judged(window, dates)


def filter_window(
    session: Session, date_from: dt.date | None, date_to: dt.date | None
) -> Periods | None:
    """The trend periods of a filtered view: from ``date_from`` (when given) to the end of the
    default window, against the period of equal length before it, as the dashboard compares."""
    return trend_window(session, date_to, date_from)


def trend_note(
    session: Session, date_from: dt.date | None = None, date_to: dt.date | None = None
) -> str:
    """Why a filtered view's themes neither rise nor fall (``history_note``): the cluster
    list says it as the dashboard does; "" when they may."""
    window = filter_window(session, date_from, date_to)
    return history_note(window, call_dates(session)) if window else ""


def earlier_rows(
    session: Session,
    clusters: Sequence[Cluster],
    window: Periods | None,
    filters: Mapping[str, Any],
) -> dict[int, list[MentionRow]]:
    """The mentions of the period a ``date_from`` filter leaves out, by cluster: what a trend
    compares with. A filter from 1 September had counted nothing before it, and 8 themes in
    10 read "rising" (20 mentions against 1)."""
    start = filters.get("date_from")
    if window is None or start is None or window.recent.start != start:
        return {}
    wanted = {**filters, "date_from": window.before.start, "date_to": window.before.end}
    return rows_by_cluster(load_rows(session, cluster_ids=[c.id for c in clusters], **wanted))
