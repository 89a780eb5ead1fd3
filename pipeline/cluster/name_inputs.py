"""What the theme namer reads of a quote's turn beside its words: who said it (a rep's line
names a theme last, ``buyer_words``) and the rep's question it answers (``answered``).

Why: only a full re-cluster had read them; a merge, a split and a theme new calls opened named
a theme of answers ("Three hours.") by its fragments or "Problems buyers raise", and by a
rep's note over its buyers' lines. Every path that names a theme reads them here.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.answered import fragment_questions
from pipeline.store.models import Mention, Utterance


def said_by(
    session: Session, groups: Sequence[Sequence[Mention]]
) -> tuple[list[list[str]], list[list[str | None]]]:
    """Per group, who said each mention's turn (``Utterance.role``) and the rep's question it
    answers (``fragment_questions``: read for fragments only), as a re-cluster reads them."""
    ids = {m.utterance_id for group in groups for m in group}
    rows = session.execute(select(Utterance.id, Utterance.role).where(Utterance.id.in_(ids)))
    role = {int(uid): str(r) for uid, r in rows}
    roles = [[role.get(m.utterance_id, "") for m in group] for group in groups]
    answered = fragment_questions(
        session, [[(m.text, m.utterance_id) for m in group] for group in groups]
    )
    return roles, answered
