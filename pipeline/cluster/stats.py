"""Stats stage: pure functions from a cluster's mention rows to the figures marketing reads."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from pydantic import BaseModel, Field

from pipeline.cluster.lead_ins import needs_the_turn
from pipeline.cluster.name_rules import described_by
from pipeline.cluster.trend import (
    Direction,
    Periods,
    TrendWord,
    counts,
    trend_direction,
    trend_score,
    trend_word,
)
from pipeline.detect.quotable import names_only, unquotable
from pipeline.detect.rules import KIND_CUES, cue_scores, is_question, lowered
from pipeline.embed import Vectors
from pipeline.store.models import Outcome

QUOTES = 5
MMR_LAMBDA = 0.7
# The outcomes in the order every surface shows them; a call nobody gave one is "unknown".
OUTCOME_ORDER: tuple[str, ...] = tuple(Outcome)


def outcome_shares(outcome_counts: Mapping[str, int]) -> dict[str, float]:
    """Each outcome's share of the mentions, won, lost, open then unknown: the one reading
    the API, the CLI and the web's bars give (the bars had counted unknown as open)."""
    total = sum(outcome_counts.values())
    rank = {outcome: at for at, outcome in enumerate(OUTCOME_ORDER)}
    order = sorted(outcome_counts, key=lambda o: (rank.get(o, len(rank)), o))
    return {o: round(outcome_counts[o] / total, 3) for o in order if outcome_counts[o]}


@dataclass(frozen=True)
class MentionRow:
    """One mention with the call context stats and quotes need."""

    id: int
    text: str
    call_id: int
    utterance_id: int
    speaker: str | None
    start_seconds: float | None
    call_date: dt.date | None
    account: str | None
    outcome: str
    competitor: str | None = None
    # The rivals its own sentence names (its competitor and the tags on its span); its call's
    # (deal metadata, any sentence of the call) are who the deal was against, not what it says.
    named_competitors: tuple[str, ...] = ()
    call_competitors: tuple[str, ...] = ()
    why_now: tuple[str, ...] = ()
    cluster_id: int | None = None
    role: str = "buyer"  # "rep_note": the rep's words about the buyer, not the buyer's own
    confidence: float = 1.0  # of the mention's kind (cards and quotes show confident ones first)
    title: str | None = None  # its call's: names the call where no account does (``call_names``)

    def quote(self, similarity: float | None = None) -> dict[str, Any]:
        out: dict[str, Any] = {
            "mention_id": self.id,
            "text": self.text,
            "call_id": self.call_id,
            "utterance_id": self.utterance_id,
            "speaker": self.speaker,
            "role": self.role,
            "start_seconds": self.start_seconds,
            "date": self.call_date.isoformat() if self.call_date else None,
            "account": self.account,
            "title": self.title,
            "outcome": self.outcome,
            "cluster_id": self.cluster_id,
            "confidence": round(self.confidence, 3),
        }
        if similarity is not None:
            out["similarity"] = round(similarity, 4)
        return out


class Named(BaseModel):
    name: str
    count: int


class ClusterFigures(BaseModel):
    """What marketing reads about one cluster, over the mentions that pass the filters."""

    size: int
    calls: int
    accounts: int
    first_seen: str | None
    last_seen: str | None
    weekly: list[dict[str, Any]]
    recent: int = Field(description="Mentions in the 30 days up to the latest call.")
    before: int = Field(description="Mentions in the period of equal length just before it.")
    trend: float = Field(description="(recent + 1) / (before + 1): above 1, more mentions lately.")
    trend_label: TrendWord = Field(
        default="",
        description=(
            'The trend in a word, as the dashboard says it: rising, falling, steady, "new" when'
            ' nothing came before, "" when it cannot be told (one call; calls that do not reach'
            " back over the period before, even for a theme first seen lately)."
        ),
    )
    direction: Direction = Field(
        description="up (rising), down (falling) or flat: the one rule (flat without history)."
    )
    outcomes: dict[str, float] = Field(
        description="Each outcome's share of the mentions: won, lost, open, unknown (none given)."
    )
    outcome_counts: dict[str, int]
    competitors: list[Named] = Field(
        description="Competitors its mentions name, with how many of them name each."
    )
    competitors_on_calls: list[Named] = Field(
        description=(
            "Competitors on its calls (the deal's record or any sentence of the call), with how"
            " many of its calls name each: who the deals were against, not what it says."
        )
    )
    why_now: list[Named]


