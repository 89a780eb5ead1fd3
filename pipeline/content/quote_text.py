"""A quote's text as documents compare and show it: clipped to a line, keyed for repeats, and
whether it opens a section alone. Split from ``evidence`` (what a document is built from)."""

from __future__ import annotations

import re
from collections.abc import Sequence

MAX_QUOTE_CHARS = 320


def clip(text: str, limit: int = MAX_QUOTE_CHARS) -> str:
    """One line, at most ``limit`` characters, cut at a word."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rsplit(" ", 1)[0] + "…"


def text_key(text: str) -> str:
    """A quote's words, lower case, punctuation dropped: what ``repeats`` compares."""
    return " ".join(re.findall(r"\w+", text.lower()))


MIN_REPEAT_WORDS = 3  # a quote this long inside another is the same quote


def repeats(key: str, used: Sequence[str]) -> bool:
    """``key`` (see ``text_key``) is one of ``used``, or within one, or holds one, word for word:
    "We don't have time." and "Third: we don't have time" are the same quote in a document.
    A word or two is no quote of its own: "ClockBee." had kept every other quote naming
    ClockBee off its comparison page."""

    def within(short: str, long: str) -> bool:
        return short == long or (
            len(short.split()) >= MIN_REPEAT_WORDS and f" {short} " in f" {long} "
        )

    return any(within(other, key) or within(key, other) for other in used)


_CONTINUES_RE = re.compile(r"(?:and|or|but|so|because|then|which|that)\b", re.IGNORECASE)
MIN_OPENING_WORDS = 5


def stands_alone(text: str) -> bool:
    """A sentence a reader understands without the one before it: five words or more, not
    opening on a word that continues it ("Or only for the busy months." had opened a timeline
    on setup time, and it asks for a cheaper price)."""
    return len(text.split()) >= MIN_OPENING_WORDS and not continues(text)


def continues(text: str) -> bool:
    """Whether ``text`` opens on a word that carries on the sentence before it ("And in
    French?", "Or only for the busy months.")."""
    return bool(_CONTINUES_RE.match(text.lstrip()))
