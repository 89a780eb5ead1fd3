"""Whether a pain theme's name reads as a problem a marketer can head a section with ("Chasing
timesheets", "The phone rings while we're treating"), not a thin fragment of its quotes.

A pain review had named themes "Crem" (a clipping of crematorium), "Driver" (a lone noun of ten
pains about ringing drivers), "Answering and night" (two words said by different quotes) and
"Except when I forget" (a clause that names nothing). Pure functions on words; ``pain_names``
builds the names that pass.
"""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from importlib import resources

from pipeline.cluster.phrases import FUNCTION_WORDS, NUMBER_WORDS
from pipeline.detect.rules import normalise_quotes
from pipeline.person_positions import english_words, is_english

# One token of a name: hyphenated words stay whole ("re-keying", "no-shows", "double-booked").
TOKEN = re.compile(r"[^\W_]+(?:['\u2019-][^\W_]+)*")
SUBJECTS = frozenset(
    "i we they he she you someone somebody nobody everyone everybody i'm we're they're".split()
)
# Said between a subject and its verb ("we probably miss", "I still type").
ADVERBS = frozenset(
    "probably still always just usually constantly often then also really genuinely actually "
    "basically literally sometimes never even already".split()
)
# A verb waiting for the rest of its clause ("we need", "they want"): no verb phrase of its own.
AUXILIARIES = frozenset(
    "am is are was were be been being have has had do does did can can't could couldn't will "
    "won't would wouldn't should shouldn't must may might don't doesn't didn't i'll we'll i'd "
    "we'd i've we've".split()
)
# What a plain verb follows ("can't answer", "we'll chase"); be and have take other forms.
MODALS = frozenset(
    "can can't could couldn't will won't would wouldn't should shouldn't must may might do "
    "don't does doesn't did didn't i'll we'll i'd we'd".split()
)
DETERMINERS = frozenset(
    "a an the our their my your his her its this that these those every each all half some "
    "any no".split()
)
# A name opening on one of these is the tail of a sentence ("Which in hindsight was ...",
# "Except when I forget", "Because nobody logs it").
_FRAGMENT_OPENERS = frozenset(
    "which except because although though whereas unless until while whilst and but or so "
    "whereby whom whose".split()
)
# Verdicts that say how bad, never what: "We always get that wrong" names no problem.
_VERDICTS = frozenset(
    "wrong bad worse worst awful terrible hopeless rubbish useless hate hated hates love fine "
    "mess nightmare disaster painful pain headache killing".split()
)


@functools.cache
def problem_nouns() -> frozenset[str]:
    """Nouns that name something going wrong alone ("cancellations", "no-shows"), from
    ``pipeline/data/topic_words.toml``: the only lone words that can head a pain theme."""
    text = resources.files("pipeline").joinpath("data", "topic_words.toml").read_text("utf-8")
    return frozenset(tomllib.loads(text)["problems"])


def tokens(text: str) -> list[str]:
    """The words of ``text`` as said, hyphenated ones whole."""
    return TOKEN.findall(normalise_quotes(text))


def _folded(word: str) -> str:
    """A plural or a possessive as its word ("drivers", "driver's" are "driver")."""
    word = word.lower().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def english(word: str) -> bool:
    """Whether a word is in the embedder's English vocabulary, each part of a hyphenated one:
    a clipping ("crem") or another language's word ("Monat") is not. True with no vocabulary."""
    vocabulary = english_words()
    parts = [p for p in re.split(r"[-']", word.lower()) if p]
    return not vocabulary or all(is_english(p, vocabulary) for p in parts)


def a_problem_alone(word: str) -> bool:
    """Whether one word names a problem by itself: an English word (``english``) that says what
    goes wrong ("Cancellations", "No-shows"); "Payroll", "Driver" or "Crem" says only where."""
    return english(word) and _folded(word) in {_folded(w) for w in problem_nouns()}


def verb_slot(words: Sequence[str], i: int) -> bool:
    """Whether ``words[i]`` (lower-case) stands where a verb does: after its subject, with only
    adverbs between ("we probably miss"), or after a modal or "to"; never after "is" ("is
    late" says how, not what is done)."""
    j = i - 1
    while j >= 0 and words[j] in ADVERBS:
        j -= 1
    return j >= 0 and (words[j] in SUBJECTS or words[j] in MODALS or words[j] == "to")


def thing_words(name: str) -> list[str]:
    """The words of a name that say what it is about: no function word, figure, adverb,
    verdict, nor a word where a verb stands ("I genuinely hate it" says none)."""
    words = [w.lower() for w in tokens(name)]
    return [
        w
        for i, w in enumerate(words)
        if w not in FUNCTION_WORDS
        and w not in NUMBER_WORDS
        and w not in ADVERBS
        and w not in _VERDICTS
        and w not in SUBJECTS
        and not w.endswith("ly")
        and not w.isdigit()
        and not verb_slot(words, i)
    ]


def a_fragment(name: str) -> bool:
    """Whether a name is the tail of a sentence: it opens on a join or a relative ("Which in
    hindsight ...", "Except when I forget"), or on a verb with no subject before its object
    ("Wants a battery", "Takes thirty percent")."""
    words = [w.lower() for w in tokens(name)]
    if not words:
        return True
    if words[0] in _FRAGMENT_OPENERS:
        return True
    second = words[1] if len(words) > 1 else ""
    bare_verb = words[0].endswith("s") and not words[0].endswith("ss") and len(words) > 1
    return bare_verb and (second in DETERMINERS or second in NUMBER_WORDS or second.isdigit())


def _joined(name: str) -> tuple[str, str] | None:
    """The two words of an "X and Y" name, else None."""
    found = re.fullmatch(r"\s*([\w'-]+)\s+and\s+([\w'-]+)\s*", name, re.IGNORECASE)
    return (found.group(1), found.group(2)) if found else None


def said_together(first: str, second: str, texts: Sequence[str]) -> int:
    """How many texts say both words (folded): two words said by different quotes share no
    problem ("Answering and night")."""
    wanted = {_folded(first), _folded(second)}
    return sum(wanted <= {_folded(w) for w in tokens(t)} for t in texts)


def thin_pain_name(name: str, texts: Sequence[str], share: float) -> bool:
    """Whether a pain theme's name is too thin to head a section: a lone word that names no
    problem (``a_problem_alone``), "X and Y" fewer than ``share`` of the ``texts`` say together,
    the tail of a sentence (``a_fragment``) or a clause that names no thing (``thing_words``)."""
    words = tokens(name)
    if len(words) == 1:
        return not a_problem_alone(words[0])
    pair = _joined(name)
    if pair is not None:
        together = said_together(*pair, texts)
        return together < max(2, share * len(texts))
    return a_fragment(name) or not thing_words(name)