def week_start(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


def weekly_counts(rows: Sequence[MentionRow]) -> list[dict[str, Any]]:
    """Mentions per ISO week (Monday), every week from first to last, zeros included."""
    days = [r.call_date for r in rows if r.call_date is not None]
    if not days:
        return []
    counts = Counter(week_start(d) for d in days)
    week, last = min(counts), max(counts)
    out: list[dict[str, Any]] = []
    while week <= last:
        out.append({"week": week.isoformat(), "count": counts.get(week, 0)})
        week += dt.timedelta(days=7)
    return out


def _ranked(counter: Counter[str]) -> list[dict[str, Any]]:
    return [
        {"name": n, "count": c} for n, c in sorted(counter.items(), key=lambda x: (-x[1], x[0]))
    ]


def mmr_quotes(
    vectors: Vectors,
    centroid: Vectors,
    count: int = QUOTES,
    lam: float = MMR_LAMBDA,
    weights: Sequence[float] | None = None,
    among: Sequence[int] | None = None,
) -> list[int]:
    """Positions of central yet diverse rows (maximal marginal relevance); ``weights`` scale
    each row's relevance (the detector's confidence, so a sure mention comes first); the first
    is the most relevant of ``among`` when given (those shown first, ``quote_tier``)."""
    if len(vectors) == 0:
        return []
    relevance = vectors @ centroid
    if weights is not None:
        relevance = relevance * np.asarray(weights, dtype=relevance.dtype)
    pool = list(among) if among else list(range(len(vectors)))
    chosen = [max(pool, key=lambda i: float(relevance[i]))]
    while len(chosen) < min(count, len(vectors)):
        redundancy = (vectors @ vectors[chosen].T).max(axis=1)
        score = lam * relevance - (1 - lam) * redundancy
        score[chosen] = -np.inf
        chosen.append(int(np.argmax(score)))
    return chosen


def unquoted(row: MentionRow) -> bool:
    """Whether a row is no quote while another is: it says nothing (``unquotable``: "Hmm.", a
    record's field) or nothing but the rivals it names (``names_only``: "And ClockBee?")."""
    return unquotable(row.text, row.role) or names_only(row.text, row.named_competitors)


def quote_weights(rows: Sequence[MentionRow]) -> list[float]:
    """How sure each row is, as a quote: its confidence; "Hmm." and "And ClockBee?" say nothing
    alone and weigh nothing (``unquoted``; a theme of these only still shows one)."""
    return [0.0 if unquoted(r) else r.confidence for r in rows]


def quote_tier(row: MentionRow, confident_at: float) -> tuple[bool, bool, bool, bool]:
    """Where a quote stands among its theme's, before how typical it is: a rep's note of the
    set-up last (``a_bare_note``), then confident ones (``confident_at``) first, then one that
    stands alone (``needs_the_turn``: "It's the only thing that matters to me." had fronted
    Integrations, "Yes, but next time maybe we are not so lucky." another), the buyer's own
    words before a rep's note. The list, the cards and
    ``cluster-show`` all lead with the same quote by it."""
    return (
        a_bare_note(row),
        row.confidence < confident_at,
        needs_the_turn(row.text),
        row.role == "rep_note",
    )


def a_bare_note(row: MentionRow) -> bool:
    """Whether a row is a rep's note that asks nothing and cues no worry, pain or category: a
    record of the buyer's set-up ("They run 1 studio, 180 members on FitLedger + Ezidebit."
    had led a theme of FitLedger objections at 0.56), however sure the detector was of it: it
    quotes no worry, so it is no confident quote of one."""
    if row.role != "rep_note" or is_question(row.text):
        return False
    cues = cue_scores(row.text)
    said = lowered(row.text)
    return not (cues.concern or any(cues.categories.values()) or KIND_CUES["pain"].search(said))


def quote_relevance(rows: Sequence[MentionRow], typical: Sequence[float]) -> list[float]:
    """How well each row stands for its theme (``typical``: its cosine to the centroid) times
    how sure it is (``quote_weights``): what ``mmr_quotes`` picks its first quote by."""
    return [t * w for t, w in zip(typical, quote_weights(rows), strict=True)]


def representative_quotes(
    rows: Sequence[MentionRow],
    vectors: Vectors | None = None,
    centroid: Vectors | None = None,
    *,
    quotes: int = QUOTES,
    confident_at: float = 0.0,
    name: str = "",
) -> list[dict[str, Any]]:
    """Central, sure yet diverse quotes when the vectors are given (relevance weighed by the
    detector's confidence), else the ``quotes`` most confident rows; shown by ``quote_tier``
    (confident ones first, from ``confident_at``), each tier in that order, led by one the
    theme's ``name`` describes (``described_by``) when its first tier has one."""
    weights = quote_weights(rows)
    tiers = [quote_tier(r, confident_at) for r in rows]
    described = [described_by(name, r.text) for r in rows]
    if vectors is not None and centroid is not None and len(rows):
        said = [i for i in range(len(rows)) if weights[i] > 0] or range(len(rows))
        best = min(tiers[i] for i in said)
        first = [i for i in said if tiers[i] == best]
        first = [i for i in first if described[i]] or first
        chosen = mmr_quotes(vectors, centroid, quotes, weights=weights, among=first)
    else:
        chosen = sorted(range(len(rows)), key=lambda i: (not described[i], -weights[i]))[:quotes]
    chosen = [i for i in chosen if weights[i] > 0] or chosen[:1]
    return [rows[i].quote() for i in sorted(chosen, key=lambda i: tiers[i])]  # stable


def cluster_stats(
    rows: Sequence[MentionRow],
    window: Periods | None = None,
    earlier: Sequence[MentionRow] = (),
) -> ClusterFigures:
    """All figures for one cluster's mentions (rows already filtered by the caller); the trend
    compares ``window``'s two periods (none without dated calls), the earlier one counting
    ``earlier`` too (the mentions a date filter left out of ``rows``)."""
    dates = [r.call_date for r in (*rows, *earlier)]
    recent, before = counts(dates, window) if window else (0, 0)
    history = window.history if window else False
    days = sorted(r.call_date for r in rows if r.call_date is not None)
    weekly = weekly_counts(rows)
    per_call: dict[int, MentionRow] = {r.call_id: r for r in rows}
    outcome_counts = Counter(r.outcome for r in rows)
    named: Counter[str] = Counter()
    on_calls: dict[int, set[str]] = {}
    for row in rows:
        named.update(set(row.named_competitors))
        on_calls.setdefault(row.call_id, set(row.call_competitors)).update(row.named_competitors)
    competitors_on_calls = Counter(name for names in on_calls.values() for name in names)
    why_now: Counter[str] = Counter()
    for row in per_call.values():
        why_now.update(set(row.why_now))
    return ClusterFigures(
        size=len(rows),
        calls=len(per_call),
        accounts=len({r.account for r in rows if r.account}),
        first_seen=days[0].isoformat() if days else None,
        last_seen=days[-1].isoformat() if days else None,
        weekly=weekly,
        recent=recent,
        before=before,
        trend=trend_score(recent, before),
        trend_label=trend_word(recent, before, len(per_call), history),
        direction=trend_direction(recent, before, len(per_call), history),
        outcomes=outcome_shares(outcome_counts),
        outcome_counts=dict(sorted(outcome_counts.items())),
        competitors=[Named(**n) for n in _ranked(named)],
        competitors_on_calls=[Named(**n) for n in _ranked(competitors_on_calls)],
        why_now=[Named(**n) for n in _ranked(why_now)],
    )
