"""The lead-in of each member of a theme that cannot stand alone, for the lists that show every
member (a theme page's all-quotes table, ``cluster-show --json``'s ``mentions``): "Which
happened. Twice." had been listed bare there while the theme's chosen quotes had their lead-in."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.lead_ins import needs_lead_in, shown_lead_in
from pipeline.cluster.stats import MentionRow
from pipeline.store.models import Mention, Utterance


def member_lead_ins(session: Session, rows: Sequence[MentionRow]) -> dict[int, str]:
    """Each mention of ``rows`` that needs a lead-in mapped to its turn's words before it
    (``lead_ins.shown_lead_in``), its own words shown as they are; turns are read only for
    the few short ones that may need one, not for every member."""
    wanting = [r.id for r in rows if needs_lead_in(r.text)]
    if not wanting:
        return {}
    found = session.execute(
        select(Mention.id, Mention.text, Mention.char_start, Mention.char_end, Utterance.text)
        .join(Utterance, Mention.utterance_id == Utterance.id)
        .where(Mention.id.in_(wanting))
    ).all()
    leads = {
        mention_id: shown_lead_in(turn, start, text)
        for mention_id, text, start, end, turn in found
        if turn[start:end] == text
    }
    return {mention_id: lead for mention_id, lead in leads.items() if lead}


def with_lead_ins(session: Session, rows: Sequence[MentionRow]) -> list[dict[str, Any]]:
    """``rows`` as quotes (``MentionRow.quote``), each with its ``lead_in`` ("" when it reads
    alone or its turn says nothing before it)."""
    leads = member_lead_ins(session, rows)
    return [{**r.quote(), "lead_in": leads.get(r.id, "")} for r in rows]
