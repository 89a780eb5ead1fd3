"""Sentence spans of an utterance (the unit detection scores and quotes cite) and where an
utterance sits in its call (the rep's turns around it, its position)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.detect.classify import UtteranceLike
from pipeline.detect.labels import context_text, reply_text

_ABBREVIATIONS = {
    "e.g", "i.e", "etc", "vs", "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "inc", "ltd",
    "co", "corp", "llc", "approx", "est", "no", "nos", "dept", "fig", "a.m", "p.m", "u.s", "u.k",
    "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "mt",
    "ft", "min", "max", "vol", "ref", "cf", "al", "ca", "mins", "hrs", "wk", "mo",
}  # fmt: skip
_BOUNDARY = re.compile(r"(?:[.!?…]+[\"'”’)\]]*(?=\s)|\n\s*)")
# The word before a full stop; not the end of a contraction ("hasn't." is no initial "t.").
_WORD_BEFORE = re.compile(r"(?<![\w'’])([\w.]+)\.$")
_NUMBER_SIGNS = {"no", "nos"}  # "No. 5" is an abbreviation, "No. Never." two sentences


def split_sentences(text: str) -> list[tuple[int, int, str]]:
    """``(start, end, sentence)`` spans of ``text``, ``text[start:end] == sentence``.

    Regex based: a boundary is ``.``/``!``/``?`` before whitespace, or a line break; abbreviations
    (``e.g.``, ``Mr.``, ``No.`` before a number), initials (``J.``), decimals (``$1.5k``) and an
    ellipsis before a lower-case word do not end a sentence.
    """
    spans: list[tuple[int, int, str]] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        after = text[match.end() :]
        if match.group().startswith(".") and _is_abbreviation(
            text[start : match.start() + 1], after
        ):
            continue
        if match.group().startswith(("..", "…")) and after.lstrip()[:1].islower():
            continue  # trailing off mid-sentence: "That's... that's actually good."
        _add_span(spans, text, start, match.end())
        start = match.end()
    _add_span(spans, text, start, len(text))
    return spans


def _is_abbreviation(before: str, after: str) -> bool:
    """Does the text up to and including a ``.`` end with an abbreviation or an initial?"""
    match = _WORD_BEFORE.search(before)
    if not match:
        return False
    word = match.group(1).casefold().rstrip(".")
    if len(word) == 1 and word.isalpha():
        return True  # an initial: "J. Smith", "Plan B. Then" is rare enough
    if word in _NUMBER_SIGNS:
        return after.lstrip()[:1].isdigit()
    return word in _ABBREVIATIONS


def _add_span(spans: list[tuple[int, int, str]], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        spans.append((start, end, text[start:end]))


def surroundings(
    utterances: Sequence[UtteranceLike],
) -> list[tuple[UtteranceLike, str, str, float]]:
    """Each utterance with the rep's turn before it and after it in the same call ("" when
    none) and the position of its turn in the call (0 first, 1 last)."""
    calls: list[list[UtteranceLike]] = []
    current: object = object()
    for utterance in utterances:
        this_call = getattr(utterance, "call_id", None)
        if not calls or this_call != current:
            calls.append([])
            current = this_call
        calls[-1].append(utterance)
    out: list[tuple[UtteranceLike, str, str, float]] = []
    for turns in calls:
        last = max(1, len(turns) - 1)
        before = ""
        after: list[str] = [""] * len(turns)
        following = ""
        for index in range(len(turns) - 1, -1, -1):
            after[index] = following
            if turns[index].role == "rep":
                following = reply_text(turns[index].text)
        for index, utterance in enumerate(turns):
            out.append((utterance, before, after[index], index / last))
            if utterance.role == "rep":
                before = context_text(utterance.text)
    return out


# A next sentence that turns against the one before ("... quite a lot more. But the partners see
# it as one system"), or goes on about a short one ("We also looked at Staffly. They wanted a
# three-week implementation"): a quote without it can say the opposite of what was meant.
_TURNING = re.compile(
    r"^(?:but|however|though|although|yet|still|except|that said|then again|having said that|"
    r"on the other hand|mind you|saying that)\b",
    re.IGNORECASE,
)
_GOES_ON = re.compile(r"^(?:they|it|that|this|those|these|which|he|she)\b", re.IGNORECASE)
SHORT_SENTENCE_WORDS = 6


def quote_span(text: str, start: int, end: int) -> tuple[int, int]:
    """The span a quote of ``text[start:end]`` (one sentence) shows: with the next sentence of
    the same turn when that one turns against it or carries on from a short one, so the quote
    keeps the speaker's meaning; the sentence alone otherwise (or when the span is not a
    sentence of ``text``)."""
    if not 0 <= start < end <= len(text):
        return start, end
    following = next(
        ((s, e, sentence) for s, e, sentence in split_sentences(text[end:]) if sentence), None
    )
    if following is None:
        return start, end
    next_start, next_end, sentence = following
    short = len(text[start:end].split()) <= SHORT_SENTENCE_WORDS
    if _TURNING.match(sentence) or (short and _GOES_ON.match(sentence)):
        return start, end + next_end
    return start, end


def quote_text(utterance_text: str, sentence: str, start: int, end: int) -> str:
    """What a quote of a detected ``sentence`` (at ``start:end`` of its utterance) shows: see
    ``quote_span``; the sentence as stored when its span no longer matches the utterance."""
    if utterance_text[start:end] != sentence:
        return sentence
    start, end = quote_span(utterance_text, start, end)
    return utterance_text[start:end]
