"""What one running callmine needs (settings, database, embedder): built once, passed down."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.embed import Embedder, create_embedder
from pipeline.store import Database


class Workspace:
    """Holds what is expensive to build; the embedder loads lazily on first use."""

    def __init__(self, settings: Settings, *, embedder: Embedder | None = None) -> None:
        self.settings = settings
        settings.data_dir.mkdir(parents=True, exist_ok=True)
        self.db = Database(settings.resolved_database_url)
        self._embedder = embedder

    @property
    def embedder(self) -> Embedder:
        if self._embedder is None:
            self._embedder = create_embedder(self.settings)
        return self._embedder

    @contextmanager
    def session(self) -> Iterator[Session]:
        with self.db.session() as session:
            yield session

    def close(self) -> None:
        self.db.dispose()
