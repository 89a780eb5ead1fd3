"""What buyers who weighed a rival praised in us: "much cleaner than what X showed us", "the
reports were nicer on yours", or praise right after a line about the rival ("X quoted us less.
But I like that you're only doing patching"). A comparison cites these where we fit better.

Why: a reviewer's page said "To write: where we fit better (no won deal yet)" where two buyers
had said so, and had quoted "But I like that you're only doing patching" in the rival's pricing
column, appended to the line about the rival's price.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from sqlalchemy.orm import Session

from pipeline.content.mention_rows import buyer_sentences
from pipeline.content.rival_claims import asks, clauses, names_rival
from pipeline.content.won_answers import MentionRow
from pipeline.detect.asides import praises_us
from pipeline.detect.sentences import split_sentences
from pipeline.store.models import Call, Mention, Utterance

_BETTER = re.compile(
    r"\b(?:better|nicer|cleaner|clearer|easier|simpler|faster|quicker|slicker|friendlier"
    r"|tidier|more (?:intuitive|reliable|flexible|polished|usable|readable|useful|detailed))\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:\bnot|\bnever|\bno|n['’]t)\s+(?:\w+\s+){0,3}$", re.IGNORECASE)
_THAN = re.compile(r"^\s*than\b", re.IGNORECASE)
_US = r"you|your|yours|you['’](?:re|ve|d|ll)"
_THEM = re.compile(r"\b(?:they|their|theirs|them|they['’](?:re|ve|d|ll))\b", re.IGNORECASE)
MAX_PRAISE = 4


def _names_us(text: str, ours: Sequence[str]) -> bool:
    names = [re.escape(n) for n in ours if n.strip()]
    return re.search(rf"(?<!\w)(?:{'|'.join([*names, _US])})(?!\w)", text, re.I) is not None


def better_than_them(clause: str, forms: Sequence[str], ours: Sequence[str] = ()) -> bool:
    """A comparison that puts us ahead: the rival as what we beat ("much cleaner than what X
    showed us"), or us named beside the better word and no rival ("nicer on yours")."""
    for match in _BETTER.finditer(clause):
        before, after = clause[: match.start()], clause[match.end() :]
        if _NEGATED.search(before):
            continue
        if _THAN.match(after):
            bench = after.split(",")[0]
            if names_rival(bench, forms) and not _names_us(bench, ours):
                return not names_rival(before, forms) and not _THEM.search(before)
            continue
        if _names_us(clause, ours) and not names_rival(clause, forms) and not _THEM.search(clause):
            return True
    return False


def praises_us_over(
    clause: str, forms: Sequence[str], ours: Sequence[str] = (), *, after_rival: bool = False
) -> bool:
    """Whether a buyer's clause praises us against the rival: a comparison that puts us ahead
    (``better_than_them``), or praise of us (``praises_us``) that answers a line about the
    rival said just before it (``after_rival``); never a question or praise of the rival."""
    if asks(clause) or "?" in clause:
        return False
    if better_than_them(clause, forms, ours):
        return True
    return after_rival and not names_rival(clause, forms) and praises_us(clause, list(forms))


def turns_to_praise(shown: str, sentence: str, forms: Sequence[str], ours: Sequence[str]) -> bool:
    """Whether a quote (``shown``) of a line about the rival (``sentence``) goes on into praise
    of us: the line is then quoted alone, and the praise where we fit better."""
    at = shown.find(sentence)
    tail = shown[at + len(sentence) :] if at >= 0 else ""
    return any(
        praises_us_over(part, forms, ours, after_rival=True)
        for _s, _e, said in split_sentences(tail)
        for part in clauses(said)
    )


def praise_of_us(
    session: Session, call_ids: Iterable[int], forms: Sequence[str], ours: Sequence[str]
) -> list[tuple[MentionRow, str]]:
    """The buyer's clauses in ``call_ids`` (the deals naming the rival) that praise us against
    it (``praises_us_over``), each with its mention, first said first."""
    rows = buyer_sentences(
        session,
        Mention.call_id.in_(sorted(set(call_ids))),
        Mention.kind.not_in(("competitor", "why_now", "question")),
        order_by=(Call.call_date, Mention.call_id, Utterance.seq, Mention.char_start),
    )
    found: list[tuple[MentionRow, str]] = []
    for mention, utterance, call in rows:
        earlier = split_sentences(utterance.text[: max(mention.char_start, 0)])
        after_rival = bool(earlier) and names_rival(earlier[-1][2], forms)
        for part in clauses(mention.text):
            if praises_us_over(part, forms, ours, after_rival=after_rival):
                found.append(((mention, utterance, call), part))
    return found[:MAX_PRAISE]
