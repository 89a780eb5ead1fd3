"""Which buyer phrases an SEO brief may target: phrases that stand alone as a search, a noun
phrase or a verb and its object, never an n-gram run across two clauses ("february and nothing",
"clinicians that adds", "double what smileslot", "seventies and they'll" had been keywords)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

from pipeline.cluster.label import FIGURE_RE
from pipeline.cluster.label_checks import DANGLING, named_competitors
from pipeline.cluster.phrases import EDGE_WORDS, FUNCTION_WORDS, OPENERS_ONLY

# Words that join two clauses: a phrase holding one runs from one into the next.
CLAUSE_JOINS = frozenset(
    "and but or so nor that which who whom whose what when where whether if because while "
    "though although than then unless until".split()
)
# Words that open a remark, not a search ("definitely losing new", "nothing gets approved").
_REMARK_OPENERS = frozenset(
    """definitely probably certainly obviously honestly basically literally actually really
    totally absolutely seriously clearly simply maybe perhaps still already always never ever
    even only just nothing nobody everything everyone everybody someone somebody anyone anybody
    none""".split()
)
# Adjectives that wait for their noun ("losing new", "the whole").
_WAITING_ADJECTIVES = frozenset("new old same different whole own main extra entire".split())
_POSSESSIVE_OF_A_NOUN = re.compile(r"^[a-z]+'s$")
_PRONOUN_CONTRACTIONS = frozenset(
    "it's that's there's what's he's she's who's let's here's".split()
)


def searchable(phrase: str) -> bool:
    """A buyer phrase someone could search for: it opens on a word that is not a function word,
    a negated verb or a remark's opener, ends on one that carries meaning and waits for nothing,
    joins no two clauses, holds no contraction and no figure ("won't use", "use it", "head adds
    up when", "4 a head" and "four dollars" had been an SEO brief's keywords)."""
    words = re.findall(r"[a-z0-9']+", phrase.lower().replace("\u2019", "'"))
    if not words or re.search(r"\d", phrase) or FIGURE_RE.search(phrase):
        return False
    first, last = words[0], words[-1]
    contracted = any(
        "'" in w and (not _POSSESSIVE_OF_A_NOUN.match(w) or w in _PRONOUN_CONTRACTIONS)
        for w in words
        if not w.endswith("n't")  # "won't use another app": a negated verb inside is fine
    )
    return not (
        contracted
        or first in EDGE_WORDS
        or first in _REMARK_OPENERS
        or first.endswith("n't")
        or last in FUNCTION_WORDS
        or last in DANGLING
        or last in OPENERS_ONLY
        or last in _WAITING_ADJECTIVES
        or any(w in CLAUSE_JOINS for w in words)
    )


def target_keywords(phrases: Iterable[str], rivals: Sequence[str], about_rival: bool) -> list[str]:
    """The searchable phrases, the target first: a brief that is not about a rival does not
    target one by name ("double what smileslot" had titled a general brief)."""
    found = [p for p in phrases if searchable(p)]
    if about_rival:
        return found
    general = [p for p in found if not named_competitors(p, rivals)]
    return general + [p for p in found if p not in general]
