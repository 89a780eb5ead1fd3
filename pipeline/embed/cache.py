"""The embeddings cache: vectors stored by text hash, so no text is embedded twice."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.embed.base import Embedder, Vectors
from pipeline.store.database import insert_new
from pipeline.store.models import EmbeddingCache


def text_hash(text: str) -> str:
    return hashlib.sha256(text.strip().encode("utf-8")).hexdigest()


def embed_cached(
    db: Session, embedder: Embedder, texts: Sequence[str], *, remember: bool = True
) -> Vectors:
    """Embed ``texts``, reusing vectors stored by text hash so nothing is embedded twice.

    With ``remember``, vectors read or made in this session are also kept in the session's
    ``info`` (dropped with it): one analysis reads the same mentions' vectors in three stages.
    A full re-cluster reads all of a kind's vectors at once and passes False: only the array
    returned holds them (100k kept vectors are 160 MB more, kind after kind).
    """
    if not texts:
        return np.zeros((0, max(embedder.dim, 1)), dtype=np.float32)
    hashes = [text_hash(t) for t in texts]
    where: dict[str, list[int]] = {}
    for position, digest in enumerate(hashes):
        where.setdefault(digest, []).append(position)
    known: dict[str, Vectors] | None = (
        db.info.setdefault(("vectors", embedder.name), {}) if remember else None
    )
    # Each vector goes straight into the result: 100k stored vectors read one by one and kept
    # until the end were 190 MB of small allocations that stayed resident after.
    result: Vectors | None = None

    def place(digest: str, vector: Vectors) -> None:
        nonlocal result
        if result is None:
            result = np.empty((len(texts), vector.shape[0]), dtype=np.float32)
        result[where[digest]] = vector
        if known is not None:
            known[digest] = vector

    unique = list(where)
    if known is not None:
        for digest in [h for h in unique if h in known]:
            place(digest, known[digest])
        unique = [h for h in unique if h not in known]
    missing = set(unique)
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        rows = db.execute(  # plain columns, not ORM objects: 100k rows load in a second
            select(EmbeddingCache.text_hash, EmbeddingCache.vector).where(
                EmbeddingCache.model == embedder.name, EmbeddingCache.text_hash.in_(chunk)
            )
        )
        for digest, vector in rows:
            place(digest, np.frombuffer(vector, dtype=np.float32))
            missing.discard(digest)
    if missing:
        order = [h for h in unique if h in missing]
        fresh = embedder.encode([texts[where[h][0]] for h in order])
        fresh_rows: list[dict[str, object]] = []
        for h, vector in zip(order, fresh, strict=True):
            place(h, vector)
            fresh_rows.append(
                {
                    "text_hash": h,
                    "model": embedder.name,
                    "dim": int(vector.shape[0]),
                    "vector": vector.tobytes(),
                }
            )
        # One executemany, no ORM object per vector; a vector another writer stored meanwhile
        # is skipped, not a UNIQUE (text_hash, model) error.
        insert_new(db, EmbeddingCache, fresh_rows)
    assert result is not None  # texts is not empty, so every one was placed
    return result


class CachedEmbedder:
    """An embedder that reads and fills the embeddings cache through ``db``.

    Detection embeds every buyer sentence and the mentions it finds are those same sentences:
    through this wrapper they (and the detector's seed phrasings) are embedded once, not twice.
    """

    def __init__(self, db: Session, inner: Embedder, *, commit: bool = False) -> None:
        self._db = db
        self._inner = inner
        self._commit = commit
        self.name = inner.name
        self.dim = inner.dim

    def encode(self, texts: Sequence[str]) -> Vectors:
        """``commit``: new vectors are committed at once, so long work that embeds as it goes
        holds SQLite's write lock for the insert only, not until it ends."""
        vectors = embed_cached(self._db, self._inner, texts)
        if self._commit:
            self._db.commit()
        self.dim = self._inner.dim
        return vectors
