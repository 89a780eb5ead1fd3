"""One document's versions under concurrent edits: a review, an accuracy check, an edit or a
regeneration reads the document under its row lock, so a verdict lands on the version it was
made on, and a new version always starts over as an unchecked draft."""

from __future__ import annotations

from sqlalchemy.orm import Session

from pipeline.errors import Conflict, NotFound
from pipeline.store.models import Document, DocumentComment
from pipeline.store.row_locks import lock_rows


def get_document(session: Session, document_id: int) -> Document:
    document = session.get(Document, document_id)
    if document is None:
        raise NotFound(f"document {document_id} not found")
    return document


def lock_document(session: Session, document_id: int, *, seen: int | None = None) -> Document:
    """The document as it is now, locked until the transaction ends. ``seen``: the version the
    user judged or edited; a 409 when another has been written since (without it, the
    current version is the one acted on)."""
    document = get_document(session, document_id)
    lock_rows(session, Document.current_version, [document.id])
    if seen is not None and seen != document.current_version:
        raise Conflict(
            f"document {document.id} changed: you saw version {seen}, it is now version "
            f"{document.current_version} ({document.state.replace('_', ' ')}). Reload it and "
            "check the text again."
        )
    return document


def back_to_draft(document: Document, who: str, why: str) -> None:
    """A new version is a draft no one has reviewed or checked yet, whatever state and check
    the version before it had (the move is recorded when it takes an approval or review back)."""
    if document.state not in ("draft", "failed_generation"):
        document.comments.append(
            DocumentComment(
                author=who, kind="review", body=why, from_state=document.state, to_state="draft"
            )
        )
    document.state = "draft"
    document.accuracy = None
