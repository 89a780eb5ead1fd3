"""The thing a missing-feature theme's buyers say the product lacks, for the question that heads
it ("Does it do the controlled drugs register?", "Does it have a mobile app?"), and whether a
question is one of those.

Why: with no category of its own such a theme had been asked "How hard is it to switch from what
we use now?" beside "if it can't do the controlled drugs register I don't see the point of
switching"; a question in the buyers' own words for what they need says what product must answer.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from pipeline.templating import draft_copy

MISSING_FEATURE = "missing_feature"
_OURS = r"(?:it|you|your \w+|the (?:system|app|software|platform|product|tool))"
# Each shape of "it lacks X" with the question frame that asks for X: "do" ("Does it do X?"),
# "have" ("Does it have X?"), "way" ("Is there a way to X?").
_SHAPES: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (frame, re.compile(pattern, re.IGNORECASE))
    for frame, pattern in (
        (
            "have",
            rf"\b{_OURS}(?: just| still| currently)? (?:don'?t|doesn'?t|do not|does not|haven'?t"
            r"|hasn'?t) (?:have|offer|include|come with|got) (?P<thing>(?:a|an|any) [^,.;:!?]+)",
        ),
        (
            "do",
            rf"\b{_OURS}(?: just| still| currently| even| really)? (?:can'?t|cannot|doesn'?t"
            r"|does not|won'?t|isn'?t able to) (?:do|handle|manage|cope with|track|record|print"
            r"|produce|support|offer) (?P<thing>[^,.;:!?]+)",
        ),
        ("way", r"\b(?:there'?s|there is) no way to (?P<thing>[^,.;:!?]+)"),
        (
            "do",
            r"\bwithout (?P<thing>[^,.;:!?]+?),? (?:it'?s|that'?s|we'?re|i'?m) "
            r"(?:a no|a non-?starter|a deal[- ]?breaker|no use|no good|useless|pointless"
            r"|dead in the water|out)\b",
        ),
        ("do", rf"\b(?:does|can) {_OURS} (?:do|handle|manage|support) (?P<thing>[^,.;:!?]+)\?"),
    )
)
# Where the thing ends: the clause that says why it matters ("..., and my engineers ...").
_THING_ENDS = re.compile(
    r"\s+(?:and|but|because|so|which|then|or|as|if|when|i|we|our|my|they|that'?s|it'?s)\b.*$",
    re.IGNORECASE,
)
_NO_THING = frozenset({"that", "this", "those", "these", "it", "them", "one", "any", "a", "an"})
_MAX_THING_WORDS = 8


def _things(line: str) -> list[tuple[str, str]]:
    """The things ``line`` says the product lacks, each with its question frame."""
    found = []
    for frame, shape in _SHAPES:
        for match in shape.finditer(line):
            thing = _THING_ENDS.sub("", match.group("thing")).strip()
            words = thing.split()
            if words and thing.casefold() not in _NO_THING and len(words) <= _MAX_THING_WORDS:
                found.append((frame, thing))
    return found


def missing_thing(lines: Sequence[str]) -> dict[str, str]:
    """The thing most of ``lines`` say is missing, as ``faq_question``'s ``thing`` and
    ``frame``; empty when none names one."""
    said = [pair for line in lines for pair in _things(line)]
    if not said:
        return {}
    counts = Counter(thing.casefold() for _, thing in said)
    frame, thing = max(said, key=lambda pair: counts[pair[1].casefold()])  # first of the most
    return {"thing": thing, "frame": frame}


@cache
def _question_shapes() -> tuple[re.Pattern[str], ...]:
    marker = "\x00"
    shapes = []
    for frame in ("do", "have", "way"):
        before, after = draft_copy("feature_question", thing=marker, frame=frame).split(marker)
        shapes.append(re.compile(f"^{re.escape(before)}(?P<thing>.+){re.escape(after)}$"))
    return tuple(shapes)


def asks_for_a_feature(question: str) -> bool:
    """Whether ``question`` is a missing feature's question ("Does it have a mobile app?")."""
    return asked_thing(question) is not None


def asked_thing(question: str) -> str | None:
    """The thing a missing feature's question asks for ("the controlled drugs register" of
    "Does it do the controlled drugs register?"); None for any other question."""
    found = next((m for shape in _question_shapes() if (m := shape.match(question))), None)
    return found.group("thing") if found else None
