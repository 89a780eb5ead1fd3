"""An embedder that answers texts it already knows from memory and embeds only the rest."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import numpy as np

from pipeline.embed.base import Embedder, Vectors


class MemoEmbedder:
    """The ``inner`` embedder behind an in-memory map of text to vector, seeded with ``known``
    and filled as it goes. Why: a re-fit of the kind model embeds the same thousands of
    labelled sentences as the shipped fit, whose vectors ship beside it."""

    def __init__(self, inner: Embedder, known: Mapping[str, Vectors] | None = None) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.memo: dict[str, Vectors] = dict(known or {})

    def encode(self, texts: Sequence[str]) -> Vectors:
        new = sorted({t for t in texts if t not in self.memo})
        if new:
            self.memo.update(zip(new, self.inner.encode(new), strict=True))
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.vstack([self.memo[t] for t in texts]).astype(np.float32, copy=False)
