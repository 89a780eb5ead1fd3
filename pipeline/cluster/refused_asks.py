"""The buyer's question a need said after the rep's no points back to: "That's the one thing
I'd need." after "Not yet." stands for "Does it work offline in the plant rooms?".

Why: such needs from four calls made one theme "Missing feature" quoted by "That's the one
thing we'd need, honestly.", which says nothing of what is needed; its "that" is a turn before
the rep's. A theme groups and names them by that question, and shows it as their lead-in.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping, Sequence
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.detect.after_answer import refused_question
from pipeline.detect.classify import SentenceInput
from pipeline.detect.labels import context_text
from pipeline.quote_shape import stands_alone
from pipeline.store.models import Utterance

# Earlier turns looked at for a fragment that opens its turn: the turn just before may say
# nothing ("Mm-hm."), the one before that says what the buyer goes on about.
TURNS_BACK = 3
_CHUNK = 5000


def refused_asks(session: Session, said: Sequence[tuple[str, int, int]]) -> dict[int, str]:
    """Of mentions as (text, utterance id, start in its turn), the buyer's question each one
    that leans back (``stands_alone`` not) needs what the rep just said no to, by position
    (``after_answer.refused_question``): the turn two back, the rep's turn between."""
    wanting = [p for p, (text, _, _) in enumerate(said) if not stands_alone(text)]
    if not wanting:
        return {}
    earlier = turns_before(session, {said[p][1] for p in wanting})
    turns = turn_texts(session, {said[p][1] for p in wanting} | _ids(earlier))
    roles = _roles(session, _ids(earlier))
    found: dict[int, str] = {}
    for p in wanting:
        text, utterance_id, start = said[p]
        before = earlier.get(utterance_id, [])[:2]
        turn = turns.get(utterance_id, "")
        if len(before) < 2 or turn[start : start + len(text)] != text:
            continue
        rep, asker = before
        if roles.get(rep) != "rep" or roles.get(asker) == "rep":
            continue
        sentence = SentenceInput(
            text, turn, context_text(turns.get(rep, "")), asked=turns.get(asker, "")
        )
        if (question := refused_question(sentence)) is not None:
            found[p] = question
    return found


def naming_texts(
    session: Session, groups: Sequence[Sequence[tuple[str, int, int]]]
) -> list[list[str]]:
    """Per group of mentions as (text, utterance id, start), the words each names its theme
    by: the question a need after the rep's no needs (``refused_asks``: "Does it work offline
    in the plant rooms?" names the theme of "That's the one thing I'd need."), else its own."""
    flat = [said for group in groups for said in group]
    asked = refused_asks(session, flat)
    texts = [asked.get(p, said[0]) for p, said in enumerate(flat)]
    ends = [0]
    for group in groups:
        ends.append(ends[-1] + len(group))
    return [texts[ends[i] : ends[i + 1]] for i in range(len(groups))]


def asked_lead_ins(
    session: Session, said: Mapping[int, tuple[str, int, int]], leads: Mapping[int, str]
) -> dict[int, str]:
    """``leads`` (by mention id) with, for each mention of ``said`` (text, utterance id,
    start) that has none and needs what the rep said no to, the buyer's question it needs as
    its lead-in (``refused_asks``): shown as context, never part of the quote."""
    bare = [m for m in said if not leads.get(m)]
    asked = refused_asks(session, [said[m] for m in bare])
    return {**leads, **{bare[p]: question for p, question in asked.items()}}


def _ids(earlier: dict[int, list[int]]) -> set[int]:
    return {u for ids in earlier.values() for u in ids}


def _column(session: Session, column: Any, utterance_ids: set[int]) -> dict[int, str]:
    """One column of each utterance, by id (read in chunks)."""
    wanted = sorted(utterance_ids)
    found: dict[int, str] = {}
    for start in range(0, len(wanted), _CHUNK):
        rows = session.execute(
            select(Utterance.id, column).where(Utterance.id.in_(wanted[start : start + _CHUNK]))
        )
        found.update((int(u), str(value)) for u, value in rows)
    return found


def _roles(session: Session, utterance_ids: set[int]) -> dict[int, str]:
    return _column(session, Utterance.role, utterance_ids)


def turn_texts(session: Session, utterance_ids: set[int]) -> dict[int, str]:
    """Each utterance's text, by id (read in chunks)."""
    return _column(session, Utterance.text, utterance_ids)


def turns_before(session: Session, utterance_ids: set[int]) -> dict[int, list[int]]:
    """Each utterance's ``TURNS_BACK`` turns before it in its call, nearest first (ids only: a
    call's text is read for the few turns a fragment leans on)."""
    if not utterance_ids:
        return {}
    where: list[tuple[int, int, int]] = []
    wanted = sorted(utterance_ids)
    for start in range(0, len(wanted), _CHUNK):
        where.extend(
            (int(u), int(c), int(s))
            for u, c, s in session.execute(
                select(Utterance.id, Utterance.call_id, Utterance.seq).where(
                    Utterance.id.in_(wanted[start : start + _CHUNK])
                )
            )
        )
    calls = sorted({c for _, c, _ in where})
    order: dict[int, list[tuple[int, int]]] = {}  # per call, (seq, id) of every turn, in order
    for start in range(0, len(calls), _CHUNK):
        for c, s, u in session.execute(
            select(Utterance.call_id, Utterance.seq, Utterance.id)
            .where(Utterance.call_id.in_(calls[start : start + _CHUNK]))
            .order_by(Utterance.call_id, Utterance.seq, Utterance.id)
        ):
            order.setdefault(int(c), []).append((int(s), int(u)))
    before: dict[int, list[int]] = {}
    for u, c, s in where:
        turns = order.get(c, [])
        at = bisect_left(turns, (s, u))
        before[u] = [turn for _, turn in reversed(turns[max(0, at - TURNS_BACK) : at])]
    return before
