"""Embed stage: the ``Embedder`` protocol, the backends chosen by name from ``EMBEDDERS``
(``CALLMINE_EMBEDDER``), and the embeddings cache.

Each backend imports its heavy library (torch, onnxruntime, openai) only when it is built.
To add one: a class with ``name``, ``dim`` and ``encode``, and an entry in ``EMBEDDERS``.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Sequence

from pipeline.config import Settings
from pipeline.embed.base import Embedder, Vectors, label_sums, normalise
from pipeline.embed.cache import CachedEmbedder, embed_cached, text_hash
from pipeline.errors import BadInput

__all__ = [
    "EMBEDDERS",
    "CachedEmbedder",
    "LazyEmbedder",
    "Embedder",
    "Vectors",
    "create_embedder",
    "embedder_name",
    "embed_cached",
    "label_sums",
    "normalise",
    "text_hash",
]


def _sentence_transformers(settings: Settings) -> Embedder:
    from pipeline.embed.local import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder(
        str(settings.resolved_model_path),
        batch_size=settings.embed_batch_size,
        device=settings.embed_device,
    )


def _onnx(quantize: bool) -> Callable[[Settings], Embedder]:
    def build(settings: Settings) -> Embedder:
        from pipeline.embed.onnx import OnnxEmbedder

        return OnnxEmbedder(
            settings.resolved_model_path,
            settings.resolved_onnx_cache_dir,
            quantize=quantize,
            batch_size=settings.embed_batch_size,
        )

    return build


def _openai(settings: Settings) -> Embedder:
    from pipeline.embed.openai_compatible import OpenAIEmbedder

    return OpenAIEmbedder(settings)


# Backend name (``CALLMINE_EMBEDDER``) -> factory; the factory imports the backend's library.
EMBEDDERS: dict[str, Callable[[Settings], Embedder]] = {
    "sentence-transformers": _sentence_transformers,
    "onnx": _onnx(quantize=False),
    "onnx-int8": _onnx(quantize=True),
    "openai": _openai,
}


def create_embedder(settings: Settings) -> Embedder:
    """The embedder named by ``settings.embedder``."""
    try:
        factory = EMBEDDERS[settings.embedder]
    except KeyError:
        raise BadInput(f"unknown embedder {settings.embedder!r}; use {sorted(EMBEDDERS)}") from None
    return factory(settings)


def embedder_name(settings: Settings) -> str:
    """The name the embedder of ``settings`` files its vectors under, without building it."""
    if settings.embedder == "openai":
        return f"openai:{settings.embedding_model}"
    base = os.path.basename(os.path.normpath(settings.resolved_model_path))
    prefix = {"sentence-transformers": "st", "onnx": "onnx", "onnx-int8": "onnx-int8"}
    return f"{prefix[settings.embedder]}:{base}"


class LazyEmbedder:
    """An embedder built on first use: its name is known at once, so work that only reads the
    embeddings cache (a change of grain, a re-cluster of embedded mentions) never loads a
    model."""

    def __init__(self, settings: Settings, build: Callable[[], Embedder]) -> None:
        self.name = embedder_name(settings)
        self._build = build
        self._inner: Embedder | None = None
        # Server threads that search at once must build one model: concurrent first imports
        # of transformers fail ("cannot import name 'AutoTokenizer'").
        self._building = threading.Lock()

    @property
    def inner(self) -> Embedder:
        if self._inner is None:
            with self._building:
                if self._inner is None:
                    inner = self._build()
                    self.name = inner.name
                    self._inner = inner
        return self._inner

    @property
    def dim(self) -> int:
        return self.inner.dim

    @dim.setter
    def dim(self, value: int) -> None:
        self.inner.dim = value

    def encode(self, texts: Sequence[str]) -> Vectors:
        return self.inner.encode(texts)
