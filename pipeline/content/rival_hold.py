"""Whose use of a rival a buyer's line tells of: the buyer keeping it for some of the work (its
hold on them, never a reason they chose us), or someone else's (a friend's, another business's:
not how this buyer works today, nor why they stay).

Why: a comparison listed "We're keeping X for those for now" (a won deal keeping the rival for
one part) as a reason buyers chose us, and "A friend at Woodvale uses X ... he's perfectly happy
with it" (the buyer never used it) as how they work today and why buyers stay with X.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

# A verb of keeping right before the rival's name: "keeping X for the obituaries", "we'll stick
# with X for payroll", "still on X for the invoicing".
_KEEPS = re.compile(
    r"\b(?:keep|keeps|keeping|kept|retain\w*|stay(?:s|ed|ing)?\s+(?:with|on)|stick(?:s|ing)?\s+with"
    r"|stuck\s+with|hang(?:s|ing)?\s+on\s+to|hold(?:s|ing)?\s+on\s+to|still\s+(?:use|using|on"
    r"|run|running)|carry(?:ing)?\s+on\s+(?:with|using))\s+(?:the\s+|our\s+)?$",
    re.IGNORECASE,
)
_NEGATED = re.compile(r"\b(?:not|never|no longer|n't|won't|don't|didn't)\s+(?:\w+\s+){0,2}$", re.I)
# Someone other than the buyer as the one using it: "a friend at Woodvale", "my cousin",
# "another practice we know", "the marina down the road", "other farms round here".
_OTHERS = re.compile(
    r"\b(?:a|my|our|his|her|one\s+of\s+(?:my|our))\s+(?:\w+\s+)?(?:friends?|mates?|cousins?"
    r"|brothers?|sisters?|brother-in-law|sister-in-law|uncles?|aunts?|neighbou?rs?|colleagues?"
    r"|contacts?|peers?|buddy|buddies|pals?|counterparts?|old\s+boss|former\s+boss)\b"
    r"|\bsomeone\s+(?:we|i)\s+know\b|\b(?:another|other|a\s+few|some|most|several|lots\s+of"
    r"|a\s+lot\s+of|plenty\s+of)\s+(?:\w+\s+){0,2}(?:we|i)\s+know\b"
    r"|\b(?:down|up)\s+the\s+road\b|\bnext\s+door\b|\bacross\s+town\b|\b(?:round|around)\s+here\b"
    r"|\bnearby\b|\bin\s+(?:the|our)\s+area\b",
    re.IGNORECASE,
)
# The buyer as the subject: "we use X, like a friend of mine" is the buyer's use.
_BUYER = re.compile(r"\b(?:we|i|us)\b", re.IGNORECASE)
_SENTENCE_START = re.compile(r"[.!?;]\s+")


def places(text: str, forms: Iterable[str]) -> list[re.Match[str]]:
    """Where ``text`` names the rival by any of its ``forms``, longest form first."""
    spelled = sorted({f.strip() for f in forms if f.strip()}, key=len, reverse=True)
    if not spelled:
        return []
    pattern = r"(?<![\w])(?:" + "|".join(map(re.escape, spelled)) + r")(?![\w])"
    return list(re.finditer(pattern, text, re.IGNORECASE))


def others_use(text: str, forms: Iterable[str]) -> bool:
    """Whether each time the rival is named, someone else is the last one its sentence named
    before it (``_OTHERS``): "A friend at Woodvale uses X", "My cousin runs a marina and swears
    by X"; not "We use X, and a few farms round here do too"."""
    found = places(text, forms)
    return bool(found) and all(_someone_else(_said_before(text, p.start())) for p in found)


def keeps_rival(text: str, forms: Iterable[str]) -> bool:
    """Whether the buyer says they keep the rival, for all or some of the work ("We're keeping
    X for those for now"), not negated ("we're not keeping X") nor of someone else."""
    for place in places(text, forms):
        before = text[: place.start()]
        keep = _KEEPS.search(before)
        said = _said_before(text, place.start())
        if keep and not _NEGATED.search(before[: keep.start()]) and not _someone_else(said):
            return True
    return False


def _said_before(text: str, at: int) -> str:
    """The words of the sentence ``text[at:]`` is in, up to ``at``."""
    starts = [m.end() for m in _SENTENCE_START.finditer(text[:at])]
    return text[starts[-1] if starts else 0 : at]


def _someone_else(said: str) -> bool:
    """Whether ``said`` names someone other than the buyer after the buyer's last "we" or "I"."""
    others = [m.end() for m in _OTHERS.finditer(said)]
    buyer = [m.start() for m in _BUYER.finditer(said)]
    return bool(others) and (not buyer or others[-1] > buyer[-1])
