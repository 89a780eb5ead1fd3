"""Whether a buyer phrase names a thing a searcher looks for: a noun phrase of the page's domain,
not a remark ("realistically nothing happens"), a clause with its subject cut ("uses commercial
vehicle" of "Ours uses commercial vehicle routing", "works fine" of "the paper rota works fine")
nor a phrase of the buyer's own words about something else (all four had been an SEO brief's
secondary keywords). Split from ``seo_keywords`` (which phrases stand alone at all)."""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Sequence

from pipeline.cluster.pain_names import LIGHT_VERBS, verb_bases
from pipeline.cluster.pain_shapes import ADVERBS, MODALS, SUBJECTS, tokens
from pipeline.cluster.phrase_shape import WEAK_WORDS
from pipeline.cluster.phrases import FUNCTION_WORDS, NUMBER_WORDS, whole_phrase
from pipeline.detect.rules import cue_scores, normalise_quotes
from pipeline.language import opens_a_clause

# Who does something: one before another word of a phrase makes it a clause ("nothing happens").
_SUBJECTS = SUBJECTS | frozenset(
    "nothing something everything anything everyone someone nobody ours theirs yours".split()
)
# A verb's tense or negation inside a phrase: "the dog was limping", "staff won't use".
_FINITE = frozenset("am is are was were been being has had does did".split())
# Words of how often, no adverb of a remark: "monthly billing", "weekly rota".
_EVERY = frozenset("hour day week month quarter year night fortnight".split())
MIN_STEM = 4  # "pricing" and "price" share "pric"; "van" and "vat" share no stem


def same_stem(word: str, other: str) -> bool:
    """Whether two words share a stem: "pricing" and "price", "routing" and "routes"."""
    shorter = min(len(word), len(other))
    common = len(os.path.commonprefix([word, other]))
    return word == other or (common >= MIN_STEM and common >= shorter - 1)


def opens_a_remark(word: str) -> bool:
    """A remark's opener: a sentence adverb, an "-ly" adverb or a function word
    ("realistically", "honestly"), not a word of how often ("monthly")."""
    return opens_a_clause(word) and not (word.endswith("ly") and word[:-2] in _EVERY)


def _a_thing(word: str) -> bool:
    """Whether a phrase's last word can be its head noun: no function, weak or number word,
    adverb, negation or figure ("works fine", "not comfortable", "thirty three")."""
    return not (
        word in FUNCTION_WORDS
        or word in WEAK_WORDS
        or word in NUMBER_WORDS
        or word in ADVERBS
        or opens_a_remark(word)
        or word.endswith("n't")
        or word.isdigit()
    )


def a_clause(words: Sequence[str]) -> bool:
    """Whether lower-case ``words`` are a clause, not a name: a subject before another word
    ("nothing happens"), a verb's tense or negation ("was limping", "won't use"), or a light
    verb's tense opening it, its subject cut ("uses commercial vehicle", "needs a rota")."""
    if any(w in _SUBJECTS for w in words[:-1]):
        return True
    if any(w in _FINITE or w.endswith("n't") for w in words):
        return True
    # "uses", "needs", "takes": a light verb said of its subject; "pay" alone may be a noun
    first = words[0] if words else ""
    inflected = [b for b in verb_bases(first) if b != first]
    return not first.endswith("ing") and any(b in LIGHT_VERBS for b in inflected)


def verb_where_said(phrase: str, texts: Iterable[str]) -> bool:
    """Whether, where a buyer says it, the phrase opens on a verb after its subject or a modal
    ("won't | use another app", "ours | uses commercial vehicle routing"): its subject is cut."""
    pattern = re.compile(whole_phrase(phrase), re.I)
    for text in texts:
        said = normalise_quotes(text)
        for found in pattern.finditer(said):
            before = [w.lower() for w in tokens(said[: found.start()])]
            while before and before[-1] in ADVERBS:
                before.pop()
            if before and (before[-1] in _SUBJECTS or before[-1] in MODALS):
                return True
    return False


def domain_words(texts: Iterable[str]) -> frozenset[str]:
    """The words of the page's domain: each word of ``texts`` (our product's category, pitch
    and facts, the themes' names and keywords) that carries meaning, lower-case."""
    return frozenset(
        w
        for text in texts
        for w in (t.lower().removesuffix("'s") for t in tokens(text))
        if _a_thing(w) and not w.isdigit()
    )


def of_the_domain(words: Sequence[str], domain: frozenset[str]) -> bool:
    """Whether a word of the phrase is one of the domain's (a word of the same stem), or a
    worry's topic as the detector reads it ("contract", "price", "integration")."""
    said = [w.removesuffix("'s") for w in words]
    return any(same_stem(w, d) for w in said if _a_thing(w) for d in domain) or any(
        cue_scores(" ".join(words)).categories.values()
    )


def names_a_thing(phrase: str, texts: Sequence[str], domain: frozenset[str]) -> bool:
    """A phrase a searcher looks for: it opens on no adverb, ends on a thing (its head noun),
    is no clause (``a_clause``, ``verb_where_said`` in the buyers' ``texts``) and holds a word
    of the page's ``domain`` (``of_the_domain``): "council contract compliance", never
    "realistically nothing happens", "works fine" or "use another app"."""
    words = [w.lower() for w in tokens(phrase)]
    return (
        bool(words)
        and not opens_a_remark(words[0])
        and _a_thing(words[-1])
        and not a_clause(words)
        and not verb_where_said(phrase, texts)
        and of_the_domain(words, domain)
    )
