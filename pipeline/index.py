"""Index stage: a faiss inner-product index of mention vectors, keyed by mention id, on disk.

Flat (exact) search below ``IVF_THRESHOLD`` vectors, IVF above it. The file is a cache: it is
written to a temporary file and renamed atomically, and rebuilt from the embeddings cache when it
is missing, unreadable or out of step with the database.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import numpy.typing as npt

from pipeline.embed import Vectors, normalise

IVF_THRESHOLD = 200_000
INDEX_FILENAME = "mentions.faiss"


@dataclass(frozen=True)
class Hit:
    mention_id: int
    similarity: float


class MentionIndex:
    """faiss ``IndexIDMap2`` over inner product on normalised vectors."""

    def __init__(self, dim: int, model: str, index: Any | None = None) -> None:
        import faiss

        self.dim = dim
        self.model = model
        self._index = index if index is not None else faiss.IndexIDMap2(faiss.IndexFlatIP(dim))

    @classmethod
    def build(cls, ids: Sequence[int], vectors: Vectors, *, model: str, dim: int) -> MentionIndex:
        """A fresh index over ``vectors``; IVF (trained on the data) for very large corpora."""
        import faiss

        if len(ids) >= IVF_THRESHOLD:
            nlist = int(4 * np.sqrt(len(ids)))
            quantizer = faiss.IndexFlatIP(dim)
            ivf = faiss.IndexIVFFlat(quantizer, dim, nlist, faiss.METRIC_INNER_PRODUCT)
            ivf.train(normalise(vectors))
            ivf.nprobe = 16
            index = cls(dim, model, faiss.IndexIDMap2(ivf))
        else:
            index = cls(dim, model)
        index.add(ids, vectors)
        return index

    def __len__(self) -> int:
        return int(self._index.ntotal)

    def ids(self) -> npt.NDArray[np.int64]:
        import faiss

        return np.asarray(faiss.vector_to_array(self._index.id_map), dtype=np.int64)

    def add(self, ids: Sequence[int], vectors: Vectors) -> None:
        """Add (or replace) vectors by mention id."""
        if not len(ids):
            return
        self.remove(ids)
        self._index.add_with_ids(normalise(vectors), np.asarray(ids, dtype=np.int64))

    def remove(self, ids: Sequence[int]) -> None:
        if len(ids) and len(self):
            selector: Any = np.asarray(ids, dtype=np.int64)  # the SWIG wrapper takes arrays
            self._index.remove_ids(selector)

    def search(self, vector: Vectors, k: int) -> list[Hit]:
        """The ``k`` nearest mentions to one vector, most similar first."""
        if not len(self) or k <= 0:
            return []
        sims, found = self._index.search(normalise(vector), min(k, len(self)))
        return [
            Hit(int(i), float(s)) for i, s in zip(found[0], sims[0], strict=True) if int(i) >= 0
        ]

    def save(self, folder: Path) -> Path:
        """Write atomically (temp file + rename) beside a small JSON description."""
        import faiss

        folder.mkdir(parents=True, exist_ok=True)
        target = folder / INDEX_FILENAME
        handle, temp = tempfile.mkstemp(dir=folder, suffix=".tmp")
        os.close(handle)
        try:
            faiss.write_index(self._index, temp)
            os.replace(temp, target)
        finally:
            if os.path.exists(temp):
                os.unlink(temp)
        meta = {"model": self.model, "dim": self.dim, "count": len(self)}
        _write_atomic(folder / f"{INDEX_FILENAME}.json", json.dumps(meta))
        return target

    @classmethod
    def load(cls, folder: Path) -> MentionIndex | None:
        """The saved index, or None when missing or unreadable (the caller rebuilds)."""
        import faiss

        target = folder / INDEX_FILENAME
        meta_path = folder / f"{INDEX_FILENAME}.json"
        if not target.exists() or not meta_path.exists():
            return None
        try:
            meta = json.loads(meta_path.read_text())
            index = faiss.read_index(str(target))
        except (OSError, ValueError, RuntimeError):
            return None
        return cls(int(meta["dim"]), str(meta["model"]), index)


def _write_atomic(path: Path, text: str) -> None:
    handle, temp = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
    with os.fdopen(handle, "w") as out:
        out.write(text)
    os.replace(temp, path)
