"""Whether a quote reads alone: long enough, not carrying on the sentence before it, not
pointing back at what it does not name, not opening on a redacted word. Shared by the documents
(which quote may open a section) and the theme namer (which quotes are fragments); split from
``pipeline.content.quote_text`` so clustering need not import the content room."""

from __future__ import annotations

import re

from pipeline.detect.antecedents import leans_back
from pipeline.detect.rules import CUES, lowered
from pipeline.redact import PLACEHOLDERS

_OPENINGS = CUES["quote_openings"]


def _either(key: str) -> str:
    return "|".join(_OPENINGS[key])


_CONTINUES_RE = re.compile(rf"(?:{_either('joins')}|{_either('clause_joins')})\b")
_SPACED = r"(?:\s*[,—–…]+\s*|\s+)"  # a word's comma, dash or space after it
# Fillers before the point ("I mean, ", "Well ", "Look, "); one that needs a comma ("Look at
# the rota") is no filler without one.
_FILLER = rf"(?:{_either('fillers')}){_SPACED}|(?:{_either('comma_fillers')})\s*[,—–…]+\s*"
_FILLER_RE = re.compile(rf"(?:{_FILLER})+")
_OPENING_RE = re.compile(rf"(?:{_FILLER}|(?:{_either('joins')}){_SPACED})+")
_LEADING_MARKS = " \t“\"'‘…"
MIN_OPENING_WORDS = 5


def stands_alone(text: str) -> bool:
    """A sentence a reader understands without the one before it: five words or more after
    any filler it opens on ("I mean, three hours." is two), and ``self_contained`` ("Or only
    for the busy months." had opened a timeline on setup time, and it asks for a cheaper
    price)."""
    return len(after_filler(text).split()) >= MIN_OPENING_WORDS and self_contained(text)


def self_contained(text: str) -> bool:
    """Whether a quote may head a section: after any filler it opens on (``after_filler``), it
    neither carries on the sentence before it (``continues``) nor points back at what it does
    not name (``leans_back``): "We never moved to the online one." had headed a one-pager; nor
    opens on a redacted word (``leads_with_placeholder``)."""
    said = after_filler(text)
    return not continues(said) and not leans_back(said) and not leads_with_placeholder(said)


def after_filler(text: str) -> str:
    """``text`` without the fillers it opens on (``fillers`` in ``cues.toml``'s
    ``[quote_openings]``): "I mean, the kennel rota is a mess." is "the kennel rota is a
    mess."; the text as it is when nothing would be left ("Well, um.")."""
    return _dropped(text, _FILLER_RE)


def leads_with_placeholder(text: str) -> bool:
    """Whether ``text`` opens on a redacted word: "**[name]'s been here thirty years…**" had
    headed a one-pager's entry, where a reader's eye lands first."""
    return text.lstrip(" \t“\"'‘…").startswith(PLACEHOLDERS)


def without_opening(text: str) -> str:
    """``text`` without the fillers and joining words it opens on (``after_filler``, ``joins``):
    what a name made from it says. "Plus the vans never arrive on time." is "the vans never
    arrive on time."; the text as it is when nothing would be left."""
    return _dropped(text, _OPENING_RE)


def _dropped(text: str, opening: re.Pattern[str]) -> str:
    said = text.lstrip(_LEADING_MARKS)
    found = opening.match(lowered(said))  # lowered keeps the length: its end cuts ``said``
    rest = said[found.end() :] if found else said
    return rest if rest.strip() else text


def continues(text: str) -> bool:
    """Whether ``text`` opens, after any filler, on a word that carries on the sentence before
    it (``continues`` in ``cues.toml``'s ``[quote_openings]``): "And in French?", "Or only for
    the busy months.", "Also, the labels print in the wrong order.", "Oh and the vans..."."""
    return bool(_CONTINUES_RE.match(lowered(after_filler(text).lstrip(_LEADING_MARKS))))
