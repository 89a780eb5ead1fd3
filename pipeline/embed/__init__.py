"""Embed stage: the ``Embedder`` protocol, the backends chosen by name from ``EMBEDDERS``
(``CALLMINE_EMBEDDER``), and the embeddings cache.

Each backend imports its heavy library (torch, onnxruntime, openai) only when it is built.
To add one: a class with ``name``, ``dim`` and ``encode``, and an entry in ``EMBEDDERS``.
"""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import Settings
from pipeline.embed.base import Embedder, Vectors, label_sums, normalise
from pipeline.embed.cache import CachedEmbedder, embed_cached, text_hash
from pipeline.errors import BadInput

__all__ = [
    "EMBEDDERS",
    "CachedEmbedder",
    "Embedder",
    "Vectors",
    "create_embedder",
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
            settings.data_dir / "onnx",
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
