"""Detected mentions read with their utterance and call, as the evidence pack cites them: the
one query behind a theme's quotes, the sentences around a rival's name and the praise of us."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.content.won_answers import MentionRow
from pipeline.store.models import Call, Mention, Utterance


def mention_rows(
    session: Session, *conditions: Any, order_by: Sequence[Any] = (Mention.id,)
) -> list[MentionRow]:
    """The mentions no user excluded that meet ``conditions`` (on the three tables)."""
    stmt = (
        select(Mention, Utterance, Call)
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .join(Call, Mention.call_id == Call.id)
        .where(Mention.excluded.is_(False), *conditions)
        .order_by(*order_by)
    )
    return [(row[0], row[1], row[2]) for row in session.execute(stmt)]


def buyer_sentences(
    session: Session, *conditions: Any, order_by: Sequence[Any]
) -> list[MentionRow]:
    """The buyer's detected sentences that meet ``conditions``, in ``order_by``, each once: a
    rival's tag on a sentence is a second mention of it (the first by id is kept)."""
    rows = mention_rows(
        session, Utterance.role == "buyer", *conditions, order_by=(*order_by, Mention.id)
    )
    seen: set[tuple[int, int]] = set()
    sentences: list[MentionRow] = []
    for row in rows:
        if (row[1].id, row[0].char_start) not in seen:
            seen.add((row[1].id, row[0].char_start))
            sentences.append(row)
    return sentences
