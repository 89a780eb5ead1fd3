"""The embeddings cache: a text is embedded once per model, across sessions and within one."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy import event, func, select

from pipeline.embed import Embedder, Vectors, embed_cached
from pipeline.store.models import EmbeddingCache
from pipeline.workspace import Workspace


class CountingEmbedder:
    """The real embedder, counting the texts it is asked to embed."""

    def __init__(self, inner: Embedder, name: str | None = None) -> None:
        self.inner, self.dim = inner, inner.dim
        self.name = name or inner.name
        self.texts: list[str] = []

    def encode(self, texts: Sequence[str]) -> Vectors:
        self.texts.extend(texts)
        return self.inner.encode(texts)


TEXTS = ["It's too expensive for us.", "We already use RotaPro.", "It's too expensive for us."]


def test_each_text_embedded_once_across_sessions(workspace: Workspace, embedder: Embedder) -> None:
    counting = CountingEmbedder(embedder)
    with workspace.session() as session:
        first = embed_cached(session, counting, TEXTS)
    assert counting.texts == ["It's too expensive for us.", "We already use RotaPro."]
    assert np.array_equal(first[0], first[2])
    assert np.allclose(first, embedder.encode(TEXTS), atol=1e-5)
    with workspace.session() as session:  # a new session reads the stored vectors
        again = embed_cached(session, counting, [*TEXTS, "Setup takes too long."])
        stored = session.scalar(select(func.count()).select_from(EmbeddingCache))
    assert counting.texts[2:] == ["Setup takes too long."]
    assert np.array_equal(again[:3], first)
    assert stored == 3


def test_vectors_read_once_per_session(workspace: Workspace, embedder: Embedder) -> None:
    with workspace.session() as session:
        embed_cached(session, embedder, TEXTS)
    statements: list[str] = []

    def record(_conn: object, _cursor: object, sql: str, *_args: object) -> None:
        statements.append(sql)

    engine = workspace.db.engine
    event.listen(engine, "before_cursor_execute", record)
    try:
        with workspace.session() as session:
            first = embed_cached(session, embedder, TEXTS)
            reads = len(statements)
            second = embed_cached(session, embedder, TEXTS[:2])
    finally:
        event.remove(engine, "before_cursor_execute", record)
    assert reads == 1 and len(statements) == 1  # the second call is served from the session
    assert np.array_equal(second, first[:2])


def test_another_model_has_its_own_vectors(workspace: Workspace, embedder: Embedder) -> None:
    other = CountingEmbedder(embedder, name="st:other-model")
    with workspace.session() as session:
        embed_cached(session, embedder, TEXTS)
        embed_cached(session, other, TEXTS)
        models = set(session.scalars(select(EmbeddingCache.model)))
    assert other.texts == TEXTS[:2]
    assert models == {embedder.name, "st:other-model"}
