"""The tables behind precomputed views (``pipeline.store.views``): how often each table was
written, and the views computed at those revisions."""

from __future__ import annotations

import datetime as dt

from sqlalchemy import String, Text
from sqlalchemy.orm import Mapped, mapped_column

from pipeline.store.models import Base, Int64, UTCDateTime, utcnow


class DataRevision(Base):
    """How many committed transactions wrote one table: precomputed views are keyed by the
    revisions of the tables they read (``pipeline.store.views``)."""

    __tablename__ = "data_revisions"

    table_name: Mapped[str] = mapped_column(String(64), primary_key=True)
    value: Mapped[int] = mapped_column(Int64, default=0)


class StoredView(Base):
    """A precomputed view (a page's cluster cards, the dashboard...) at the revisions it was
    computed from; shared by every server and worker process on this database."""

    __tablename__ = "view_cache"

    key: Mapped[str] = mapped_column(String(64), primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    revisions: Mapped[str] = mapped_column(String(255))
    payload: Mapped[str] = mapped_column(Text)
    computed_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
