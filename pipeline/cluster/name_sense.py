"""Whether the words a name takes from its quotes still mean what the quotes meant.

A name built from a quote's words keeps the words that carry its sense: "Status quo: interested
right" was cut from "Not interested right now" (the negation and "now" are stop words, so the
keyword pair "interested right" was left), and said the opposite of its quote in a fragment.

- A word or phrase the quotes mostly say negated ("not interested", "don't trust", "no
  signal") names nothing without its negation (``drops_a_negation``).
- A term taken out of a quote (a category's suffix, a keyword in brackets, a topic of one or
  two words) starts and ends where a phrase can: never on "right", "kind" or "know", which lean
  on a word the cut left out ("right now", "kind of", "the lads know it") (``cut_term``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.cluster.phrase_shape import EDGE_WORDS
from pipeline.cluster.phrases import WORD_TOKEN
from pipeline.detect.rules import normalise_quotes

_NEGATION = re.compile(r"^(?:no|not|never|nothing|nobody|none|neither|nor|without|cannot|\w+n't)$")
# Said between a negation and what it negates: "not really interested", "don't even use".
_IN_PASSING = frozenset(
    "really even actually exactly that very so too all quite always ever particularly".split()
)
MAX_IN_PASSING = 2
TERM_WORDS = 2  # a name of this many words or fewer is a term cut out of a quote, not a clause
_SUFFIX = re.compile(r"^[^:]+:\s+(.+)$")
# A label that says the thing is lacking ("Missing feature: online booking") keeps the sense of
# "without online booking": the need is its topic, not the absence dropped from a quote.
_LACK_LABEL = re.compile(r"^(?:missing|lacking|no)\b[^:]*:", re.IGNORECASE)
_BRACKETED = re.compile(r"\s*\(([^()]*)\)\s*$")


def _words(text: str) -> list[str]:
    return [w.lower() for w in WORD_TOKEN.findall(normalise_quotes(text))]


def _same(said: str, word: str) -> bool:
    """One word, whatever its plural ("sheet" and "sheets" agree: terms are folded)."""
    return said == word or said.rstrip("s") == word.rstrip("s")


def _negated(words: Sequence[str], start: int, lack: bool = False) -> bool:
    """Whether the run of ``words`` from ``start`` follows a negation (words in passing between);
    with ``lack``, "without" is none (the name says the lack)."""
    at = start - 1
    while at >= 0 and start - at <= MAX_IN_PASSING and words[at] in _IN_PASSING:
        at -= 1
    return at >= 0 and bool(_NEGATION.match(words[at])) and not (lack and words[at] == "without")


def drops_a_negation(term: str, texts: Sequence[str], lack: bool = False) -> bool:
    """Whether the quotes say ``term`` right after a negation in half its uses or more, so a
    name of it alone says the opposite: "Interested right" of "Not interested right now". With
    ``lack`` (a name saying it is missing, ``_LACK_LABEL``), "without" negates nothing."""
    wanted = _words(term)
    if not wanted or _NEGATION.match(wanted[0]):
        return False  # it keeps its negation: "No signal", "Won't sign"
    uses = negated = 0
    for text in texts:
        words = _words(text)
        for i in range(len(words) - len(wanted) + 1):
            if all(_same(words[i + k], w) for k, w in enumerate(wanted)):
                uses += 1
                negated += _negated(words, i, lack)
    return negated > 0 and 2 * negated >= uses


def cut_term(term: str) -> bool:
    """Whether a term taken out of a quote starts or ends on a word that leans on one left out
    ("interested right" of "right now", "lads know" of "the lads know it"): no phrase."""
    words = _words(term)
    return bool(words) and (words[0] in EDGE_WORDS or words[-1] in EDGE_WORDS)


def name_terms(name: str) -> list[str]:
    """The parts of a name taken out of its quotes as terms: what follows a category's label
    ("Security: SSO and data"), a keyword in brackets ("(seat)"), or a name of ``TERM_WORDS``."""
    bracketed = _BRACKETED.search(name)
    base = name[: bracketed.start()] if bracketed else name
    terms = [bracketed.group(1)] if bracketed and not bracketed.group(1).isdigit() else []
    suffix = _SUFFIX.match(base)
    if suffix:
        terms.extend(t for t in suffix.group(1).split(" and ") if t.strip())
    elif len(_words(base)) <= TERM_WORDS:
        terms.append(base)
    return terms


def keeps_its_sense(name: str, texts: Sequence[str]) -> bool:
    """Whether a name says what its quotes say: none of its terms is cut mid-phrase
    (``cut_term``), and neither the name nor a term of it drops the negation the quotes say it
    with (``drops_a_negation``)."""
    terms = name_terms(name)
    if any(cut_term(t) for t in terms):
        return False
    base = _BRACKETED.sub("", name)
    lack = bool(_LACK_LABEL.match(base))
    return not any(drops_a_negation(t, texts, lack) for t in {base, *terms} if t.strip())
