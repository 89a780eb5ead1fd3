"""The embed stage's contract: ``Embedder`` turns texts into L2-normalised float32 vectors."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt

Vectors = npt.NDArray[np.float32]


class Embedder(Protocol):
    """Turns texts into L2-normalised float32 vectors (one row per text)."""

    name: str
    dim: int

    def encode(self, texts: Sequence[str]) -> Vectors: ...


def normalise(vectors: npt.NDArray[np.floating]) -> Vectors:
    arr = np.asarray(vectors, dtype=np.float32)
    if arr.ndim == 1:
        arr = arr.reshape(1, -1)
    norms = np.linalg.norm(arr, axis=1, keepdims=True)
    norms[norms == 0] = 1.0
    return np.ascontiguousarray(arr / norms, dtype=np.float32)


def label_sums(vectors: Vectors, labels: npt.NDArray[np.int64], k: int) -> npt.NDArray[np.float64]:
    """Sum of the vectors per label, as one sparse one-hot product (``np.add.at`` is slow)."""
    from scipy.sparse import csr_matrix

    onehot = csr_matrix(
        (np.ones(len(labels), dtype=vectors.dtype), (labels, np.arange(len(labels)))),
        shape=(k, len(labels)),
    )
    return np.asarray(onehot @ vectors, dtype=np.float64)
