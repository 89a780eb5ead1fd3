"""``count_matrix`` gives what scikit-learn's ``CountVectorizer`` gave with our analyzers (the
clustering code used it until it cost every process 1.5 s of start-up): the same counts, the
same sorted terms, the same refusal when nothing is left; and the stop words are its list."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from pipeline.cluster.keywords import EXTRA_STOP_WORDS, keyword_terms, stop_words
from pipeline.cluster.phrases import Analyzer
from pipeline.cluster.term_counts import NoTerms, count_matrix
from pipeline.language import foreign_function_words
from tests.insights_corpus import THEMES

TEXTS = [line for lines in THEMES.values() for line in lines] + [
    "",
    "Honestly, the price, the price, the price is what worries me.",
    "Los precios en España son altos, pero el equipo es bueno.",
    "It's £49 a month per site; that's 2x what we pay RotaPro's rota now.",
    "Um, yeah, okay.",
]


@pytest.mark.parametrize(
    ("analyzer", "binary", "min_df"),
    [
        (keyword_terms, False, 1),
        (Analyzer(4), True, 1),
        (Analyzer(4), True, 2),
        (Analyzer(3), False, 2),
    ],
)
def test_counts_and_terms_match_count_vectorizer(
    analyzer: Callable[[str], list[str]], binary: bool, min_df: int
) -> None:
    reference = CountVectorizer(analyzer=analyzer, binary=binary, min_df=min_df)
    expected = reference.fit_transform(TEXTS).tocsr()
    matrix, terms = count_matrix(TEXTS, analyzer, binary=binary, min_df=min_df)
    assert terms == [str(t) for t in reference.get_feature_names_out()]
    assert matrix.shape == expected.shape and matrix.dtype == expected.dtype
    assert (matrix != expected).nnz == 0


def test_nothing_left_is_refused_as_count_vectorizer_refuses() -> None:
    for texts, min_df in ((["", "um"], 1), (["the price is high", "setup takes a week"], 2)):
        with pytest.raises(ValueError):
            CountVectorizer(analyzer=Analyzer(3), min_df=min_df).fit_transform(texts)
        with pytest.raises(NoTerms):
            count_matrix(texts, Analyzer(3), min_df=min_df)


def test_stop_words_are_scikit_learns_list_and_ours() -> None:
    assert stop_words() == (
        frozenset(ENGLISH_STOP_WORDS) | EXTRA_STOP_WORDS | foreign_function_words()
    )
