"""A concern said absent and the one that holds said next, read after the kind model: "The
fifty-unit minimum doesn't bother me, it's the monthly total." (the answer to "Was price the
main factor?" in a lost deal), "It's not the price, it's the contract length.", "The hardware is
fine, the monthly fee isn't." The second clause is the objection. And a rep's note of a need the
buyer sets before buying ("Needs it to post to Xero before anything else."): an objection on
what it asks.

Why a rule after the model: the reassurance ("doesn't bother me") is removed before the cue
rules read the sentence and makes it settled, so the sentence had been small talk at 0.99 and
the lost deal's real reason uncounted; the must-have note had been small talk at 0.74. The
phrases are data (``[real_worry]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, REASSURANCE, alternation, is_question, lowered
from pipeline.lazy_regex import LazyPattern

_CUES = CUES["real_worry"]
_ABSENT = LazyPattern(lambda: REASSURANCE.pattern + "|" + alternation(_CUES["absent"]).pattern)
_NAMES_IT = re.compile(r"^\s*(?:" + "|".join(_CUES["names_it"]) + r")\s+(?P<worry>.+)$")
_HOLDS_NOT = re.compile(
    r"^\s*(?:but\s+)?(?P<worry>(?:the |our |your |their )?[\w' -]{2,40}?)\s+"
    r"(?:isn'?t|is not|aren'?t|are not|wasn'?t|was not|does|do|did)\s*(?:[.!]|$)"
    r"|^\s*(?:but\s+)?(?P<named>[\w' -]{2,40}?)\s+(?:is|was|are|were)\s+the\s+(?:real\s+|main\s+)?"
    r"(?:problem|issue|worry|concern|sticking point)\b"
)
_SETTLED = alternation(_CUES["settled"])
_CLAUSE = re.compile(r"\s*(?:[,;:]|\s[-–—]\s)\s*|\s+but\s+")
_MUST_HAVE = alternation(_CUES["must_have"])
# "it's a two-hour session" says what the thing is (why it is no worry); the concern that holds
# is named definite: "it's the monthly total", "it's paying for two systems".
_DESCRIBES = re.compile(r"(?:only |just |literally )?(?:a|an|one)\b")
_MIN_WORDS = 2  # "it's the monthly total": a worry named, not "it's that"


def worry_named_instead(sentence: str) -> str | None:
    """The concern that holds in a sentence that says another is absent ("the monthly total"
    in "The fifty-unit minimum doesn't bother me, it's the monthly total."), lower-cased; None
    when the sentence names none, is asked, or says the second clause is settled too."""
    if is_question(sentence):
        return None
    text = lowered(sentence).strip()
    absent = _ABSENT.search(text)
    if absent is None:
        return None
    for cut in _CLAUSE.finditer(text, absent.end()):
        rest = text[cut.end() :].strip().rstrip(".!")
        named = _NAMES_IT.match(rest) or _HOLDS_NOT.match(rest)
        if named is None:
            continue
        worry = named.groupdict().get("worry") or named.groupdict().get("named") or ""
        if len(worry.split()) >= _MIN_WORDS and not (
            _SETTLED.search(worry) or _DESCRIBES.match(worry)
        ):
            return worry.strip()
    return None


def notes_a_must_have(sentence: str) -> bool:
    """A rep's note of a need the buyer sets before buying ("Needs it to post to Xero before
    anything else.", "Must have SSO.", "Won't move without the Sage sync."), not asked."""
    return not is_question(sentence) and bool(_MUST_HAVE.search(lowered(sentence)))
