"""Storage: SQLAlchemy 2 models (engine, sessions, migrations: ``database.py``)."""

from __future__ import annotations

import datetime as dt
import enum
from typing import Any

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Date,
    DateTime,
    Float,
    ForeignKey,
    Integer,
    LargeBinary,
    String,
    Text,
    TypeDecorator,
)
from sqlalchemy.engine import Dialect
from sqlalchemy.orm import (
    DeclarativeBase,
    Mapped,
    mapped_column,
    relationship,
)


class Outcome(enum.StrEnum):
    """How the deal behind a call ended; ``unknown`` when nobody said."""

    won = "won"
    lost = "lost"
    open = "open"
    unknown = "unknown"


class Role(enum.StrEnum):
    """Who said an utterance: the buyer, our rep, a rep's own note, or not known."""

    buyer = "buyer"
    rep = "rep"
    unknown = "unknown"
    rep_note = "rep_note"


class AnalysisState(enum.StrEnum):
    """Where a stored call is in the insight stages; ``failed`` keeps its error."""

    pending = "pending"
    analysed = "analysed"
    failed = "failed"


DOCUMENT_STATES = ("draft", "in_review", "approved", "changes_requested", "failed_generation")


def utcnow() -> dt.datetime:
    """Now, in UTC, timezone-aware (what every timestamp column stores)."""
    return dt.datetime.now(dt.UTC)


