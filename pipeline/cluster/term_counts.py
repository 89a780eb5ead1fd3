"""Documents x terms count matrices from our own analyzers (what scikit-learn's
``CountVectorizer(analyzer=callable)`` computed), without importing scikit-learn.

Why: every process's first analysis imported scikit-learn for this alone (1.5 s of a CLI
ingest, a worker's or a server's start); the tokenising was always ours (the analyzers in
``phrases`` and ``keywords``). Same matrix, same sorted vocabulary, same refusals.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

import numpy as np

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix


class NoTerms(ValueError):
    """No term left: none at all, or none in ``min_df`` documents (CountVectorizer's
    ValueError)."""


def count_matrix(
    documents: Iterable[str],
    analyzer: Callable[[str], Iterable[str]],
    *,
    binary: bool = False,
    min_df: int = 1,
) -> tuple[csr_matrix, list[str]]:
    """Counts of each term ``analyzer`` finds in each document (1 for present with ``binary``),
    with the terms in sorted order; terms found in fewer than ``min_df`` documents are left
    out. Raises ``NoTerms`` when none is left."""
    from scipy.sparse import csr_matrix  # imported where used: commands that count nothing

    index: dict[str, int] = {}
    indptr, columns, values = [0], [], []
    for document in documents:
        for term, count in Counter(analyzer(document)).items():
            columns.append(index.setdefault(term, len(index)))
            values.append(1 if binary else count)
        indptr.append(len(columns))
    if not index:
        raise NoTerms("no term in any document")
    shape = (len(indptr) - 1, len(index))
    found = csr_matrix(
        (np.asarray(values, dtype=np.int64), np.asarray(columns, dtype=np.int64), indptr), shape
    )
    terms = sorted(index)
    if min_df > 1:
        in_documents = np.bincount(found.indices, minlength=len(index))
        terms = [t for t in terms if in_documents[index[t]] >= min_df]
        if not terms:
            raise NoTerms(f"no term in {min_df} documents")
    return found[:, [index[t] for t in terms]].tocsr(), terms
