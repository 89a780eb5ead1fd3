"""Whether a theme's name reads on its own: it says a thing, not a filler ("Though?", "Maybe?",
"It's fine"), and a question in it is asked whole ("Does it talk to Xero?"), never the tail
left once its opening was cut ("Talk to Xero?", "Managers approve swaps from their phone?").

Why: a demo had listed "Though?" (the clause after the comma of "Does it work offline,
though?") and "Talk to LedgerLeaf?" (a phrase two questions ended on) as theme names; a marketer
reads neither as what buyers ask. Pure functions on words, for the label stage.
"""

from __future__ import annotations

import re

from pipeline.cluster.phrase_shape import says_little
from pipeline.cluster.phrases import WORD_TOKEN
from pipeline.detect.rules import normalise_quotes

# Said in passing at a clause's edge, never what it is about: "Staffly too", "..., though?",
# "Really?". A closed class: "now" and "then" are left out, they end idioms ("for now").
FILLERS = frozenset(
    """though although anyway anyhow really actually honestly basically literally apparently
    obviously maybe perhaps probably possibly""".split()
)
# Fillers only at a name's end: "Too much admin" opens on an intensifier.
_ENDING_FILLERS = FILLERS | frozenset("too either eh".split())
# What a whole question opens on: a question word, an auxiliary or a modal ("Does it...",
# "Can managers...", "What about payroll?"), or "any" ("Any discount for charities?").
QUESTION_OPENERS = frozenset(
    """what what's whats when when's where where's which who who's whom whose why why's how
    how's is isn't are aren't was wasn't were weren't am do does doesn't did didn't don't
    have has hasn't haven't had can can't could couldn't will won't would wouldn't shall
    should shouldn't may might must any anything anyone anybody""".split()
)
# A question's last words after its comma, or its last word: where a filler tail sits.
_TAILS = (re.compile(r",\s*([^,.!?;:]*?)\s*\?"), re.compile(r",?\s+([\w'’]+)\s*\?"))


def _words(text: str) -> list[str]:
    return WORD_TOKEN.findall(normalise_quotes(text).lower())


def opens_a_question(text: str) -> bool:
    """Whether ``text`` opens as a whole question does (``QUESTION_OPENERS``)."""
    words = _words(text)
    return bool(words) and words[0] in QUESTION_OPENERS


def without_filler_tail(text: str) -> str:
    """``text`` with the fillers a question ends on dropped before its mark: "Does it work
    offline, though?" is "Does it work offline?", "Cheaper too?" "Cheaper?"; a tail that says
    anything stays ("Can I ask, how much?")."""

    def drop(match: re.Match[str]) -> str:
        tail = _words(match.group(1))
        return "?" if tail and all(w in _ENDING_FILLERS for w in tail) else match.group(0)

    previous = None
    while previous != text:
        previous = text
        for tail in _TAILS:
            text = tail.sub(drop, text)
    return text


def without_filler_edges(name: str) -> str:
    """``name`` without the fillers it opens or ends on ("Staffly too" is "Staffly"), its
    question mark kept; the name as it was when nothing else would be left."""
    mark = "?" if name.rstrip().endswith("?") else ""
    words = name.rstrip(" ?").split()
    start, end = 0, len(words)
    while start < end and words[start].strip(",").lower() in FILLERS:
        start += 1
    while end > start and words[end - 1].strip(",").lower() in _ENDING_FILLERS:
        end -= 1
    if start == end or (start, end) == (0, len(words)):
        return name
    kept = " ".join(words[start:end]).strip(" ,")
    return kept[:1].upper() + kept[1:] + mark


def a_question_fragment(name: str) -> bool:
    """Whether ``name`` asks but does not open as a question does: the tail of one whose
    opening was cut ("Talk to LedgerLeaf?", "Though?")."""
    return name.rstrip().endswith("?") and not opens_a_question(name)


def reads_alone(name: str) -> bool:
    """Whether a name could head a theme by itself: it says more than function words and one
    weak word (``says_little``: "Though?", "Maybe?", "It's fine" do not) and is no question
    fragment (``a_question_fragment``)."""
    words = _words(name)
    return bool(words) and not says_little(words) and not a_question_fragment(name)
