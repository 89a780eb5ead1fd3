"""A quote that cannot stand alone and the lead-in that lets a reader follow it: the sentence
said just before it in the same turn, verbatim and shown as secondary ("…the onboarding took our
team three weeks. **And then the price.**"). "And then the price." and "Plus the contract." had
been a price theme's quotes, meaning nothing alone. Shared by theme pages, cards and documents;
the quoted span (what citations point to) stays the mention's own."""

from __future__ import annotations

import re
from collections import defaultdict, deque
from collections.abc import Callable, Hashable, Sequence
from typing import TypeVar

from pipeline.cluster.phrase_shape import FUNCTION_WORDS, WEAK_WORDS
from pipeline.detect.antecedents import leans_back
from pipeline.detect.rules import lowered, says_nothing
from pipeline.detect.sentences import quote_span, split_sentences
from pipeline.quote_shape import after_filler, continues, without_opening

# A sentence this short after its filler is a fragment when it carries on, points back or says
# little: "That's the problem." is; "And the vans turn up late every single week." is not.
SHORT_QUOTE_WORDS = 8
# A sentence this short with no word that says what says too little alone: "Not for us." does,
# "I'm not sure we need it." (six words, of the product on the table) does not.
FEW_WORDS = 5
# The most of a lead-in shown: its tail, cut at a word (the ellipsis before it says so).
LEAD_IN_CHARS = 160
# Subjects that point back at what the turn said before ("Those are the main things.").
_POINTING_SUBJECT = re.compile(
    r"^(?:that|this|those|these)(?:['’](?:s|re|ll|d)\b|\s+(?:is|was|are|were|would|will|means"
    r"|meant|one|ones|bit|part)\b|\W*$)"
)
# Subjects that may stand for the product or people in general ("It's too expensive." says
# what), so they lean back only when the sentence says nothing else ("It's too much for us.").
_VAGUE_SUBJECT = re.compile(r"^(?:it|they)(?:['’](?:s|re|ll|d)\b|\s)")
# Words that judge what a bare pronoun stands for without saying what it is: "It's the only
# thing that matters to me." had fronted an integrations theme, "It's a big deal for us." says
# as little; "It's too expensive." (what) is not one.
_VERDICT_WORDS = frozenset(
    "only main matter matters mattered important big biggest deal reason key priority".split()
)
# How much or how fast, with nothing it is weighed against: "Not a lot less, but less." (than
# what?) names nothing alone; "Less than we pay now." says what.
_COMPARING_WORDS = frozenset(
    "less more fewer cheaper dearer pricier faster slower quicker longer shorter bigger smaller "
    "higher lower better worse easier harder".split()
)
_THAN = re.compile(r"\bthan\b")
# A sentence carrying on the one before ("And ...", "But ...") reads alone when it names this
# many things of its own: "And the vans turn up late every single week." does, "Yes, but next
# time maybe we are not so lucky." (after a buyer's story of a near miss) does not.
OWN_WORDS = 3
_WORD = re.compile(r"[a-z0-9][a-z0-9'’-]*")
T = TypeVar("T")


def content_words(text: str) -> set[str]:
    """The words of ``text`` that say what (no function word, light verb or vague word):
    "It's too much for us." has none, "Staff won't use two apps." has "staff", "use", "apps"."""
    said = {w.replace("’", "'") for w in _WORD.findall(lowered(without_opening(text)))}
    return {w for w in said if w not in FUNCTION_WORDS and w not in WEAK_WORDS}


def needs_lead_in(text: str) -> bool:
    """Whether a quote cannot stand alone: short, and it opens on a joining word ("And then the
    price.", "Plus the contract."), points back ("That's the problem.", ``leans_back``), has a
    bare pronoun for its subject and nothing else to say but a verdict ("It's too much for
    us.", "It's the only thing that matters to me.", ``_VERDICT_WORDS``), or says
    little: no word that says what in ``FEW_WORDS`` words ("So, not for us."), or one in two
    ("The price."), or only how much more or less than what it does not say ("Not a lot less,
    but less.", ``_COMPARING_WORDS``)."""
    said = after_filler(text).strip()
    if len(said.split()) > SHORT_QUOTE_WORDS or says_nothing(said):
        return False
    rest = lowered(without_opening(said)).lstrip(" \t“\"'‘…")
    words = content_words(said)
    return (
        continues(said)
        or leans_back(said)
        or bool(_POINTING_SUBJECT.match(rest))
        or (bool(_VAGUE_SUBJECT.match(rest)) and words <= _VERDICT_WORDS)
        or (not words and len(said.split()) <= FEW_WORDS)
        or (len(words) == 1 and len(said.split()) <= 2)
        or (bool(words) and words <= _COMPARING_WORDS and not _THAN.search(rest))
    )


