"""The mentions a full re-cluster of one kind groups: every one not excluded that says
something, with what its name, walls and grouping vector read (``recluster.full_cluster``)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.detect.rules import says_nothing
from pipeline.store.models import Mention, Utterance


def kind_rows(session: Session, kind: str) -> tuple[list[Any], int]:
    """The rows (id, text, cluster id, category, call id, confidence, competitor, utterance
    id, role, char start) of ``kind``'s mentions that say something (``drop_silent``), by id,
    and how many said nothing."""
    rows = session.execute(
        select(
            Mention.id,
            Mention.text,
            Mention.cluster_id,
            Mention.category,
            Mention.call_id,
            Mention.confidence,
            Mention.competitor,
            Mention.utterance_id,
            Utterance.role,
            Mention.char_start,
        )
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Mention.kind == kind, Mention.excluded.is_(False))
        .order_by(Mention.id)
    ).all()
    said = drop_silent(session, rows)
    return said, len(rows) - len(said)


def drop_silent(session: Session, rows: Sequence[Any]) -> list[Any]:
    """The rows (mention id, text, cluster id, ...) of mentions that say something; those that
    say nothing alone ("Hmm." after a price) join no theme, and leave any they were in: six
    "Hmm." had counted in the price theme, and a finer grain made them a theme of their own."""
    silent = [int(r[0]) for r in rows if says_nothing(str(r[1]))]
    if silent:
        for start in range(0, len(silent), 5000):
            session.execute(
                update(Mention)
                .where(Mention.id.in_(silent[start : start + 5000]))
                .values(cluster_id=None)
            )
    return [r for r in rows if not says_nothing(str(r[1]))]
