"""Confident detections that read oddly, sampled into the review queue: a sentence the detector
is sure of is above every doubt the queue ranks by (``queue.py``), so a confident mistake is never
asked and goes on to be published (review 24o: praise filed as a competitor objection at 0.73 and
quoted under "Why pick you over <rival>"; a lost deal's price answer filed as small talk at 0.99).

Four things make a confident detection odd, each a contradiction between the kind or category
and the sentence's own words:

- a ``competitor`` objection in which no rival is named or tagged;
- an objection whose sentence carries praise ("the thing my managers keep asking about");
- ``other`` right after a rep's question about price or terms, with a price or contract word;
- ``other`` that strong signals contradict: the learnt model, a rival, a word of judgement, a
  cue of another kind (``contradicted.py``; walk 3: "PharmStock's reorder suggestions are
  rubbish." other at 0.8).

The rule: every ``ODD_EVERY``-th question of the queue, counting the answers already given, is
an odd detection while any is left, so the review page, which shows one at a time, asks one
after every four doubts; a batch of 30 holds six. The first three (the surest first) take turns
with the contradicted ``other``s (the most contradicted first), and the batch is spread over
calls and themes as the doubts are (``queue.spread``). Kept apart from the doubt order (K5's
kind and category doubts) so that each can change on its own.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.detect.asides import carries_praise
from pipeline.detect.classify import KINDS
from pipeline.detect.contradicted import OtherVerdict, most_contradicted
from pipeline.detect.features import Matrix
from pipeline.detect.queue import spread, take_turns
from pipeline.detect.rules import CATEGORY_CUES, lowered
from pipeline.embed import Embedder, embed_cached
from pipeline.store.models import Mention, Utterance

ODD_EVERY = 5
POOL_PER_QUESTION = 20  # odd candidates read (the likeliest first) per odd question asked
OTHER_POOL = 5000  # the newest sure ``other``s read per request (pages stay fast at 100k)
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
    tagged = _rival_tagged(session)
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


def contradicted_others(session: Session, sure_at: float, threshold: float) -> list[int]:
    """The ids of the unanswered confident ``other``s of buyers that strong signals contradict
    (``contradicted.py``) among the newest ``OTHER_POOL``, the most contradicted first."""
    rows = session.execute(
        select(
            Mention.id,
            Mention.text,
            Mention.objection_probability,
            Mention.competitor,
            Mention.utterance_id,
            Mention.char_start,
        )
        .join(Utterance, Utterance.id == Mention.utterance_id)
        .where(
            Mention.kind == "other",
            Mention.source != "user",
            Mention.confidence >= sure_at,
            Utterance.role == "buyer",
        )
        .order_by(Mention.id.desc())
        .limit(OTHER_POOL)
    ).all()
    tagged = _rival_tagged(session)
    verdicts = {
        int(r[0]): OtherVerdict(
            str(r[1]),
            None if r[2] is None else float(r[2]),
            bool(r[3]) or (int(r[4]), int(r[5])) in tagged,
        )
        for r in rows
    }
    return most_contradicted(verdicts, threshold)


def with_odd_detections(
    session: Session,
    picked: Sequence[int],
    limit: int,
    sure_at: float,
    *,
    threshold: float,
    embedder: Embedder,
    taken: Matrix | None = None,
) -> list[int]:
    """The queue's mention ids: ``picked`` (the doubts, best first) with the odd detections
    interleaved at the module's rate, spread over calls and themes (none near ``taken``, the
    vectors of the sentences answered and picked)."""
    given = int(
        session.scalar(
            select(func.count(Mention.id)).where(Mention.source == "user", Mention.kind.in_(KINDS))
        )
        or 0
    )
    contradicted = contradicted_others(session, sure_at, threshold)
    # a sure ``other`` is among the doubts only as a fill-in, nearest the threshold: it is asked
    # at its odd slot instead, before the plain sure sentences
    left = set(contradicted)
    picked = [i for i in picked if i not in left]
    chosen = set(picked)
    odd = take_turns([i for i in odd_detections(session, sure_at) if i not in chosen], contradicted)
    wanted = sum(1 for i in interleave(picked, odd, given, limit) if i not in chosen)
    odd = _spread(session, embedder, odd[: max(1, wanted) * POOL_PER_QUESTION], wanted, taken)
    return interleave(picked, odd, given, limit)


def _spread(
    session: Session, embedder: Embedder, ids: Sequence[int], count: int, taken: Matrix | None
) -> list[int]:
    """``count`` of ``ids`` in order, spread over calls and themes (``queue.spread``)."""
    if count <= 0 or not ids:
        return []
    rows = {
        int(r[0]): (int(r[1]), str(r[2]))
        for r in session.execute(
            select(Mention.id, Mention.call_id, Mention.text).where(Mention.id.in_(ids))
        )
    }
    kept = [i for i in ids if i in rows]
    vectors = embed_cached(session, embedder, [rows[i][1] for i in kept])
    order = spread(range(len(kept)), [rows[i][0] for i in kept], vectors, count, taken)
    return [kept[j] for j in order]


def _rival_tagged(session: Session) -> set[tuple[int, int]]:
    """Where a competitor tag sits: (utterance id, char start) of each tagged sentence."""
    return {
        (int(r[0]), int(r[1]))
        for r in session.execute(
            select(Mention.utterance_id, Mention.char_start).where(Mention.kind == "competitor")
        )
    }


def _rep_turn_before(session: Session, call_id: int, seq: int) -> str:
    """The turn right before ``seq`` in its call when the rep said it, else ""."""
    row = session.execute(
        select(Utterance.role, Utterance.text).where(
            Utterance.call_id == call_id, Utterance.seq == seq - 1
        )
    ).first()
    return str(row[1]) if row is not None and row[0] == "rep" else ""
