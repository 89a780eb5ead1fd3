"""Which detected sentences may be quoted as someone's words: not one that says nothing
(``rules.says_nothing``), nor one or two words that say nothing alone ("Bad.", "Twice.": a pain
at 0.93 had been put in a theme and quoted), nor a line of the deal's record."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.detect.rules import CUES, lowered, says_nothing
from pipeline.language import english_function_words

# The most words a mention that says nothing alone has: three ("That was bad.") leans on the
# turn before it and is shown after its lead-in (``cluster.lead_ins``), never dropped.
ALONE_WORDS = 2
# How sure the detector may be of a kind it read in such a mention: below any sensible
# ``confident_at`` (0.5 by default), so it counts in no confident figure.
SAYS_NOTHING_ALONE_SURE = 0.3
_ALONE = frozenset(CUES["says_nothing"]["alone"])
_ASKING = frozenset(CUES["says_nothing"]["asking"])
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
# "Lost reason: Missing feature" (a CRM column as a note line), "Handled by Jordan Miles (Sales)"
_FIELD_LINE = re.compile(r"^[A-Z][A-Za-z /&-]{1,30}: [^.!?:]{1,60}[.!?]?$")
_HANDLED_BY = re.compile(
    r"^(?:handled|assigned|owned|logged|answered) (?:by|to) [A-Z][\w'-]+(?: [A-Z][\w'-]+)*"
    r"(?: \([^()]*\))?$",
    re.IGNORECASE,
)
_FIELD_WORDS = 6  # a field's value: "Went with competitor"; a note's sentence says more
_NOTE_CHARS = 80  # longer than a field of the deal's record


def says_nothing_alone(sentence: str) -> bool:
    """One or two words (``ALONE_WORDS``) that name nothing: each a function word or a word of
    how bad, how often or how sure (``alone`` in ``cues.toml``): "Bad.", "Twice.", "Which
    happened. Twice." is two sentences and is read whole (not alone)."""
    words = _WORD.findall(lowered(sentence).replace("’", "'"))
    if not words or len(words) > ALONE_WORDS:
        return False
    function_words = english_function_words()
    return all(w in _ALONE or w in function_words for w in words)


def names_only(sentence: str, names: Iterable[str]) -> bool:
    """Whether the sentence says nothing but ``names`` (the rivals it tags) and how they are
    asked about or brought up (``asking`` in ``cues.toml``, function words): "And ClockBee?",
    "ClockBee.", "What about Petwise?" say nothing of the rival, so a theme's face quote is
    another of its quotes ("ClockBee (uncertain)" had been faced by "And ClockBee?")."""
    text = lowered(sentence).replace("’", "'")
    named = False
    for name in names:
        text, found = re.subn(r"(?<!\w)" + re.escape(name.casefold()) + r"(?!\w)", " ", text)
        named = named or bool(found)
    words = _WORD.findall(text)
    common = english_function_words()
    return named and all(w in _ASKING or w in _ALONE or w in common for w in words)


def unquotable(sentence: str, role: str) -> bool:
    """Never a quote on a theme's page or card: ``says_nothing`` or ``says_nothing_alone``, or a
    line of the deal's record (a CRM field "Lost reason: Missing feature", a tool's "Handled by
    ..."), which may count in a theme's figures but is nobody's words (it had been quoted as the
    rep's note)."""
    if says_nothing(sentence) or says_nothing_alone(sentence):
        return True
    text = sentence.strip()
    if role == "buyer" or len(text) > _NOTE_CHARS:
        return False
    field = _FIELD_LINE.match(text)
    short = field is not None and len(text.split(":", 1)[1].split()) <= _FIELD_WORDS
    return short or bool(_HANDLED_BY.match(text))
