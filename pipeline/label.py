"""Label stage: a short, unique name per cluster from c-TF-IDF keywords (no LLM needed).

c-TF-IDF (as in BERTopic) treats each cluster as one document, so a word scores high when it is
frequent in this cluster and rare in the others. The name is the top keywords (a bigram hides the
unigrams it contains); duplicates are told apart by the next keyword. An LLM can rename clusters
through the ``ClusterLabeler`` seam (the LLM client lives in ``pipeline/llm.py``).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

import numpy as np

from pipeline.embed import Vectors

NAME_KEYWORDS = 3
# Spoken filler and contraction stubs that English stop-word lists miss.
EXTRA_STOP_WORDS = frozenset(
    "does did don won ll ve re just really honestly like think worried concerned concern "
    "going want need sure yeah okay".split()
)
KEYWORDS_KEPT = 8


@dataclass(frozen=True)
class ClusterLabel:
    name: str
    keywords: list[str]
    central_quote: str


class ClusterLabeler(Protocol):
    """Optional: name clusters from their keywords and quotes (e.g. with an LLM)."""

    def label(self, keywords: Sequence[str], quotes: Sequence[str]) -> str: ...


def ctfidf_keywords(groups: Sequence[Sequence[str]], top: int = KEYWORDS_KEPT) -> list[list[str]]:
    """Top c-TF-IDF unigrams/bigrams (English stop words removed) for each group of texts."""
    from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

    documents = [" ".join(texts) for texts in groups]
    if not any(doc.strip() for doc in documents):
        return [[] for _ in groups]
    try:
        vectorizer = CountVectorizer(
            ngram_range=(1, 2), stop_words=sorted(ENGLISH_STOP_WORDS | EXTRA_STOP_WORDS), min_df=1
        )
        counts = vectorizer.fit_transform(documents).toarray().astype(np.float64)
    except ValueError:  # only stop words everywhere
        return [[] for _ in groups]
    terms = vectorizer.get_feature_names_out()
    tf = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1.0)
    average_words = counts.sum() / max(len(groups), 1)
    idf = np.log(1.0 + average_words / np.maximum(counts.sum(axis=0), 1.0))
    scores = tf * idf
    result: list[list[str]] = []
    for row, count_row in zip(scores, counts, strict=True):
        order = sorted(np.flatnonzero(count_row > 0), key=lambda j: (-row[j], terms[j]))
        result.append([str(terms[j]) for j in order[:top]])
    return result


def _name_from(keywords: Sequence[str], size: int) -> list[str]:
    """The first ``size`` keywords, skipping unigrams already inside a chosen bigram."""
    chosen: list[str] = []
    for word in keywords:
        if any(word in kept.split() or kept in word.split() for kept in chosen):
            continue
        chosen.append(word)
        if len(chosen) == size:
            break
    return chosen


def label_clusters(
    groups: Sequence[Sequence[str]], centroids: Vectors, vectors: Sequence[Vectors]
) -> list[ClusterLabel]:
    """Names, keywords and most central quote per group; names unique across groups."""
    keywords = ctfidf_keywords(groups)
    names = [" / ".join(_name_from(words, NAME_KEYWORDS)) for words in keywords]
    seen: dict[str, int] = {}
    for i, name in enumerate(names):
        if name and name not in seen:
            seen[name] = i
            continue
        extra = _name_from(keywords[i], NAME_KEYWORDS + 2)[NAME_KEYWORDS:]
        candidate = " / ".join([*_name_from(keywords[i], NAME_KEYWORDS), *extra[:1]])
        suffix = 2
        base = candidate or (groups[i][0][:40] if groups[i] else "cluster")
        candidate = base
        while candidate in seen:
            candidate = f"{base} ({suffix})"
            suffix += 1
        seen[candidate] = i
        names[i] = candidate
    labels: list[ClusterLabel] = []
    for i, texts in enumerate(groups):
        central = ""
        if len(texts):
            central = texts[int(np.argmax(vectors[i] @ centroids[i]))]
        labels.append(ClusterLabel(names[i], keywords[i], central))
    return labels
