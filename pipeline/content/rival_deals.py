"""A comparison's rival in the calls: how buyers spell it, on how many calls they named it
(the dashboard's count), and which lost deals it won.

Why: a comparison had said Aurora came up "on 5 calls" (the calls it quoted) while the
dashboard counted 10, and "Buyers we lost to Aurora" of a deal whose buyer kept an Aurora
contract and said the timing was wrong.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.brand_names import short_form
from pipeline.content.quotes import shown
from pipeline.content.rival_claims import names_winner, speaks_of
from pipeline.content.won_answers import MentionRow
from pipeline.rival_names import RivalNames
from pipeline.store.models import Call, Mention, Utterance

# A CRM column that names the deal's winner: "Lost To", "Competitor Won", "Winner".
_WINNER_COLUMNS = ("lost to", "winner", "won by", "competitor won", "winning competitor")


def rival_forms(rival: str, names: RivalNames | None = None) -> tuple[str, ...]:
    """How buyers may write the rival: its name, its short form and each alias for it."""
    forms = [rival, short_form(rival) or ""]
    if names is not None:
        forms += [a for a, target in names.aliases.items() if target.casefold() == rival.casefold()]
    return tuple(dict.fromkeys(f for f in forms if f))


def said_of_rival(rows: Sequence[MentionRow], forms: Sequence[str]) -> list[MentionRow]:
    """The mentions a comparison may quote: what a buyer says of the rival itself, with the
    sentence after it (``rival_claims.speaks_of``), not of their own work done in it; and any
    naming in a won deal, where a buyer who weighed the rival chose us."""
    return [r for r in rows if r[2].outcome == "won" or speaks_of(shown(r, goes_on=True), forms)]


def calls_naming(session: Session, rival: str, *segment: Any) -> int:
    """The calls whose buyers named the rival, counted as the dashboard counts them."""
    return int(
        session.scalar(
            select(func.count(func.distinct(Mention.call_id)))
            .join(Call, Mention.call_id == Call.id)
            .where(func.lower(Mention.competitor) == rival.lower(), Mention.excluded.is_(False))
            .where(*segment)
        )
        or 0
    )


def won_by(session: Session, call_ids: Iterable[int], forms: Sequence[str]) -> set[int]:
    """The lost deals among ``call_ids`` that the rival won: a line or note of the call says
    so ("Went with OpenSolar"), or a CRM column naming the winner names it. A rival merely
    on the call, or a contract with it that ran on, is no win."""
    lost = session.scalars(
        select(Call).where(Call.id.in_(sorted(set(call_ids))), Call.outcome == "lost")
    ).all()
    won: set[int] = set()
    for call in lost:
        columns = (call.extra or {}).get("columns") or {}
        named = [
            str(value)
            for key, value in columns.items()
            if any(c in str(key).casefold() for c in _WINNER_COLUMNS)
        ]
        if any(f.casefold() in value.casefold() for value in named for f in forms):
            won.add(call.id)
            continue
        lines = session.scalars(select(Utterance.text).where(Utterance.call_id == call.id))
        if any(names_winner(line, forms) for line in lines):
            won.add(call.id)
    return won
