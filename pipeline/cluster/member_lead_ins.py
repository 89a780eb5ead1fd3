"""The lead-in of each member of a theme that cannot stand alone, for the lists that show every
member (a theme page's all-quotes table, ``cluster-show --json``'s ``mentions``): "Which
happened. Twice." had been listed bare there while the theme's chosen quotes had their lead-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.lead_ins import needs_lead_in, shown_lead_in
from pipeline.cluster.refused_asks import asked_lead_ins
from pipeline.cluster.stats import MentionRow
from pipeline.quote_shape import stands_alone
from pipeline.store.models import Mention, Utterance


def member_lead_ins(session: Session, rows: Sequence[MentionRow]) -> dict[int, str]:
    """Each mention of ``rows`` that needs a lead-in mapped to its turn's words before it
    (``lead_ins.shown_lead_in``), or to the buyer's question when it needs what the rep said
    no to (``refused_asks``), its own words shown as they are; turns are read only for the few
    that lean back, not for every member."""
    wanting = [r.id for r in rows if needs_lead_in(r.text) or not stands_alone(r.text)]
    if not wanting:
        return {}
    found = session.execute(
        select(
            Mention.id,
            Mention.text,
            Mention.char_start,
            Mention.char_end,
            Utterance.text,
            Mention.utterance_id,
        )
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Mention.id.in_(wanting))
    ).all()
    leads = {
        mention_id: shown_lead_in(turn, start, text)
        for mention_id, text, start, end, turn, _ in found
        if turn[start:end] == text and needs_lead_in(text)
    }
    # one that needs what the rep said no to leans on the buyer's question (``refused_asks``)
    leads = asked_lead_ins(session, {r[0]: (r[1], r[5], r[2]) for r in found}, leads)
    return {mention_id: lead for mention_id, lead in leads.items() if lead}


def with_lead_ins(session: Session, rows: Sequence[MentionRow]) -> list[dict[str, Any]]:
    """``rows`` as quotes (``MentionRow.quote``), each with its ``lead_in`` ("" when it reads
    alone or its turn says nothing before it)."""
    leads = member_lead_ins(session, rows)
    return [{**r.quote(), "lead_in": leads.get(r.id, "")} for r in rows]
