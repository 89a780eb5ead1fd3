"""Which way each clause of a buyer's line about a rival points: "Instructa's fine for scheduling
but its reporting is useless" praises the rival's scheduling and faults its reporting.

Why: a comparison filed the whole line by its first verdict, and listed a fault of the rival
under "When <rival> is the better fit". The praised clause is a real strength of the rival; the
criticised clause, with what follows it, is where the rival falls short.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.pairing import systems_named, topic_words
from pipeline.content.rival_claims import (
    CRITICISM,
    clauses,
    content_with,
    finds_fault,
    names_rival,
)
from pipeline.content.rival_fit import tells_a_failure
from pipeline.content.rival_prices import rival_price_verdict
from pipeline.detect.rules import lowered
from pipeline.detect.sentences import split_sentences

# A good word said of the rival: "fine for scheduling", "great at reminders", "it's solid",
# "the team love it", "works well".
_GOOD = re.compile(
    r"\b(?:fine|good|great|decent|solid|brilliant|excellent|handy|strong|reliable|ok|okay)"
    r" (?:for|at|with|on)\b"
    r"|\b(?:is|was|are|were|['’]s|['’]re) (?:really |pretty |very |quite |actually )?(?:good|great"
    r"|decent|solid|brilliant|excellent|handy|reliable|easy to use|simple to use|fast|quick)\b"
    r"|\b(?:loves?|loved|likes?|liked)\b|\bworks? (?:well|fine|great|nicely)\b",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"(?:\bnot|\bnever|\bno|n['’]t)\s+(?:\w+\s+){0,2}$", re.IGNORECASE)
_ABOUT_US = re.compile(r"\b(?:you|your|yours|you['’](?:re|ve|d|ll))\b", re.IGNORECASE)
_THEM = re.compile(r"^\W*(?:they|their|it|its|it['’]s)\b", re.IGNORECASE)


def praises_them(clause: str, forms: Sequence[str]) -> bool:
    """Whether a clause says well of the rival (named, or "it"/"they" at its start): a good
    word not negated, no fault, not about us, and not only content with it ("it does the job"
    is why a buyer stays)."""
    if not (names_rival(clause, forms) or _THEM.match(clause)) or _ABOUT_US.search(clause):
        return False
    if finds_fault(clause) or content_with(clause) or "?" in clause:
        return False
    return any(not _NEGATED.search(clause[: m.start()]) for m in _GOOD.finditer(clause))


def only_a_verdict(text: str, forms: Sequence[str]) -> bool:
    """Whether a line says nothing of the rival but a good or bad word ("They're solid.", "It
    was rubbish."): no word names what it is about once the verdict is taken out, so no row
    and no heading has a topic to quote it under."""
    left = CRITICISM.sub(" ", _GOOD.sub(" ", lowered(text)))
    return not topic_words(left, forms)


def praise_and_fault(text: str, forms: Sequence[str]) -> tuple[str, str] | None:
    """A line that praises the rival in one clause and faults it in a later one: the praised
    clause, and the words from the criticised clause on (what it lacks, and how the buyer
    gets by); None for a line that points one way."""
    parts = clauses(text)
    for n, part in enumerate(parts):
        if not praises_them(part, forms):
            continue
        fault = next((p for p in parts[n + 1 :] if finds_fault(p)), None)
        if fault is not None and not _ABOUT_US.search(fault):
            return part, text[text.find(fault) :]
    return None


# Where a sentence's clauses part (as ``faults_them`` parts them): each is weighed on its own.
_CLAUSE_BREAK = re.compile(r"\s(?:but|and|so|because|while)\s|[;:]\s")


def fault_words(text: str, forms: Sequence[str], ours: Sequence[str] = ()) -> str | None:
    """What a line says where the rival falls short: its sentences telling of a failure or
    finding fault (``tells_a_failure``) in a clause naming no tool (``systems_named``) but the
    rival (``forms``), the whole line where its price is called dearer; None where no sentence
    complains of the rival itself. A set-up line ("we're on X for bookings, and the debits go
    through Y, which is a separate login", a fault of Y's) had been listed, cut with "…",
    where the double bookings X let through were not."""
    named = {w.casefold() for name in [*forms, *ours] for w in name.split()}

    def complains(sentence: str) -> bool:
        parts = _CLAUSE_BREAK.split(sentence)
        theirs = [part for part in parts if not systems_named(part) - named]
        said = sentence if len(theirs) == len(parts) else " ".join(theirs)
        return tells_a_failure(sentence, ours) and tells_a_failure(said, ours)

    kept = [sentence for _start, _end, sentence in split_sentences(text) if complains(sentence)]
    if kept:
        return " ".join(kept)
    return text if "dearer" in rival_price_verdict(text, forms, ours) else None
