"""Whether a sentence is in the documents' language: the pages callmine writes are in English, so
a buyer's Spanish request ("Mándame la propuesta en pesos y en dólares, por favor.") may be
quoted as said, but never stands as a heading or a question a page asks in its own voice."""

from __future__ import annotations

import functools
import re
import tomllib
from collections.abc import Sequence
from importlib import resources

from pipeline.person_positions import english_words, is_english

# Of a sentence's common words, the share that must be English words for it to read as English:
# a buyer's English keeps a product's jargon or two out of the dictionary ("Can Dr. Okafor's
# hygienists see the schedule?": 4 of 5), while Spanish or French shares only loan words and
# short ones ("la", "en", "internet": 3 of 5 in "¿Y el sistema funciona sin internet?").
ENGLISH_SHARE = 0.75
_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")


def common_words(text: str) -> list[str]:
    """The words ``text`` writes in lower case, and its first word: names and brands are
    capitalised mid-sentence and belong to no language."""
    words = _WORD.findall(text)
    return [w for i, w in enumerate(words) if i == 0 or w == w.lower()]


def in_english(text: str) -> bool:
    """Whether ``text`` reads as English: most of its common words are in the bundled embedder's
    English vocabulary (``english_words``). True where that vocabulary is missing (nothing to
    tell by) or the sentence has no common word ("SOC 2?")."""
    vocabulary = english_words()
    words = [w.replace("’", "'").split("'")[0] for w in common_words(text)]
    if not vocabulary or not words:
        return True
    known = sum(is_english(w, vocabulary) for w in words)
    return known >= ENGLISH_SHARE * len(words)


@functools.cache
def foreign_function_words() -> frozenset[str]:
    """Function words of other languages than English (``pipeline/data/function_words.toml``),
    none of them also an English word: "pero", "los", "en", "der", "het"."""
    text = resources.files("pipeline").joinpath("data", "function_words.toml").read_text("utf-8")
    return frozenset(w for words in tomllib.loads(text).values() for w in words.split())


def foreign_words(text: str) -> list[str]:
    """The words of ``text`` that are another language's function words, in order."""
    foreign = foreign_function_words()
    return [w for w in re.findall(r"[^\W\d_]+(?:'[^\W\d_]+)?", text.lower()) if w in foreign]


def mostly_english(texts: Sequence[str]) -> bool:
    """Whether most of ``texts`` are English (``in_english``): a theme's name is then English."""
    return 2 * sum(in_english(t) for t in texts) > len(texts)


@functools.cache
def english_function_words() -> frozenset[str]:
    """English conjunctions, prepositions, pronouns and sentence adverbs
    (``pipeline/data/english_function_words.toml``)."""
    path = resources.files("pipeline").joinpath("data", "english_function_words.toml")
    return frozenset(
        w for words in tomllib.loads(path.read_text("utf-8")).values() for w in words.split()
    )


def opens_a_clause(word: str) -> bool:
    """Whether ``word`` is an English function word or a sentence adverb ("Because", "Unlike",
    "Honestly"): what a sentence opens with, never the first word of a product's name."""
    low = word.casefold().strip(".,;:'’")
    return low in english_function_words() or _an_adverb(low)


def _an_adverb(word: str) -> bool:
    """An English "-ly" word made of an English word: "frankly", "luckily", "basically",
    "probably"; not "family" or "assembly" (their stems are no words), nor a brand made like
    one ("Staffly", "Dentally": no English words)."""
    vocabulary = english_words()
    if not word.endswith("ly") or len(word) < 6 or word not in vocabulary:
        return False
    stems = [word[:-2]]  # honest-ly
    if word.endswith("ily"):
        stems.append(word[:-3] + "y")  # lucki-ly
    if word.endswith("ally"):
        stems.append(word[:-4])  # basic-ally
    if word.endswith(("ably", "ibly")):
        stems.append(word[:-1] + "e")  # probabl-y
    return any(len(stem) >= 4 and stem in vocabulary for stem in stems)
