"""Embeddings from an OpenAI-compatible ``/v1/embeddings`` server (``CALLMINE_EMBEDDER=openai``)."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from pipeline.config import Settings
from pipeline.embed.base import Vectors, normalise
from pipeline.errors import LLMError

log = logging.getLogger(__name__)


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
