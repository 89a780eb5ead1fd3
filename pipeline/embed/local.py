"""The default embedder: the bundled sentence-transformers model, on CPU or a torch device."""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np

from pipeline.embed.base import Vectors, normalise


class SentenceTransformerEmbedder:
    """all-MiniLM-L6-v2 from the bundled package folder; never touches the network."""

    def __init__(self, model_path: str, *, batch_size: int = 64, device: str = "cpu") -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        from sentence_transformers import SentenceTransformer

        self._model = SentenceTransformer(model_path, device=device, local_files_only=True)
        self.batch_size = batch_size
        self.name = f"st:{os.path.basename(os.path.normpath(model_path))}"
        get_dim = getattr(self._model, "get_embedding_dimension", None) or (
            self._model.get_sentence_embedding_dimension
        )
        dim = get_dim()
        self.dim = int(dim) if dim is not None else 384

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self._model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return normalise(vectors)
