"""Whether a quote reads alone: long enough, not carrying on the sentence before it, not
pointing back at what it does not name, not opening on a redacted word. Shared by the documents
(which quote may open a section) and the theme namer (which quotes are fragments); split from
``pipeline.content.quote_text`` so clustering need not import the content room."""

from __future__ import annotations

import re

from pipeline.detect.antecedents import leans_back
from pipeline.redact import PLACEHOLDERS

_CONTINUES_RE = re.compile(r"(?:and|or|but|so|because|then|which|that)\b", re.IGNORECASE)
MIN_OPENING_WORDS = 5


def stands_alone(text: str) -> bool:
    """A sentence a reader understands without the one before it: five words or more, and
    ``self_contained`` ("Or only for the busy months." had opened a timeline on setup time,
    and it asks for a cheaper price)."""
    return len(text.split()) >= MIN_OPENING_WORDS and self_contained(text)


def self_contained(text: str) -> bool:
    """Whether a quote may head a section: it neither carries on the sentence before it
    (``continues``) nor points back at what it does not name (``leans_back``): "We never moved
    to the online one." had headed a one-pager; nor opens on a redacted word
    (``leads_with_placeholder``)."""
    return not continues(text) and not leans_back(text) and not leads_with_placeholder(text)


def leads_with_placeholder(text: str) -> bool:
    """Whether ``text`` opens on a redacted word: "**[name]'s been here thirty years…**" had
    headed a one-pager's entry, where a reader's eye lands first."""
    return text.lstrip(" \t“\"'‘…").startswith(PLACEHOLDERS)


def continues(text: str) -> bool:
    """Whether ``text`` opens on a word that carries on the sentence before it ("And in
    French?", "Or only for the busy months.")."""
    return bool(_CONTINUES_RE.match(text.lstrip()))
