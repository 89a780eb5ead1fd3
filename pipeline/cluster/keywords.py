"""Keywords: what sets each cluster's texts apart from the others'.

c-TF-IDF, as in BERTopic: a word or two-word term scores high when frequent in this group and
rare in the rest. A two-word term is two words said side by side in one clause: "afraid let" (from
"I'm afraid. Let me...") and "dentists hygienists" (from "dentists and three hygienists") had
been keywords, and a bare figure ("12") is none. Kept for search and for telling duplicates
apart, and a name that says them (``keyword_affinity``) is preferred over one that recurs but
is about something else.
"""

from __future__ import annotations

import functools
import tomllib
from collections.abc import Sequence
from importlib import resources

import numpy as np

from pipeline.cluster.phrases import CLAUSE, WORD_TOKEN
from pipeline.cluster.term_counts import NoTerms, count_matrix
from pipeline.detect.rules import normalise_quotes
from pipeline.language import foreign_function_words

# Spoken filler and contraction stubs that English stop-word lists miss.
EXTRA_STOP_WORDS = frozenset(
    "does did don won ll ve re just really honestly like think worried concerned concern "
    "going want need sure yeah okay um uh".split()
)
KEYWORDS_KEPT = 8


@functools.cache
def stop_words() -> frozenset[str]:
    """English stop words (scikit-learn's list, ``pipeline/data/english_stop_words.toml``),
    spoken filler and other languages' function words ("los", "en": a mixed-language call's
    keywords had been those)."""
    path = resources.files("pipeline").joinpath("data", "english_stop_words.toml")
    english = tomllib.loads(path.read_text("utf-8"))["words"].split()
    return frozenset(english) | EXTRA_STOP_WORDS | foreign_function_words()


def keyword_terms(text: str) -> list[str]:
    """The words of ``text`` that are no stop word or figure, and each pair of them said side by
    side inside one clause; a possessive counts as its word ("aoife's" as "aoife")."""
    stop = stop_words()
    terms: list[str] = []
    for clause in CLAUSE.split(normalise_quotes(text).lower()):
        run: list[str] = []
        for token in WORD_TOKEN.findall(clause):
            word = token[:-2] if token.endswith("'s") else token
            if "'" in word or word in stop or len(word) < 2 or word.isdigit():
                run = []  # a stop word between two words breaks the pair
                continue
            terms.append(word)
            if run:
                terms.append(f"{run[-1]} {word}")
            run.append(word)
    return terms


def ctfidf_keywords(groups: Sequence[Sequence[str]], top: int = KEYWORDS_KEPT) -> list[list[str]]:
    """Top c-TF-IDF words and side-by-side pairs (``keyword_terms``) for each group of texts."""
    documents = [" ".join(texts) for texts in groups]
    if not any(doc.strip() for doc in documents):
        return [[] for _ in groups]
    try:
        # Sparse throughout: groups x terms dense was 3 copies of k x vocabulary floats.
        matrix, terms = count_matrix(documents, keyword_terms)
    except NoTerms:  # only stop words everywhere
        return [[] for _ in groups]
    counts = matrix.astype(np.float64)
    words_per_group = np.asarray(counts.sum(axis=1)).ravel()
    average_words = counts.sum() / max(len(groups), 1)
    idf = np.log(1.0 + average_words / np.maximum(np.asarray(counts.sum(axis=0)).ravel(), 1.0))
    result: list[list[str]] = []
    for i in range(len(groups)):
        row = slice(counts.indptr[i], counts.indptr[i + 1])
        columns, found = counts.indices[row], counts.data[row]
        scores = found / max(words_per_group[i], 1.0) * idf[columns]
        order = sorted(range(len(columns)), key=lambda j: (-scores[j], terms[columns[j]]))
        result.append([str(terms[columns[j]]) for j in order[:top]])
    return result


def keyword_affinity(phrase: str, keywords: Sequence[str]) -> float:
    """How much of what sets the group apart ``phrase`` says: each of its words that is one of
    the group's keywords counts by that keyword's rank (1 for the top one, less for each after).

    A phrase said often but about something else ("every two weeks" in a cluster of "it works
    fine") is a poor name however often it recurs.
    """
    weights = {k: 1.0 - rank / len(keywords) for rank, k in enumerate(keywords) if " " not in k}
    return sum(weights.get(word, 0.0) for word in set(WORD_TOKEN.findall(phrase.lower())))
