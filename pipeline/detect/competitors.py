"""Competitor names in a buyer sentence: the configured ones wherever they appear, and names
guessed from how buyers speak of a product they use, weigh or left ("we use X", "the X app").

Split from ``rules`` (the cue rules) because guessing names is a grammar of its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from pipeline.detect.rules import CUES, normalise_quotes

_FLAGS = re.IGNORECASE  # patterns matched on original text (competitor names keep their case)


# Capitalised words that follow "we use ..." but are not products.
_NOT_NAMES = frozenset(CUES["competitor"]["not_names"])
_NAME = r"([A-Z][\w&.+-]*[\w+](?:\s(?:[A-Z][\w&+-]*\w|\d+))?)"
_CURRENT = (
    r"(?i:(?:we|i|they)(?:'re| are| were|'ve| have)?\s+(?:currently |already |still |also )?"
    r"(?:been )?(?:use|using|used|on|with|paying for|pay for|running|signed up with|switched to"
    r"|signed (?:a |an )?(?:\w+[- ]?){0,3}(?:deal|contract|agreement) with|happy with"
    r"|locked in with)\s+)"
)
_EVALUATED = (
    r"(?i:(?:we|i|they)(?:'ve| have| had)?\s+(?:also |already |just |been )*"
    r"(?:looked at|look at|looking at|tried|trialled|trialed|trialing|trialling|demoed|"
    r"compared|spoke to|spoken to|talked to|got a quote from|had a demo (?:with|from)|"
    r"switched from|moved from|left)\s+)"
)
_CURRENT_PATTERN = re.compile(r"\b" + _CURRENT + _NAME)
_EVALUATED_PATTERN = re.compile(r"\b" + _EVALUATED + _NAME)
_CLAIM_PATTERN = re.compile(
    r"\b" + _NAME + r"(?:'s)?\s+(?:already\s+|also\s+)?"
    r"(?:does|do|has|have|offers|gives us|includes)\s+(?:that|this|it|the same)\b"
)
_VERSUS_PATTERN = re.compile(
    r"\b(?i:compared to|compared with|versus|vs\.?|than|over at)\s+" + _NAME
)
_PARTNER_TAIL = re.compile(
    r"^\s*(?:for|to do|to run|to handle)\s+(?:our\s+|the\s+)?(?:payroll|pay|accounts|accounting|"
    r"bookkeeping|books|invoices|invoicing|tills?|pos|point of sale|hr|email|messages|texts)\b",
    _FLAGS,
)


@dataclass(frozen=True)
class CompetitorHit:
    name: str
    start: int
    end: int
    relation: str  # current | evaluated | mention
    known: bool  # from the call metadata or configured list, not guessed from a pattern


def _relation_at(text: str, start: int) -> str:
    before = text[max(0, start - 60) : start]
    if re.search(_CURRENT + r"$", before, _FLAGS) or re.search(
        r"\b(happy (?:enough )?with|already (?:have|use|pay for)|our current)\s+$", before, _FLAGS
    ):
        return "current"
    if re.search(_EVALUATED + r"$", before, _FLAGS):
        return "evaluated"
    return "mention"


def find_competitors(
    sentence: str, known: Sequence[str], *, ignore: Iterable[str] = ()
) -> list[CompetitorHit]:
    """Known competitor names (word-boundary, any case) plus names after "we use/looked at X"."""
    text = normalise_quotes(sentence)
    ignored = {name.casefold() for name in ignore}
    hits: dict[str, CompetitorHit] = {}
    for name in sorted({n.strip() for n in known if n.strip()}, key=lambda n: (-len(n), n)):
        if name.casefold() in ignored:
            continue
        pattern = re.compile(r"(?<![\w])" + re.escape(name) + r"(?![\w])", _FLAGS)
        for match in pattern.finditer(text):
            overlap = any(h.start <= match.start() < h.end for h in hits.values())
            if not overlap and name.casefold() not in hits:
                relation = _relation_at(text, match.start())
                hits[name.casefold()] = CompetitorHit(
                    name, match.start(), match.end(), relation, True
                )
    guessed = [
        (_CURRENT_PATTERN, "current"),
        (_EVALUATED_PATTERN, "evaluated"),
        (_CLAIM_PATTERN, "mention"),
        (_VERSUS_PATTERN, "mention"),
    ]
    for pattern, relation in guessed:
        for match in pattern.finditer(text):
            guess = _clean_name(match.group(1))
            if not guess or guess.casefold() in ignored or guess.casefold() in hits:
                continue
            if relation == "current" and _PARTNER_TAIL.match(text[match.end(1) :]):
                continue  # "we use LedgerLeaf for payroll": a tool they keep, not a rival
            if any(h.start <= match.start(1) < h.end for h in hits.values()):
                continue
            start = match.start(1)
            hits[guess.casefold()] = CompetitorHit(
                guess, start, start + len(guess), relation, False
            )
    return sorted(hits.values(), key=lambda h: (h.start, h.name))


def _clean_name(raw: str) -> str | None:
    words = raw.rstrip(".").split()
    while words and words[-1].casefold().strip(".") in _NOT_NAMES:
        words.pop()
    if not words or words[0].casefold().strip(".") in _NOT_NAMES:
        return None
    name = " ".join(words)
    # A lone sentence-case word ("Paper", "Someone") is too weak; products usually have an inner
    # capital (RotaPro), a digit, or are more than one capitalised word.
    inner_signal = any(c.isupper() or c.isdigit() for c in name[1:])
    return name if inner_signal or len(name) >= 4 else None