class UTCDateTime(TypeDecorator[dt.datetime]):
    """A timestamp that reads back timezone-aware in UTC on every database.

    SQLite keeps no zone: values are stored as naive UTC and given ``UTC`` when read, so the
    API serves ISO 8601 ``date-time`` values with an offset (rows written before this type
    were naive UTC too).
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: dt.datetime | None, dialect: Dialect) -> dt.datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        value = value.astimezone(dt.UTC)
        return value.replace(tzinfo=None) if dialect.name == "sqlite" else value

    def process_result_value(
        self, value: dt.datetime | None, dialect: Dialect
    ) -> dt.datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=dt.UTC) if value.tzinfo is None else value.astimezone(dt.UTC)


# Row ids and counts are 64-bit on every engine (SQLite's INTEGER already is; on PostgreSQL
# BIGINT), so any id the API accepts (``pipeline.types.MAX_ROW_ID``) can be compared with them.
Int64 = BigInteger().with_variant(Integer(), "sqlite")


class Base(DeclarativeBase):
    type_annotation_map = {
        int: Int64,
        dict[str, Any]: JSON,
        list[str]: JSON,
        list[int]: JSON,
        dt.datetime: UTCDateTime,
    }


class Call(Base):
    __tablename__ = "calls"

    id: Mapped[int] = mapped_column(primary_key=True)
    content_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    filename: Mapped[str] = mapped_column(String(255))
    format: Mapped[str] = mapped_column(String(32))
    title: Mapped[str | None] = mapped_column(String(255))
    raw_text: Mapped[str] = mapped_column(Text)
    call_date: Mapped[dt.date | None] = mapped_column(Date, index=True)
    account: Mapped[str | None] = mapped_column(String(255), index=True)
    deal_id: Mapped[str | None] = mapped_column(String(255))
    deal_stage: Mapped[str | None] = mapped_column(String(255))
    industry: Mapped[str | None] = mapped_column(String(255), index=True)  # the account's segment
    outcome: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    our_speakers: Mapped[list[str]] = mapped_column(JSON, default=list)
    competitors: Mapped[list[str]] = mapped_column(JSON, default=list)
    extra: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    # Stored calls start pending; analysis marks them analysed (with its mentions, in one
    # transaction) or failed with the error. Whatever is pending is picked up again.
    analysis_state: Mapped[str] = mapped_column(
        String(16), default=AnalysisState.pending, server_default="pending", index=True
    )
    analysis_error: Mapped[str | None] = mapped_column(Text)
    # The process that stored the call owns its analysis ("host:pid", since when), written
    # with the call: the same content uploaded by another process meanwhile is a duplicate,
    # and a dead owner's call is taken over (``pipeline/claims.py``).
    claimed_by: Mapped[str | None] = mapped_column(String(255))
    claimed_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)

    utterances: Mapped[list[Utterance]] = relationship(
        back_populates="call",
        cascade="all, delete-orphan",
        order_by="Utterance.seq",
        passive_deletes=True,
    )


class Utterance(Base):
    __tablename__ = "utterances"

    id: Mapped[int] = mapped_column(primary_key=True)
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    seq: Mapped[int] = mapped_column(Int64)
    speaker: Mapped[str | None] = mapped_column(String(255))
    role: Mapped[str] = mapped_column(String(16), default="unknown", index=True)
    start_seconds: Mapped[float | None] = mapped_column(Float)
    text: Mapped[str] = mapped_column(Text)
    note_kind: Mapped[str | None] = mapped_column(String(16))  # ``ParsedUtterance.note_kind``
    note_category: Mapped[str | None] = mapped_column(String(32))  # "Price objection:": price

    call: Mapped[Call] = relationship(back_populates="utterances")
    mentions: Mapped[list[Mention]] = relationship(
        back_populates="utterance", cascade="all, delete-orphan", passive_deletes=True
    )


class Mention(Base):
    """A detected unit inside a buyer utterance: every buyer sentence has one of the kinds
    (objection, pain, question, current_setup, other), and competitor and why-now tags ride on
    sentences of any kind (their own rows, same span)."""

    __tablename__ = "mentions"

    id: Mapped[int] = mapped_column(primary_key=True)
    utterance_id: Mapped[int] = mapped_column(
        ForeignKey("utterances.id", ondelete="CASCADE"), index=True
    )
    call_id: Mapped[int] = mapped_column(ForeignKey("calls.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(
        String(16), index=True
    )  # objection|pain|question|current_setup|other, or a tag: competitor|why_now
    category: Mapped[str | None] = mapped_column(String(64))
    text: Mapped[str] = mapped_column(Text)
    char_start: Mapped[int] = mapped_column(Int64, default=0)
    char_end: Mapped[int] = mapped_column(Int64, default=0)
    competitor: Mapped[str | None] = mapped_column(String(255), index=True)
    confidence: Mapped[float] = mapped_column(Float, default=1.0)  # of the kind shown
    # What the review queue ranks by; None on tags and on rows detected before the kinds.
    objection_probability: Mapped[float | None] = mapped_column(Float, nullable=True)
    source: Mapped[str] = mapped_column(String(8), default="model")  # model|llm|user
    # An objection's category lead over the next (the review queue asks near ties); None
    # elsewhere, on a user's answers and on rows detected before it was kept.
    category_margin: Mapped[float | None] = mapped_column(Float, nullable=True)
    cluster_id: Mapped[int | None] = mapped_column(
        ForeignKey("clusters.id", ondelete="SET NULL"), index=True
    )
    excluded: Mapped[bool] = mapped_column(Boolean, default=False)  # user: "not an objection"

    utterance: Mapped[Utterance] = relationship(back_populates="mentions")


class EmbeddingCache(Base):
    __tablename__ = "embeddings"

    text_hash: Mapped[str] = mapped_column(String(64), primary_key=True)
    model: Mapped[str] = mapped_column(String(255), primary_key=True)
    dim: Mapped[int] = mapped_column(Int64)
    vector: Mapped[bytes] = mapped_column(LargeBinary)


class Cluster(Base):
    __tablename__ = "clusters"

    id: Mapped[int] = mapped_column(primary_key=True)
    kind: Mapped[str] = mapped_column(String(16), index=True)
    name: Mapped[str] = mapped_column(String(255))
    auto_name: Mapped[str] = mapped_column(String(255), default="")
    name_locked: Mapped[bool] = mapped_column(Boolean, default=False)
    status: Mapped[str] = mapped_column(String(16), default="active")  # active|merged|retired
    merged_into: Mapped[int | None] = mapped_column(ForeignKey("clusters.id", ondelete="SET NULL"))
    keywords: Mapped[list[str]] = mapped_column(JSON, default=list)
    centroid: Mapped[bytes | None] = mapped_column(LargeBinary)
    # The cosine a new mention needs to join (``cluster.bounds``); None: the fixed floor.
    join_bound: Mapped[float | None] = mapped_column(Float, nullable=True)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class ClusterEdit(Base):
    """A user's rename/merge/split/exclude, replayed after every re-cluster."""

    __tablename__ = "cluster_edits"

    id: Mapped[int] = mapped_column(primary_key=True)
    action: Mapped[str] = mapped_column(String(32))
    cluster_id: Mapped[int | None] = mapped_column(Int64)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Document(Base):
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    doc_type: Mapped[str] = mapped_column(String(32), index=True)
    title: Mapped[str] = mapped_column(String(255))
    state: Mapped[str] = mapped_column(String(32), default="draft", index=True)
    cluster_ids: Mapped[list[int]] = mapped_column(JSON, default=list)
    competitor: Mapped[str | None] = mapped_column(String(255))
    industry: Mapped[str | None] = mapped_column(String(255))  # the segment it is written for
    body_markdown: Mapped[str] = mapped_column(Text, default="")
    structured: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    generator: Mapped[str] = mapped_column(String(32), default="offline")  # offline|llm
    error: Mapped[str | None] = mapped_column(Text)
    accuracy: Mapped[str | None] = mapped_column(String(16))  # accurate|needs_fix
    current_version: Mapped[int] = mapped_column(Int64, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)

    versions: Mapped[list[DocumentVersion]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentVersion.version", passive_deletes=True
    )
    comments: Mapped[list[DocumentComment]] = relationship(
        cascade="all, delete-orphan", order_by="DocumentComment.id", passive_deletes=True
    )


