"""Today's tool's work, listed by the buyer: "It does the EDRS filing for Georgia, it does our GPL,
it pushes to QuickBooks.", "PourTrack does the keg tracking and the TTB reports.", "It syncs to
Xero every night." Today's set-up: what they have and how it works, no judgement.

Why a rule after the model: a duty's words ("pushes to QuickBooks", "syncs", "reports", "texts
the owners") had pulled the model to an integrations, security or adoption objection, or, with
"chases", a pain. Every clause has to be a duty: praise ("It does everything we need", "It does
the job": the status quo), a judgement ("sends them late") or a turn to a flaw ("It does the
reports, but it can't do multi-site.": a pain) is no listing. ``statements.py`` checks that
nothing in the duties brings us in. The phrases are data (``[tool_duties]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.rules import CUES, alternation, is_question, lowered
from pipeline.first_names import is_first_name

_CUES = CUES["tool_duties"]


def _any(fragments: list[str]) -> str:
    return "(?:" + "|".join(fragments) + ")"


_DUTY = r"(?:" + _any(_CUES["adverbs"]) + r"\s+)?" + _any(_CUES["verbs"]) + r"\b"
_LEAD = re.compile(_CUES["lead"][0])
_TOOL = re.compile(_any(_CUES["tool"]) + r"\s+(?=" + _DUTY + ")")
# A tool by its name: one to three capitalised words ("PourTrack", "Harbour Assist").
_NAMED = re.compile(r"(?:[A-Z][\w'&.-]*\s+){1,3}(?=" + _DUTY + ")")
_NOT_A_NAME = {
    *("it", "the", "this", "that", "their", "our", "they", "we", "i", "he", "she", "you"),
    *("which", "what", "who", "there", "everyone", "nobody", "someone", "somebody", "everybody"),
}
_OPENS = re.compile(_DUTY)
# The next duty in the list: ", it does our GPL", "and books the chairs"
_NEXT = re.compile(
    r"(?:,\s*(?:and\s+|then\s+|plus\s+)?|;\s*|\s+(?:and|then|plus)\s+)(?:(?:it|they|that|this)\s+)?"
    + _DUTY
)
_NOT_DUTIES = alternation(_CUES["not_duties"])
_NEGATED = re.compile(r"\b(?:not|never|no|\w+n't|cannot)\b")
_MAX_WORDS = 12  # "the EDRS filing for Georgia": a duty's object is short


def duties_listed(sentence: str) -> str | None:
    """The duties (lowered, joined) when a sentence lists what a tool of theirs does and nothing
    else, for the caller to check that none is about us; None otherwise (a question, praise, a
    judgement, a flaw, a person's work: "Sarah does the payroll")."""
    if is_question(sentence):
        return None
    start = _subject_end(sentence.strip())
    if start is None:
        return None
    text = lowered(sentence.strip()).rstrip(".!")
    opened = _OPENS.match(text, start)
    if opened is None:
        return None
    cuts = [opened.end()]
    objects: list[str] = []
    for found in _NEXT.finditer(text, opened.end()):
        objects.append(text[cuts[-1] : found.start()])
        cuts.append(found.end())
    objects.append(text[cuts[-1] :])
    duties = [duty.strip() for duty in objects]
    return " ; ".join(duties) if all(map(_a_duty, duties)) else None


def _subject_end(sentence: str) -> int | None:
    """Where the tool that opens the sentence ends, after any filler ("Yeah, it ..."); None
    when no tool opens it (a person's first name is none)."""
    lead = _LEAD.match(lowered(sentence))
    at = lead.end() if lead else 0
    tool = _TOOL.match(lowered(sentence), at)
    if tool is not None:
        return tool.end()
    named = _NAMED.match(sentence, at)
    if named is None:
        return None
    words = named.group().split()
    if words[0].lower() in _NOT_A_NAME or any(is_first_name(word) for word in words):
        return None
    return named.end()


def _a_duty(duty: str) -> bool:
    """A duty's object: a few words, one clause, no praise, judgement, turn or negation."""
    return (
        0 < len(duty.split()) <= _MAX_WORDS
        and not re.search(r"[,;:]", duty)
        and not _NOT_DUTIES.search(duty)
        and not _NEGATED.search(duty)
    )
