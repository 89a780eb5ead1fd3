"""What worked: the rep's statement right after a buyer's objection in a deal that was won,
kept with the objection it answered so a document pairs the worry with its own reply."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.queries import cached_vector, closeness
from pipeline.detect.rules import find_competitors
from pipeline.store.models import Call, Mention, Utterance

MentionRow = tuple[Mention, Utterance, Call]

ANSWERS_PER_CLUSTER = 2
MIN_ANSWER_WORDS = 6
REPLY_WINDOW = 3  # turns after the objection in which the rep's reply is looked for
_SENTENCE_RE = re.compile(r"[^.!?]+[.!?]*")


@dataclass(frozen=True)
class WonAnswer:
    """A rep's reply (``text``: its statement, without the question it ends on) and the buyer
    objection it followed."""

    reply: Utterance
    text: str
    call: Call
    objection: MentionRow


def answer_text(text: str) -> str | None:
    """A rep's reply without the question it ends on ("... How many sites do you have?"): the
    verbatim statement before it, or None when there is too little of one."""
    sentences = [s for s in _SENTENCE_RE.findall(text.strip()) if s.strip()]
    while sentences and sentences[-1].rstrip().endswith("?"):
        sentences.pop()
    kept = "".join(sentences).strip()
    return kept if len(kept.split()) >= MIN_ANSWER_WORDS else None


def answers_in_won_deals(
    session: Session,
    rows: Sequence[MentionRow],
    limit: int,
    *,
    confident_at: float,
    order: Callable[[MentionRow], Any] | None = None,
) -> list[WonAnswer]:
    """The rep's statements right after confident buyer objections in won calls (the last
    objection of its turn), in ``order`` of the objections (default: the most confident
    first): a reply to a sentence the detector only guessed was an objection ("the overtime
    alone was a few hundred bucks" at 0.21) answers something else."""
    won = sorted(
        (
            r
            for r in rows
            if r[2].outcome == "won"
            and r[0].kind == "objection"
            and r[1].role == "buyer"
            and r[0].confidence >= confident_at
        ),
        key=order or (lambda r: (-r[0].confidence, r[0].id)),
    )
    # Of a turn's objections the rep answered the last: "And what am I paying ClockBee now...
    # forty-something. So I'm going up a lot." got "You are, but...".
    last: dict[int, MentionRow] = {}
    for row in won:
        kept = last.get(row[1].id)
        if kept is None or row[0].char_start > kept[0].char_start:
            last[row[1].id] = row
    won = [row for row in won if last[row[1].id] is row]
    if not won:
        return []
    reps: dict[tuple[int, int], Utterance] = {
        (u.call_id, u.seq): u
        for u in session.scalars(
            select(Utterance).where(
                Utterance.call_id.in_({r[2].id for r in won}), Utterance.role == "rep"
            )
        )
    }
    answers: list[WonAnswer] = []
    seen: set[int] = set()
    for row in won:
        _mention, utterance, call = row
        reply = next(
            (
                reps[(call.id, seq)]
                for seq in range(utterance.seq + 1, utterance.seq + 1 + REPLY_WINDOW)
                if (call.id, seq) in reps
            ),
            None,
        )
        said = answer_text(reply.text) if reply is not None else None
        if reply is not None and said is not None and reply.id not in seen:
            answers.append(WonAnswer(reply, said, call, row))
            seen.add(reply.id)
        if len(answers) >= limit:
            break
    return answers


BORROW_POOL = 20  # won-deal replies of other segments weighed for a segment none answered


def borrowed_answer(
    session: Session, rows: Sequence[MentionRow], worry: str | None, *, confident_at: float
) -> list[WonAnswer]:
    """For a segment whose won deals never answered a theme: the won-deal reply from any
    segment (``rows``: the theme's mentions everywhere) whose objection is nearest in meaning
    to the segment's ``worry``, never one naming a competitor the worry does not name ("And
    I'd need to move everything over from RotaPro" had been answered by a ClockBee migration
    reply). Nearness comes from cached vectors, so no model is loaded."""
    answers = answers_in_won_deals(session, rows, BORROW_POOL, confident_at=confident_at)
    if not answers or worry is None:
        return answers[:1]
    known = {name for r in rows for name in (r[2].competitors or [])}
    known |= {r[0].competitor for r in rows if r[0].competitor}
    named = names_in(worry, known)
    fitting = [a for a in answers if names_in(a.text, known) <= named]
    vector = cached_vector(session, worry)
    if vector is not None:
        near = closeness(session, vector, [a.objection[0].text for a in fitting])
        fitting.sort(key=lambda a: -near.get(a.objection[0].text, -1.0))
    return fitting[:1]


def names_in(text: str, known: set[str]) -> set[str]:
    """The ``known`` competitor names ``text`` says (lower case)."""
    return {hit.name.casefold() for hit in find_competitors(text, sorted(known)) if hit.known}