class DocumentVersion(Base):
    __tablename__ = "document_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    version: Mapped[int] = mapped_column(Int64)
    author: Mapped[str] = mapped_column(String(255), default="system")
    body_markdown: Mapped[str] = mapped_column(Text)
    structured: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    prompt: Mapped[str | None] = mapped_column(Text)
    raw_reply: Mapped[str | None] = mapped_column(Text)
    note: Mapped[str | None] = mapped_column(Text)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class DocumentComment(Base):
    __tablename__ = "document_comments"

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(
        ForeignKey("documents.id", ondelete="CASCADE"), index=True
    )
    author: Mapped[str] = mapped_column(String(255), default="anonymous")
    kind: Mapped[str] = mapped_column(String(32), default="comment")  # comment|review|accuracy
    body: Mapped[str] = mapped_column(Text, default="")
    from_state: Mapped[str | None] = mapped_column(String(32))
    to_state: Mapped[str | None] = mapped_column(String(32))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class CompetitorFact(Base):
    """A fact about a competitor entered by a user: the only non-quote source for comparisons."""

    __tablename__ = "competitor_facts"

    id: Mapped[int] = mapped_column(primary_key=True)
    competitor: Mapped[str] = mapped_column(String(255), index=True)
    fact: Mapped[str] = mapped_column(Text)
    source: Mapped[str | None] = mapped_column(String(1024))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class Job(Base):
    __tablename__ = "jobs"

    id: Mapped[str] = mapped_column(String(36), primary_key=True)
    kind: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16), default="queued")  # queued|running|done|failed
    progress: Mapped[float] = mapped_column(Float, default=0.0)
    message: Mapped[str] = mapped_column(Text, default="")
    result: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    # "host:pid" of the process that runs it: a job whose process is gone is stale.
    owner: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, index=True)
    updated_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow, onupdate=utcnow)


class User(Base):
    """Someone who signs in to the web UI or calls the API; ``roles`` say what they may change."""

    __tablename__ = "users"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    password_hash: Mapped[str | None] = mapped_column(String(255))
    roles: Mapped[list[str]] = mapped_column(JSON, default=list)
    disabled: Mapped[bool] = mapped_column(Boolean, default=False)
    # Bumped when the password changes: sessions signed for an older value are refused.
    session_version: Mapped[int] = mapped_column(Int64, default=1)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)

    tokens: Mapped[list[ApiToken]] = relationship(
        cascade="all, delete-orphan", order_by="ApiToken.id", passive_deletes=True
    )


class ApiToken(Base):
    """A user's API token, stored as its SHA-256 (the token itself is shown once)."""

    __tablename__ = "api_tokens"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True, index=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
    last_used_at: Mapped[dt.datetime | None] = mapped_column(UTCDateTime)


class Erasure(Base):
    """The record that an account's calls were erased: who, when, which account, how much."""

    __tablename__ = "erasures"

    id: Mapped[int] = mapped_column(primary_key=True)
    account: Mapped[str] = mapped_column(String(255))
    actor: Mapped[str] = mapped_column(String(255))
    counts: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class TeamMember(Base):
    """Someone on our side of the calls (a rep, an SE): their lines are never the buyer's."""

    __tablename__ = "team_members"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(255))
    name_key: Mapped[str] = mapped_column(String(255), unique=True)  # the name folded, to match
    company: Mapped[str | None] = mapped_column(String(255))
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class ProductProfileVersion(Base):
    """Our product, described once (issue 20): each save is a new version; the highest is the
    profile. ``data`` holds the fields of ``pipeline.content.profile.ProductProfile``."""

    __tablename__ = "product_profile_versions"

    id: Mapped[int] = mapped_column(primary_key=True)
    version: Mapped[int] = mapped_column(Int64, unique=True)
    data: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    author: Mapped[str] = mapped_column(String(255), default="system")
    created_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)


class MigrationRecord(Base):
    __tablename__ = "_migrations"

    name: Mapped[str] = mapped_column(String(255), primary_key=True)
    applied_at: Mapped[dt.datetime] = mapped_column(UTCDateTime, default=utcnow)
