"""A guessed name the buyer runs for other work than ours, or asks ours to be wired to: their
set-up, not a rival. "Does it talk to our booking system? We use Despatchly for the jobs" and
"Does it link with our PMR? We're on ProScript Connect." name the systems a van tracker must
work beside; "We use Trakkio for tracking the vans" or "we're tied into Trakkio" still name one.

Why: a courier's booking system and a pharmacy's patient-record system had been counted as
competitors on the dashboard, the home page's filter and the theme pages. What the product does
is its profile's pitch and features (``work``): a system kept for work that shares none of their
words is no rival, while one kept for our work stays one whatever else is said. A name weighed
or chosen ("looked at X", "went with X": the ``evaluated`` relation) is always read as a rival.

Split from ``kept_tools`` (a tool kept beside ours, read in its own sentence) because these read
the turns around the sentence and what our product does; ours wired to or set beside "it" is
``kept_tools.wired_beside_it`` in both, so one fact said in one sentence or two reads the same.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from pipeline.detect.kept_tools import OURS, WIRE, wired_beside_it
from pipeline.detect.not_rivals import back_office
from pipeline.language import english_function_words

_FLAGS = re.IGNORECASE
_WORD = re.compile(r"[a-z]{3,}")
# Ours wired to something of theirs, asked or said (``kept_tools``' words): "does it talk to
# our booking system", "will yours link with the PMR", "can you connect to their CRM". The thing
# of theirs is named by its kind ("our booking system"); the name follows.
_ASK_FOR_THEIRS = re.compile(
    rf"{OURS}[^.?!\n]{{0,40}}?\b{WIRE}\s+(?:our|your|the|their|my)\s+(?P<object>[^.?!\n]{{1,40}})",
    _FLAGS,
)
_SENTENCE_END = re.compile(r"[.?!\n]+[\s\"'“”‘’)\-–—]*")
# The work asked about just before the name: "What about payroll? We use LedgerLeaf."
_ASKED_ABOUT = re.compile(
    r"^\W*(?:(?:and|so|ok(?:ay)?|right)\W+)?(?:what|how)\s+about\s+(?P<work>[^.?!]{1,40})$", _FLAGS
)
# A profile's words for another's system, not our work: "payroll hand-off", "Xero export".
_HANDED_OFF = re.compile(
    r"\b[a-z]+[\s-]+(?=(?:hand-?offs?|exports?|integrations?|sync|connectors?|imports?)\b)", _FLAGS
)
# What the buyer keeps the tool for, right after its name: "X for the jobs", "X mostly for
# patient records". Not "to ...": "we moved to X to get better reports" gives a reason.
_PURPOSE = re.compile(r"^\s+(?:\w+ly\s+)?for\s+(?P<purpose>[^,.;:?!()]{1,60})", _FLAGS)
# A "for" that tells how long, how much, whom or why, not what for: "for three years", "for
# now", "for £18 a van", "for us", "for everything", "for the price", "for the most part".
_NOT_A_PURPOSE = re.compile(
    r"^(?:(?:a|an|the|about|around|over|nearly|almost|just|only|its|their)\s+)*(?:\d|[£$€]"
    r"|(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|few|couple|while|bit"
    r"|moment|now|ages|years?|months?|weeks?|days?|ever|long|last|past|time|free|cheap\w*|less"
    r"|more|most|everything|it all|all of it|the lot|us|them|me|price|prices|pricing|cost|money"
    r"|support|contract|deal|discount|reasons?|same)\b)",
    _FLAGS,
)


def kept_for_other_work(
    text: str, name: str, start: int, relation: str, around: str, work: Sequence[str] = ()
) -> bool:
    """Whether the guessed ``name`` at ``start`` of the sentence ``text`` is a system of theirs
    for other work than ``work`` (our profile's words) or one they ask ours to be wired to in
    ``around`` (the sentence, its turns, then its call: the last place it is said is read);
    never one they weigh or chose."""
    if relation == "evaluated":
        return False
    ours = _work_stems(tuple(work))
    before = _sentence_before(text, around)
    purpose = _PURPOSE.match(text[start + len(name) :]) or _ASKED_ABOUT.match(before)
    said_for = purpose[purpose.lastgroup or 0] if purpose is not None else ""
    if said_for and not _NOT_A_PURPOSE.match(said_for):
        if back_office(said_for):
            return True  # "What about payroll? We use LedgerLeaf."
        if _stems(said_for) & ours:
            return False  # "we use Trakkio for tracking the vans": our work
        if ours and _stems(said_for):
            return True  # "we use Despatchly for the jobs"
    wired_to = _wired_to(text, start + len(name), around, before)
    if wired_to is None:
        return False
    return back_office(wired_to) or not (_stems(wired_to) & ours)


def _sentence_before(text: str, around: str) -> str:
    """The sentence said just before ``text`` in ``around`` (its turn, the rep's turn before)."""
    at = around.rfind(text)
    pieces = [p for p in _SENTENCE_END.split(around[: max(at, 0)]) if p.strip()]
    return pieces[-1] if pieces else ""


def _wired_to(text: str, end: int, around: str, before: str) -> str | None:
    """What of theirs the turns ask ours to be wired to in the sentence ``before`` the name's
    ("Does it link with our PMR? We're on X."), or "it" wired to or beside ours just after
    ("We're on X. Can yours talk to it?", ``wired_beside_it``); None when neither is said."""
    if (asked := _ASK_FOR_THEIRS.search(before)) is not None:
        return asked["object"]
    at = around.rfind(text)
    rest = around[at + len(text) :] if at >= 0 else ""
    after = next((p for p in _SENTENCE_END.split(rest) if p.strip()), "")
    if wired_beside_it(after) or wired_beside_it(text[end:]):
        return ""  # the sentence after says it as ``kept_tools`` reads its own sentence
    return None


@functools.lru_cache(maxsize=64)  # one profile an analysis batch
def _work_stems(work: tuple[str, ...]) -> frozenset[str]:
    """Our work's words, but those naming another's system we hand off to ("payroll hand-off")."""
    handed = frozenset().union(*(_stems(" ".join(_HANDED_OFF.findall(t))) for t in work))
    return frozenset().union(*(_stems(text) for text in work)) - handed


def _stems(text: str) -> frozenset[str]:
    """The content words of ``text``, stemmed: "tracking" and "tracker" are "track"."""
    common = english_function_words()
    return frozenset(_stem(w) for w in _WORD.findall(text.lower()) if w not in common)


def _stem(word: str) -> str:
    if len(word) > 4 and word.endswith("ies"):
        word = word[:-3] + "y"
    elif len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        word = word[:-1]
    for ending in ("ing", "er", "ed", "e"):
        if len(word) - len(ending) >= 3 and word.endswith(ending):
            word = word[: -len(ending)]
            break
    doubled = len(word) > 3 and word[-1] == word[-2] and word[-1] not in "aeiouls"
    return word[:-1] if doubled else word