def needs_the_turn(text: str) -> bool:
    """Whether a mention's own words cannot stand alone: a short fragment (``needs_lead_in``),
    or one carrying on the sentence before (``continues``) that names fewer than ``OWN_WORDS``
    things of its own. What ranks a theme's quotes before their context is read (one pointing
    back at a thing it does not name is shown with the sentence that names it, when its turn
    has one: ``quote_span``)."""
    said = after_filler(text)
    return needs_lead_in(text) or (continues(said) and len(content_words(said)) < OWN_WORDS)


def reads_alone(text: str, lead: str = "") -> bool:
    """Whether a quote showing ``text`` after ``lead`` (its lead-in, "" for none) reads without
    the turn before it: it has a lead-in, or its words stand alone (``needs_the_turn``) and
    point back at nothing they do not name (``leans_back``, at any length: "That's probably
    more than we pay now, but I'd have to check."). What a theme's page, card and FAQ entry
    lead with."""
    return bool(lead) or not (needs_the_turn(text) or leans_back(after_filler(text)))


def lead_in(turn: str, start: int, *, asked: bool = False) -> str:
    """The turn's words before ``start`` from the last sentence that says something ("" when
    none does: "Exactly. And then the price." has no lead-in, nor when it asks unless
    ``asked``), at most ``LEAD_IN_CHARS`` of its end cut at a word: verbatim, never across
    turns. ``asked``: a question leads in too (what a fragment is grouped by, not shown)."""
    before = [s for s in split_sentences(turn[: max(start, 0)]) if not says_nothing(s[2])]
    if not before or (before[-1][2].rstrip().endswith("?") and not asked):
        # A question is no lead-in: it makes the quote an exchange, and what a buyer asked
        # (a feature) is not what they worry about, so a published page never shows it.
        return ""
    return last_words(turn[before[-1][0] : start].strip())


def last_words(words: str, chars: int = LEAD_IN_CHARS) -> str:
    """At most ``chars`` of the end of ``words``, cut at a word: a lead-in shown after an
    ellipsis, so the words it starts on are the speaker's own."""
    if len(words) <= chars:
        return words
    tail = words[-chars:]
    return tail[tail.find(" ") + 1 :] if " " in tail else tail


def shown_lead_in(turn: str, shown_start: int, shown: str) -> str:
    """The lead-in of a quote showing ``shown`` from ``shown_start`` of its ``turn``: its
    ``lead_in`` when it ``needs_lead_in``, else ""."""
    return lead_in(turn, shown_start) if needs_lead_in(shown) else ""


def quote_lead_in(turn: str, sentence: str, start: int, end: int, *, goes_on: bool = False) -> str:
    """The lead-in of a quote of ``sentence`` as ``quote_text`` shows it (with the sentence
    of the turn it depends on when ``quote_span`` takes one): "" when it stands alone, or its
    span no longer matches the turn."""
    if turn[start:end] != sentence:
        return ""
    first, last = quote_span(turn, start, end, goes_on=goes_on)
    return shown_lead_in(turn, first, turn[first:last])


def quote_reads(text: str, lead: str) -> bool:
    """Whether a quote showing ``text`` after ``lead`` (its lead-in, "" for none) reads: it
    stands alone or has words before it to lean on (a document's choice; a theme's page and
    FAQ ask more of it, ``reads_alone``)."""
    return bool(lead) or not needs_lead_in(text)


def readable_first(
    items: Sequence[T], reads: Callable[[T], bool], group: Callable[[T], Hashable]
) -> list[T]:
    """``items`` with each one that does not read (``reads``: it stands alone or has a
    lead-in) moved behind the readable ones of its ``group`` (kind and role): every place keeps
    its group, so a buyer's fragment gives way to another buyer's sentence of the same kind,
    never to a rep's note or another kind's."""
    members: dict[Hashable, list[T]] = defaultdict(list)
    for item in items:
        members[group(item)].append(item)
    queues = {
        key: deque([i for i in found if reads(i)] + [i for i in found if not reads(i)])
        for key, found in members.items()
    }
    return [queues[group(item)].popleft() for item in items]
