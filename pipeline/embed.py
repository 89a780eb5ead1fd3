"""Embedding stage: ``Embedder`` protocol, local sentence-transformers default, optional OpenAI."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Sequence
from typing import Protocol

import numpy as np
import numpy.typing as npt
from sqlalchemy import insert, select
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.errors import LLMError
from pipeline.store import EmbeddingCache

log = logging.getLogger(__name__)

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


class OpenAIEmbedder:
    """Embeddings from any OpenAI-compatible ``/v1/embeddings`` endpoint.

    Servers differ: OpenAI and Ollama return one pooled vector per text; llama-cpp-python's
    server, for a model without a pooling head, returns one vector per token, and for every
    text after the first in a request, vectors that depend on the texts before it. So a
    per-token reply is mean-pooled, and from then on each text is sent on its own.
    """

    def __init__(self, settings: Settings) -> None:
        from openai import OpenAI

        self._client = OpenAI(
            base_url=settings.llm_base_url,
            api_key=settings.resolved_llm_api_key or "not-needed",
            timeout=settings.llm_timeout_s,
            max_retries=settings.llm_max_retries,
        )
        self._model = settings.embedding_model
        self.name = f"openai:{settings.embedding_model}"
        self.dim = 0
        self.batch_size = settings.embed_batch_size

    def encode(self, texts: Sequence[str]) -> Vectors:
        if not texts:
            return np.zeros((0, max(self.dim, 1)), dtype=np.float32)
        rows: list[Vectors] = []
        start = 0
        while start < len(texts):
            batch = list(texts[start : start + self.batch_size])
            replies = self._request(batch)
            if len(batch) > 1 and any(reply.ndim == 2 for reply in replies):
                log.warning("embedding server answers per token: sending one text per request")
                self.batch_size = 1
                continue
            rows.extend(pooled(reply) for reply in replies)
            start += len(batch)
        if len(rows) != len(texts) or len({row.shape for row in rows}) != 1:
            raise LLMError(
                f"embedding server returned {len(rows)} vectors of sizes "
                f"{sorted({row.shape[0] for row in rows})} for {len(texts)} texts"
            )
        vectors = normalise(np.vstack(rows))
        self.dim = int(vectors.shape[1])
        return vectors

    def _request(self, batch: list[str]) -> list[Vectors]:
        try:
            reply = self._client.embeddings.create(model=self._model, input=batch)
        except Exception as exc:  # the openai client raises many types; surface one
            raise LLMError(f"embedding request failed: {exc}") from exc
        return [np.asarray(item.embedding, dtype=np.float32) for item in reply.data]


def pooled(embedding: Sequence[float] | Sequence[Sequence[float]] | Vectors) -> Vectors:
    """One vector per text: a per-token reply (a list of vectors) is mean-pooled."""
    array = np.asarray(embedding, dtype=np.float32)
    if array.ndim == 2:
        array = array.mean(axis=0)
    if array.ndim != 1 or not array.size:
        raise LLMError(f"embedding server returned an array of shape {array.shape}")
    return array


EMBEDDERS = {"sentence-transformers", "onnx", "onnx-int8", "openai"}


def create_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.embedder``."""
    if settings.embedder == "openai":
        return OpenAIEmbedder(settings)
    if settings.embedder in ("onnx", "onnx-int8"):
        from pipeline.embed_onnx import OnnxEmbedder

        return OnnxEmbedder(
            settings.resolved_model_path,
            settings.data_dir / "onnx",
            quantize=settings.embedder == "onnx-int8",
            batch_size=settings.embed_batch_size,
        )
    return SentenceTransformerEmbedder(
        str(settings.resolved_model_path),
        batch_size=settings.embed_batch_size,
        device=settings.embed_device,
    )


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
        db.execute(insert(EmbeddingCache), fresh_rows)  # one executemany, no ORM object per vector
    return np.vstack([known[h] for h in hashes]).astype(np.float32)


class CachedEmbedder:
    """An embedder that reads and fills the embeddings cache through ``db``.

    Detection embeds every buyer sentence and the mentions it finds are those same sentences:
    through this wrapper they (and the detector's seed phrasings) are embedded once, not twice.
    """

    def __init__(self, db: Session, inner: Embedder) -> None:
        self._db = db
        self._inner = inner
        self.name = inner.name
        self.dim = inner.dim

    def encode(self, texts: Sequence[str]) -> Vectors:
        vectors = embed_cached(self._db, self._inner, texts)
        self.dim = self._inner.dim
        return vectors
