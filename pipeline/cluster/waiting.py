"""Mentions that fit no theme wait (``incremental``). When enough of a kind's waiting mentions
are close to each other they become a theme of their own: the waiting pool alone is clustered as
a full re-cluster clusters the kind (same space, walls, grain and floor), and a group whose
members sit near each other's centre (``bounds.close_to_each_other``) and is as large as a theme
of that kind must be (``theme_floor``) is stored as a new theme. No other theme moves, so ids,
names and user edits stay as they are; the next full re-cluster takes the new theme in like any.

Why: dog groomers' no-shows had joined "How long payroll takes" (a fixed cosine let them in),
and a full re-cluster for every three waiting mentions re-clustered most uploads."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import SAMPLE_SIZE
from pipeline.cluster.bounds import close_to_each_other
from pipeline.cluster.categories import (
    TOPIC_PRIOR_KINDS,
    UNCATEGORISED_KINDS,
    cluster_by_category,
    stored_scale,
    theme_floor,
    walled_kind,
    with_category,
)
from pipeline.cluster.incremental import new_theme
from pipeline.cluster.index import mention_vectors
from pipeline.cluster.problems import with_turn_context
from pipeline.cluster.state import drift_warrants, unthemed_mentions
from pipeline.detect.rules import says_nothing
from pipeline.embed import Vectors
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace

ALL = "*"  # ``theme_needs`` of the whole kind, not of one category


@dataclass(frozen=True)
class Waiting:
    """What theming a kind's waiting mentions did: ``themes`` made of ``placed`` mentions;
    ``waiting``: those still in no theme; ``needs``: the mentions (turns, for pains) of one
    thing a theme of this kind needs."""

    themes: int = 0
    placed: int = 0
    waiting: int = 0
    needs: int = 0


def waiting_mentions(session: Session, kind: str) -> list[Mention]:
    """The kind's mentions in no theme that could be in one: not marked "not an objection",
    and saying something alone ("Hmm." is in no theme by choice)."""
    pool = session.scalars(
        select(Mention)
        .where(Mention.kind == kind, Mention.excluded.is_(False), Mention.cluster_id.is_(None))
        .order_by(Mention.id)
    )
    return [m for m in pool if not says_nothing(m.text)]


def theme_needs(session: Session, kind: str, category: str | None = ALL) -> int:
    """How many mentions of one thing a theme of ``kind`` needs: its ``theme_floor`` for as many
    rows as a full re-cluster would score (the category's, for a walled kind, given one; in
    turns for pains), so a theme made here is no smaller than one a re-cluster would keep."""
    live = select(func.count(Mention.id)).where(Mention.kind == kind, Mention.excluded.is_(False))
    if walled_kind(kind) and category != ALL:
        live = live.where(
            Mention.category.is_(None) if not category else Mention.category == category
        )
    rows = int(session.scalar(live) or 0)
    return theme_floor(kind)(min(rows, SAMPLE_SIZE))


def theme_waiting(
    workspace: Workspace, session: Session, kind: str, last: dict[str, Any] | None = None
) -> Waiting:
    """Make new themes of the kind's waiting mentions that are close to each other and enough
    (``last``: the kind's cluster state, for its grain). Nothing happens before the kind has
    themes at all: its first full clustering takes every mention."""
    pool = waiting_mentions(session, kind)
    has_themes = session.scalar(
        select(Cluster.id).where(Cluster.kind == kind, Cluster.status == "active").limit(1)
    )
    if not pool or has_themes is None:
        return Waiting(waiting=len(pool), needs=theme_needs(session, kind))
    vectors = mention_vectors(workspace, session, pool)
    categories = [m.category for m in pool]
    space, walls = vectors, categories
    if kind in TOPIC_PRIOR_KINDS:
        space, walls = with_category(vectors, categories), [None] * len(pool)
    turns = [m.utterance_id for m in pool] if kind in UNCATEGORISED_KINDS else None
    if turns is not None:
        space = with_turn_context(vectors, turns)
    found = cluster_by_category(
        space,
        walls,
        [m.id for m in pool],
        scale=stored_scale(kind, last or {}),
        walled=walled_kind(kind),
        floor=theme_floor(kind),
        turns=turns,
    )
    themes = placed = 0
    for group in found.groups:
        members = _close_members(vectors, group)
        category = walls[group[0]] if walled_kind(kind) else None
        needs = theme_needs(session, kind, category)
        told = len({pool[p].utterance_id for p in members}) if turns else len(members)
        if told < needs:
            continue
        new_theme(session, kind, [pool[p] for p in members], vectors[members])
        themes, placed = themes + 1, placed + len(members)
    session.flush()
    return Waiting(themes, placed, len(pool) - placed, theme_needs(session, kind))


def _close_members(vectors: Vectors, group: Sequence[int]) -> list[int]:
    """The group's rows that sit near the centre of the others (``close_to_each_other``), once
    more after the strays are gone: every group is whole (k-means leaves no row out), so a few
    unrelated waiting mentions folded together must not pass for a theme."""
    rows = list(group)
    for _ in range(2):
        if len(rows) < 2:
            return []
        fits = close_to_each_other(vectors[rows])
        rows = [row for row, fit in zip(rows, fits, strict=True) if fit]
    return rows


def new_waiting(waiting: int, last: dict[str, Any]) -> int:
    """Waiting mentions since the last full re-cluster (those it left are not new)."""
    return max(0, waiting - int(last.get("waiting", 0)))


def unthemed_info(session: Session, kind: str, state: dict[str, Any]) -> dict[str, Any]:
    """The kind's confident mentions in no theme (``mentions``), said where a marketer looks;
    ``due``: the next analysis re-clusters the kind in full; else they wait until ``waits_for``
    of them say one thing (``theme_needs``), or a re-cluster asked for."""
    return {
        "kind": kind,
        "mentions": unthemed_mentions(session, kind),
        "due": drift_warrants(session, kind, state),
        "waits_for": theme_needs(session, kind),
    }
