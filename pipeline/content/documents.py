"""Document and competitor-fact services shared by the API and the CLI (read models, listings)."""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from pydantic import BaseModel, ConfigDict
from sqlalchemy import func, select
from sqlalchemy.orm import Session, object_session

from pipeline.content.generate import get_document
from pipeline.content.staleness import what_changed
from pipeline.errors import BadInput
from pipeline.store.models import CompetitorFact, Document, DocumentComment, DocumentVersion
from pipeline.store.views import ViewCache


class Read(BaseModel):
    model_config = ConfigDict(from_attributes=True)


class CommentRead(Read):
    id: int
    author: str
    kind: str
    body: str
    from_state: str | None
    to_state: str | None
    created_at: dt.datetime


class VersionRead(Read):
    version: int
    author: str
    note: str | None
    created_at: dt.datetime
    has_prompt: bool = False


class VersionDetail(VersionRead):
    body_markdown: str
    prompt: str | None
    raw_reply: str | None


class DocumentSummary(Read):
    id: int
    doc_type: str
    title: str
    state: str
    generator: str
    accuracy: str | None
    competitor: str | None
    industry: str | None = None
    cluster_ids: list[int]
    current_version: int
    error: str | None
    created_at: dt.datetime
    updated_at: dt.datetime
    warnings: list[str] = []
    out_of_date: list[str] = []  # what changed in the calls since it was generated


class DocumentDetail(DocumentSummary):
    body_markdown: str
    content: dict[str, Any]
    quotes: list[dict[str, Any]]
    comments: list[CommentRead]
    versions: list[VersionRead]


class FactRead(Read):
    id: int
    competitor: str
    fact: str
    source: str | None
    created_at: dt.datetime


def _warnings(document: Document) -> list[str]:
    return [str(w) for w in (document.structured or {}).get("warnings", [])]


def summary(document: Document, views: ViewCache | None = None) -> DocumentSummary:
    """``views``: the workspace's, so the out-of-date check is not recomputed per request."""
    out = DocumentSummary.model_validate(document)
    out.warnings = _warnings(document)
    session = object_session(document)
    if session is not None:
        out.out_of_date = what_changed(session, document, views)
    return out


def version_read(version: DocumentVersion) -> VersionRead:
    out = VersionRead.model_validate(version)
    out.has_prompt = version.prompt is not None
    return out


def detail(document: Document) -> DocumentDetail:
    structured = document.structured or {}
    return DocumentDetail(
        **summary(document).model_dump(),
        body_markdown=document.body_markdown,
        content=structured.get("content", {}),
        quotes=structured.get("evidence", {}).get("quotes", []),
        comments=[CommentRead.model_validate(c) for c in document.comments],
        versions=[version_read(v) for v in document.versions],
    )


def list_documents(
    session: Session,
    *,
    state: str | None = None,
    doc_type: str | None = None,
    views: ViewCache | None = None,
) -> list[DocumentSummary]:
    stmt = select(Document).order_by(Document.updated_at.desc(), Document.id.desc())
    if state:
        stmt = stmt.where(Document.state == state)
    if doc_type:
        stmt = stmt.where(Document.doc_type == doc_type)
    return [summary(d, views) for d in session.scalars(stmt)]


def list_versions(session: Session, document_id: int) -> list[VersionRead]:
    return [version_read(v) for v in get_document(session, document_id).versions]


def comments_of(session: Session, document_id: int) -> list[DocumentComment]:
    return list(get_document(session, document_id).comments)


def add_fact(
    session: Session, competitor: str, fact: str, *, source: str | None = None
) -> CompetitorFact:
    """A fact about a competitor a comparison may cite; the source must be an http(s) URL."""
    competitor, fact = competitor.strip(), " ".join(fact.split())
    if not competitor or not fact:
        raise BadInput("a fact needs a competitor name and a text")
    if len(fact) > 1000:
        raise BadInput("a fact is at most 1000 characters")
    source = (source or "").strip() or None
    if source and urlparse(source).scheme not in ("http", "https"):
        raise BadInput("source must be an http(s) URL")
    row = CompetitorFact(competitor=competitor[:255], fact=fact, source=source)
    session.add(row)
    session.flush()
    return row


def list_facts(session: Session, competitor: str) -> list[CompetitorFact]:
    return list(
        session.scalars(
            select(CompetitorFact)
            .where(func.lower(CompetitorFact.competitor) == competitor.strip().lower())
            .order_by(CompetitorFact.id)
        )
    )


def import_facts(session: Session, path: Path) -> list[CompetitorFact]:
    """Load a TOML facts file (``[[facts]] competitor, fact, source``); skips exact duplicates."""
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise BadInput(f"cannot read facts file: {exc}", filename=path.name) from exc
    entries = data.get("facts")
    if not isinstance(entries, list):
        raise BadInput("facts file needs [[facts]] tables", filename=path.name)
    added: list[CompetitorFact] = []
    for entry in entries:
        if not isinstance(entry, dict):
            raise BadInput("each [[facts]] entry is a table", filename=path.name)
        competitor, fact = str(entry.get("competitor", "")), str(entry.get("fact", ""))
        existing = (
            {f.fact for f in list_facts(session, competitor)} if competitor.strip() else set()
        )
        if " ".join(fact.split()) in existing:
            continue
        added.append(add_fact(session, competitor, fact, source=entry.get("source")))
    return added
