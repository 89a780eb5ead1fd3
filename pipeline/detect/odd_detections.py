"""Confident detections that read oddly, sampled into the review queue: a sentence the detector
is sure of is above every doubt the queue ranks by (``queue.py``), so a confident mistake is never
asked and goes on to be published (review 24o: praise filed as a competitor objection at 0.73 and
quoted under "Why pick you over <rival>"; a lost deal's price answer filed as small talk at 0.99).

Three things make a confident detection odd, each a contradiction between the kind or category
and the sentence's own words:

- a ``competitor`` objection in which no rival is named or tagged;
- an objection whose sentence carries praise ("the thing my managers keep asking about");
- ``other`` right after a rep's question about price or terms, with a price or contract word.

The rule: every ``ODD_EVERY``-th question of the queue, counting the answers already given, is
an odd detection while any is left (the surest first), so the review page, which shows one at a
time, asks one after every four doubts; a batch of 30 holds six. Kept apart from the doubt order
(K5's kind and category doubts) so that each can change on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.detect.asides import carries_praise
from pipeline.detect.classify import KINDS
from pipeline.detect.rules import CATEGORY_CUES, lowered
from pipeline.store.models import Mention, Utterance

ODD_EVERY = 5
_TERMS = ("price", "contract")
Item = TypeVar("Item")


@dataclass(frozen=True)
class Detected:
    """What the rule reads of one stored sentence."""

    kind: str
    category: str | None
    text: str
    confidence: float
    rival_named: bool  # the sentence names a rival or carries a competitor tag
    rep_before: str = ""  # the rep's turn right before the sentence's turn ("" when none)


def odd_reason(detected: Detected, sure_at: float) -> str | None:
    """Why a confident detection reads oddly, or None (a doubtful one is the doubt queue's)."""
    if detected.confidence < sure_at:
        return None
    if detected.kind == "objection" and detected.category == "competitor":
        if not detected.rival_named:
            return "a competitor objection that names no rival"
    if detected.kind == "objection" and carries_praise(detected.text):
        return "an objection that carries praise"
    if detected.kind == "other" and asks_about_terms(detected.rep_before):
        if _names_terms(detected.text):
            return "small talk naming a price or term after the rep asked about them"
    return None


def asks_about_terms(rep_turn: str) -> bool:
    """A rep's turn that asks about price or terms ("Was price the main factor?")."""
    return "?" in rep_turn and _names_terms(rep_turn)


def _names_terms(text: str) -> bool:
    said = lowered(text)
    return any(CATEGORY_CUES[name].search(said) for name in _TERMS)


def interleave(picked: Sequence[Item], odd: Sequence[Item], given: int, limit: int) -> list[Item]:
    """``limit`` items: ``picked`` in order, with the next of ``odd`` at every ``ODD_EVERY``-th
    question counting the ``given`` answers; either list fills in when the other runs out."""
    out: list[Item] = []
    doubts, odds = list(picked), list(odd)
    while len(out) < limit and (doubts or odds):
        slot = given + len(out)
        take_odd = odds and (slot % ODD_EVERY == ODD_EVERY - 1 or not doubts)
        out.append(odds.pop(0) if take_odd else doubts.pop(0))
    return out


def odd_detections(session: Session, sure_at: float) -> list[int]:
    """The ids of the unanswered confident detections that read oddly, the surest first."""
    rows = session.execute(
        select(Mention, Utterance.call_id, Utterance.seq)
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(
            Mention.kind.in_(("objection", "other")),
            Mention.source != "user",
            Mention.confidence >= sure_at,
            Utterance.role == "buyer",  # a rep's note line is never asked (``ASKED_ROLES``)
        )
    ).all()
    tagged = {
        (int(r[0]), int(r[1]))
        for r in session.execute(
            select(Mention.utterance_id, Mention.char_start).where(Mention.kind == "competitor")
        )
    }
    odd: list[tuple[float, int]] = []
    for mention, call_id, seq in rows:
        if mention.kind == "other" and not _names_terms(mention.text):
            continue  # no need to read the rep's turn
        detected = Detected(
            mention.kind,
            mention.category,
            mention.text,
            float(mention.confidence),
            bool(mention.competitor) or (mention.utterance_id, mention.char_start) in tagged,
            _rep_turn_before(session, call_id, seq) if mention.kind == "other" else "",
        )
        if odd_reason(detected, sure_at) is not None:
            odd.append((-float(mention.confidence), int(mention.id)))
    return [mention_id for _, mention_id in sorted(odd)]


def with_odd_detections(
    session: Session, picked: Sequence[int], limit: int, sure_at: float
) -> list[int]:
    """The queue's mention ids: ``picked`` (the doubts, best first) with the odd detections
    interleaved at the module's rate."""
    given = session.scalar(
        select(func.count(Mention.id)).where(Mention.source == "user", Mention.kind.in_(KINDS))
    )
    chosen = set(picked)
    odd = [i for i in odd_detections(session, sure_at) if i not in chosen]
    return interleave(picked, odd, int(given or 0), limit)


def _rep_turn_before(session: Session, call_id: int, seq: int) -> str:
    """The turn right before ``seq`` in its call when the rep said it, else ""."""
    row = session.execute(
        select(Utterance.role, Utterance.text).where(
            Utterance.call_id == call_id, Utterance.seq == seq - 1
        )
    ).first()
    return str(row[1]) if row is not None and row[0] == "rep" else ""
