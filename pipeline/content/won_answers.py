"""What worked: the rep's statement right after a buyer's objection in a deal that was won,
kept with the objection it answered so a document pairs the worry with its own reply."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.content.pairing import about_the_same, answers_another_line
from pipeline.content.profile import content_words
from pipeline.content.topics import asks_about_topic, topics_named
from pipeline.detect.competitors import find_competitors
from pipeline.detect.sentences import quote_text, split_sentences
from pipeline.embed import Embedder
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
    embedder: Embedder | None = None,
) -> list[WonAnswer]:
    """The rep's statements right after buyer objections in won calls (the last objection of
    its turn), in ``order`` of the objections (default: the most confident first).

    A confident objection's reply counts; an uncertain one's only when the reply takes it up
    (``takes_up``): "Exactly, and the hours you spend on Sunday night" followed "the overtime
    alone was a few hundred bucks" (read at 0.21) and answers nothing, while "Staffly is a
    bigger HR suite, so the setup is bigger" answers "They wanted a three-week implementation"
    (read at 0.28). A reply on another topic than the objection's is no answer to it
    (``on_its_topic``; by meaning too with an ``embedder``)."""
    won = [
        r
        for r in rows
        if r[2].outcome == "won" and r[0].kind == "objection" and r[1].role == "buyer"
    ]
    if not won:
        return []
    turns: dict[tuple[int, int], Utterance] = {
        (u.call_id, u.seq): u
        for u in session.scalars(
            select(Utterance).where(Utterance.call_id.in_({r[2].id for r in won}))
        )
    }
    replies = {row[1].id: reply_to(row[1], turns) for row in won}

    def counts(row: MentionRow) -> bool:
        reply = replies[row[1].id]
        return row[0].confidence >= confident_at or (
            reply is not None and takes_up(row[1].text, reply.text, row[2].competitors or [])
        )

    # Of a turn's objections the rep answered the last: "And what am I paying ClockBee now...
    # forty-something. So I'm going up a lot." got "You are, but...".
    last: dict[int, MentionRow] = {}
    for row in filter(counts, won):
        kept = last.get(row[1].id)
        if kept is None or row[0].char_start > kept[0].char_start:
            last[row[1].id] = row
    ordered = sorted(last.values(), key=order or (lambda r: (-r[0].confidence, r[0].id)))
    answers: list[WonAnswer] = []
    seen: set[int] = set()
    for row in ordered:
        reply = replies[row[1].id]
        said = answer_text(reply.text) if reply is not None else None
        quoted = quote_text(row[1].text, row[0].text, row[0].char_start, row[0].char_end)
        if said is not None and answers_another_line(row[1].text, row[0].text, said, quoted):
            said = None  # "No, patients book without an account" answered the login question
        if said is not None and not about_the_same(said, [row[1].text]):
            # A QBR's next line ("The Annapolis garage revenue ... was 5823 dollars") had
            # answered "Procurement needs your SOC 2 report": a reply speaks of the worry.
            said = None
        # The objection's own sentence: its quote may show the line before it, which the
        # reply may answer instead.
        if said is not None and not on_its_topic(
            row[0].category, row[0].text, row[1].text, said, embedder
        ):
            said = None  # on another topic: it answered another line of the turn
        if reply is not None and said is not None and reply.id not in seen:
            answers.append(WonAnswer(reply, said, row[2], row))
            seen.add(reply.id)
        if len(answers) >= limit:
            break
    return answers


def on_its_topic(
    category: str | None, quoted: str, turn: str, reply: str, embedder: Embedder | None = None
) -> bool:
    """Whether a rep's ``reply`` is on the topic of the objection (its ``category``, its
    sentence ``quoted``): it names no topic (``topics_named``), the objection names none, or
    they share one; else, by meaning (an ``embedder``), it is no nearer another line of the buyer's
    ``turn`` than the objection. "You can start monthly. If after three months you want annual,
    we'll apply the discount" followed "I just don't love annual. What if the coaches hate it?"
    and had been shown as how a won deal answered staff adoption."""
    named, theirs = topics_named(reply), topics_named(quoted)
    theirs |= {category} if category and asks_about_topic(category) else set()
    # A worry whose category says only whom it is about ("We looked at X too, and the thing I
    # need is the VAT split") and whose words name no topic has none to be off.
    if not named or not theirs or named & theirs:
        return True
    if embedder is None:
        return False
    others = [s for _, _, s in split_sentences(turn) if s.strip() and s not in quoted]
    vectors = embedder.encode([reply, quoted, *others])
    near = vectors[1:] @ vectors[0]
    return all(float(near[0]) >= float(n) for n in near[1:])


def reply_to(utterance: Utterance, turns: dict[tuple[int, int], Utterance]) -> Utterance | None:
    """The rep's turn answering a buyer's ``utterance`` (``turns``: its call's, by call id and
    seq): the first rep turn within ``REPLY_WINDOW``, unless another buyer spoke first. "We're
    OCPP, so we can take them over" answered a second buyer's hardware question, not "With
    forty buildings that adds up fast" before it."""
    for seq in range(utterance.seq + 1, utterance.seq + 1 + REPLY_WINDOW):
        turn = turns.get((utterance.call_id, seq))
        if turn is not None and turn.role == "rep":
            return turn
        if turn is not None and turn.role == "buyer" and turn.speaker != utterance.speaker:
            return None
    return None


# A reply that opens by agreeing goes along with what the buyer said; it answers no worry.
_AGREES = re.compile(r"^\W*(?:exactly|yeah|yes|yep|yup|right|true|same|i know|ha+|oh)\b", re.I)
SHARED_WORDS = 2  # words of the buyer's turn a reply must speak of to take an uncertain worry up


def takes_up(turn: str, reply: str, rivals: Sequence[str] = ()) -> bool:
    """Does the rep's ``reply`` take up what the buyer said in ``turn``: it does not open by
    agreeing, and it names a rival the turn named or shares ``SHARED_WORDS`` of its words?"""
    if _AGREES.match(reply):
        return False
    known = set(rivals)
    if names_in(turn, known) & names_in(reply, known):
        return True
    return len(content_words(turn) & content_words(reply)) >= SHARED_WORDS


BORROW_POOL = 20  # won-deal replies weighed before the best are kept


def names_in(text: str, known: set[str]) -> set[str]:
    """The ``known`` competitor names ``text`` says (lower case)."""
    return {hit.name.casefold() for hit in find_competitors(text, sorted(known)) if hit.known}
