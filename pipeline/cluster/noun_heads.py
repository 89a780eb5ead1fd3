"""Whether a word a theme's quotes share ends its noun phrase where they say it (its head: "the
email", "the kennels"), or only ever describes the next word ("a fake | invoice", "the punch |
clock"): a name of "the fake" is cut mid-phrase.

Why: a pain theme had been named "Problems with the email and the fake" from "clicked a fake
DocuSign email" and "paid a fake invoice". No tagger is at hand, so the quotes tell: a word is a
head where a function word, a verb or the clause's end follows it, a modifier where only the
rest of its noun phrase does. Pure functions on the quotes' words.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from pipeline.cluster.pain_shapes import ADVERBS, AUXILIARIES, DETERMINERS, tokens
from pipeline.cluster.phrases import CLAUSE, FUNCTION_WORDS, NUMBER_WORDS
from pipeline.detect.rules import normalise_quotes

_OBJECTS = frozenset("me us them him her it you".split())
# Verbs in their past with no "-ed": after a noun, they say what it did ("the clock broke").
_IRREGULAR_PAST = frozenset(
    "got made took came went said told gave broke lost sent spent kept left ran brought found "
    "threw rang wrote forgot put set cut paid fell froze stuck hit".split()
)


def _folded(word: str) -> str:
    """A plural or a possessive as its word ("invoices", "driver's" are "invoice", "driver")."""
    word = word.lower().removesuffix("'s")
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def _after(word: str, texts: Sequence[str]) -> Iterator[tuple[str, str]]:
    """Each time ``word`` (folded) is said, the two words after it in its clause ("" past its
    end)."""
    for text in texts:
        for part in CLAUSE.split(normalise_quotes(text)):
            said = [w.lower() for w in tokens(part)] + ["", ""]
            for i, w in enumerate(said[:-2]):
                if _folded(w) == word:
                    yield said[i + 1], said[i + 2]


def _a_verb(word: str, then: str) -> bool:
    """Whether ``word``, said right after a noun and before ``then``, is a verb: an auxiliary, a
    past ("looked", "broke"), or one before its object ("eats | the cards")."""
    objected = then in DETERMINERS or then in _OBJECTS or then in NUMBER_WORDS or then.isdigit()
    past = (word.endswith("ed") and not word.endswith("eed")) or word in _IRREGULAR_PAST
    return word in AUXILIARIES or word in ADVERBS or past or objected


def ends_its_phrase(word: str, texts: Sequence[str]) -> bool:
    """Whether a quote says ``word`` at the end of its noun phrase: before a function word, a
    verb or its clause's end ("the email | that looked", "the kennels | over Easter");
    never where each says it before more of its phrase ("a fake | DocuSign email")."""
    return any(
        not nxt or nxt in FUNCTION_WORDS or _a_verb(nxt, then)
        for nxt, then in _after(_folded(word), texts)
    )


def its_phrase(word: str, texts: Sequence[str]) -> str:
    """The words a shared ``word`` names a thing in: itself when it ends its phrase
    (``ends_its_phrase``), else with the one word every quote says after it when that one does
    ("punch" is "punch clock"); "" when it only describes different things ("fake": "fake
    invoice", "fake email"), never a name's last word."""
    if ends_its_phrase(word, texts):
        return word
    following = {_folded(nxt) for nxt, _ in _after(_folded(word), texts)}
    if len(following) == 1:
        [nxt] = following
        if ends_its_phrase(nxt, texts):
            return f"{word} {nxt}"
    return ""
