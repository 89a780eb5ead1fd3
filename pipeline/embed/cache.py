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


def embed_cached(db: Session, embedder: Embedder, texts: Sequence[str]) -> Vectors:
    """Embed ``texts``, reusing vectors stored by text hash so nothing is embedded twice.

    Vectors read or made in this session are also kept in the session's ``info`` (dropped
    with it): one analysis reads the same mentions' vectors in three stages.
    """
    if not texts:
        return np.zeros((0, max(embedder.dim, 1)), dtype=np.float32)
    hashes = [text_hash(t) for t in texts]
    known: dict[str, Vectors] = db.info.setdefault(("vectors", embedder.name), {})
    unique = [h for h in dict.fromkeys(hashes) if h not in known]
    for start in range(0, len(unique), 500):
        chunk = unique[start : start + 500]
        rows = db.execute(  # plain columns, not ORM objects: 100k rows load in a second
            select(EmbeddingCache.text_hash, EmbeddingCache.vector).where(
                EmbeddingCache.model == embedder.name, EmbeddingCache.text_hash.in_(chunk)
            )
        )
        for digest, vector in rows:
            known[digest] = np.frombuffer(vector, dtype=np.float32)
    missing = [h for h in unique if h not in known]
    if missing:
        first_text = dict(zip(hashes, texts, strict=True))
        fresh = embedder.encode([first_text[h] for h in missing])
        fresh_rows: list[dict[str, object]] = []
        for h, vector in zip(missing, fresh, strict=True):
            known[h] = vector
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
    return np.vstack([known[h] for h in hashes]).astype(np.float32)


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
