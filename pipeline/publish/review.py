"""Review workflow: states, edits as versions, comments, sales accuracy marks, diffs.

``draft -> in_review -> approved | changes_requested``; any edit makes a new version and puts
the document back to ``draft`` (an approval covers one exact text, not later edits).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable
from typing import Literal, NamedTuple

from sqlalchemy.orm import Session

from pipeline.auth.roles import allows
from pipeline.content.citations import edit_warnings, misquotes, unknown_labels
from pipeline.content.versions import back_to_draft, get_document, lock_document
from pipeline.errors import BadInput, Conflict, Forbidden, NotFound
from pipeline.store.models import Document, DocumentComment, DocumentVersion, utcnow

ReviewState = Literal["draft", "in_review", "approved", "changes_requested"]
Accuracy = Literal["accurate", "needs_fix"]
MAX_BODY_CHARS = 200_000
# A gap the offline brief leaves for a writer ("To write: our answer."): nothing to approve yet.
GAP = re.compile(r"(?<![\w])To write\b")

STATE_LABELS = {
    "draft": "Draft",
    "in_review": "In review",
    "changes_requested": "Changes requested",
    "approved": "Approved",
    "failed_generation": "Generation failed",
}
# Comment required: a reviewer who asks for changes says which.
NEEDS_COMMENT = frozenset({"changes_requested"})


class NoteRequired(BadInput):
    """A move that needs a note (a request for changes says which), asked for without one."""


class ReviewAction(NamedTuple):
    """A move a document in some state may make: the target state and what a button says."""

    state: str
    label: str
    needs_comment: bool


def _moves(*pairs: tuple[str, str]) -> list[ReviewAction]:
    return [ReviewAction(state, label, state in NEEDS_COMMENT) for state, label in pairs]


# The workflow: from each state, the moves allowed, in the order the page offers them.
ACTIONS: dict[str, list[ReviewAction]] = {
    "draft": _moves(("in_review", "Send for review")),
    "in_review": _moves(
        ("approved", "Approve"),
        ("changes_requested", "Request changes"),
        ("draft", "Back to draft"),
    ),
    "changes_requested": _moves(("in_review", "Send for review again"), ("draft", "Back to draft")),
    "approved": _moves(("in_review", "Reopen review"), ("changes_requested", "Request changes")),
    "failed_generation": [],
}
TRANSITIONS: dict[str, frozenset[str]] = {
    state: frozenset(action.state for action in actions) for state, actions in ACTIONS.items()
}
# Who may move a document into each state: its authors send it for review or take it back,
# sales judge it (an admin may do anything).
STATE_ROLES: dict[str, tuple[str, ...]] = {
    "draft": ("marketing",),
    "in_review": ("marketing",),
    "approved": ("sales",),
    "changes_requested": ("sales",),
}


def actions_for(state: str, roles: Iterable[str] | None) -> list[ReviewAction]:
    """The moves from ``state`` that a user with ``roles`` may make (None: anyone)."""
    held = list(roles) if roles is not None else None
    return [
        action
        for action in ACTIONS.get(state, [])
        if held is None or allows(held, STATE_ROLES[action.state])
    ]


def movers(state: str) -> list[str]:
    """The roles that may move a document on from ``state`` (the page names them to the rest)."""
    return sorted({role for action in ACTIONS.get(state, []) for role in STATE_ROLES[action.state]})


def record_move(session: Session, document: Document, state: str, who: str, body: str) -> None:
    """Put ``document`` in ``state`` and record the move (who, why, from where)."""
    session.add(
        DocumentComment(
            document_id=document.id,
            author=who,
            kind="review",
            body=body,
            from_state=document.state,
            to_state=state,
        )
    )
    document.state = state


def approval_blockers(document: Document) -> list[str]:
    """What in the text stands between it and an approval, each said as what to do: a fix
    sales asked for, "To write" gaps, citations of no source, quotations no one said. The
    accuracy check is sales's own step, not the text's (``set_state`` asks for it after)."""
    blockers: list[str] = []
    if document.accuracy == "needs_fix":
        blockers.append("sales marked this document as needing a fix: edit it before approving")
    gaps = len(GAP.findall(document.body_markdown))
    if gaps:
        said = "passages still say" if gaps != 1 else "passage still says"
        blockers.append(
            f"{gaps} {said} “To write”: write {'them' if gaps != 1 else 'it'} before approving "
            "(an approval is for the text as published)"
        )
    evidence = (document.structured or {}).get("evidence") or {}
    unknown = unknown_labels(document.body_markdown, evidence)
    if unknown:
        labels = ", ".join(f"[{label}]" for label in unknown)
        blockers.append(
            f"{labels} cite{'s' if len(unknown) == 1 else ''} no source of this document: remove "
            "or correct before approving (a published claim names where it came from)"
        )
    misquoted = misquotes(document.body_markdown, evidence)
    if misquoted:
        short = misquoted[0] if len(misquoted[0]) <= 60 else misquoted[0][:57] + "..."
        blockers.append(
            f"“{short}” is no buyer's, rep's or profile's words verbatim: quote them exactly or "
            "drop the quotation marks before approving"
        )
    return blockers


def _who(name: str | None, default: str) -> str:
    name = (name or "").strip()
    return name[:255] if name else default


def set_state(
    session: Session,
    document_id: int,
    state: str,
    *,
    reviewer: str | None = None,
    comment: str = "",
    roles: Iterable[str] | None = None,
    version: int | None = None,
) -> Document:
    """Move a document to ``state`` if the workflow allows it and ``roles`` may make that move
    (None: no check, for the CLI and local use); the move is recorded. It judges ``version``
    (the one the reviewer saw; default: the current one), under the document's lock."""
    get_document(session, document_id)  # a missing document is a 404 before any other check
    if state not in TRANSITIONS:
        raise BadInput(f"unknown state {state!r} (known: {', '.join(TRANSITIONS)})")
    if roles is not None and not allows(roles, STATE_ROLES.get(state, ())):
        needed = " or ".join(STATE_ROLES.get(state, ()))
        raise Forbidden(
            f"Only someone with the {needed} role can move a document to "
            f"“{STATE_LABELS[state].lower()}”."
        )
    document = lock_document(session, document_id, seen=version)
    allowed = TRANSITIONS[document.state]
    if state not in allowed:
        hint = (
            "retry the generation first"
            if document.state == "failed_generation"
            else ("allowed: " + ", ".join(sorted(allowed)))
        )
        raise Conflict(f"document {document_id} is {document.state}; cannot go to {state} ({hint})")
    if state == "approved" and (blockers := approval_blockers(document)):
        raise Conflict(blockers[0])
    if state == "approved" and document.accuracy != "accurate":
        raise Conflict(
            "sales has not checked this text for accuracy: mark it accurate before approving "
            "(an approval is for what we sell and say)"
        )
    if state in NEEDS_COMMENT and not comment.strip():
        raise NoteRequired("say what needs to change: a comment is required")
    record_move(session, document, state, _who(reviewer, "reviewer"), comment.strip())
    document.updated_at = utcnow()
    session.flush()
    return document


def edit_document(
    session: Session,
    document_id: int,
    body_markdown: str,
    *,
    author: str | None = None,
    title: str | None = None,
    note: str | None = None,
    version: int | None = None,
) -> Document:
    """Store an edited body as a new version; the document goes back to draft. ``version``:
    the one the edit started from (a 409 if another was saved since)."""
    document = lock_document(session, document_id, seen=version)
    if document.state == "failed_generation":
        raise Conflict("this generation failed: retry it before editing")
    if len(body_markdown) > MAX_BODY_CHARS:
        raise BadInput(f"body is longer than {MAX_BODY_CHARS} characters")
    title = (title or "").strip()
    if body_markdown == document.body_markdown and (not title or title == document.title):
        raise BadInput("nothing changed")
    new_version = document.current_version + 1
    who = _who(author, "anonymous")
    structured = dict(document.structured or {})
    structured["warnings"] = edit_warnings(body_markdown, structured)
    document.structured = structured
    document.versions.append(
        DocumentVersion(
            version=new_version,
            author=who,
            body_markdown=body_markdown,
            structured=structured,
            note=(note or "edited").strip()[:1000],
        )
    )
    back_to_draft(document, who, "edited: back to draft")  # the sales check covered the old text
    document.body_markdown = body_markdown
    document.title = title[:255] if title else document.title
    document.current_version = new_version
    document.updated_at = utcnow()
    session.flush()
    return document


def add_comment(
    session: Session, document_id: int, body: str, *, author: str | None = None
) -> DocumentComment:
    document = get_document(session, document_id)
    if not body.strip():
        raise BadInput("comment is empty")
    comment = DocumentComment(
        document_id=document.id, author=_who(author, "anonymous"), kind="comment", body=body.strip()
    )
    session.add(comment)
    session.flush()
    return comment


def mark_accuracy(
    session: Session,
    document_id: int,
    verdict: str,
    *,
    comment: str = "",
    reviewer: str | None = None,
    version: int | None = None,
) -> Document:
    """Sales' factual check of ``version`` (default: the current one): ``accurate`` or
    ``needs_fix`` (which needs a comment, and takes an approval back: the document goes to
    ``changes_requested``)."""
    verdict = verdict.replace("-", "_")
    if verdict not in ("accurate", "needs_fix"):
        raise BadInput("choose a verdict: accuracy must be 'accurate' or 'needs_fix'")
    if verdict == "needs_fix" and not comment.strip():
        raise BadInput("say what is wrong: a comment is required with needs_fix")
    document = lock_document(session, document_id, seen=version)
    if document.state == "failed_generation":
        raise Conflict("nothing to check: the generation failed")
    document.accuracy = verdict
    document.updated_at = utcnow()
    who = _who(reviewer, "sales")
    session.add(
        DocumentComment(
            document_id=document.id,
            author=who,
            kind="accuracy",
            body=f"{verdict}: {comment.strip()}".rstrip(": "),
        )
    )
    if verdict == "needs_fix" and document.state == "approved":
        # An approval of a text sales now say is wrong no longer stands (it had exported as
        # "Approved · needs fix", with no DRAFT mark).
        record_move(session, document, "changes_requested", who, "needs a fix: approval withdrawn")
    session.flush()
    return document


def get_version(session: Session, document_id: int, version: int) -> DocumentVersion:
    document = get_document(session, document_id)
    for candidate in document.versions:
        if candidate.version == version:
            return candidate
    raise NotFound(f"document {document_id} has no version {version}")


def version_diff(session: Session, document_id: int, from_version: int, to_version: int) -> str:
    """Unified diff of two versions' Markdown bodies."""
    old = get_version(session, document_id, from_version)
    new = get_version(session, document_id, to_version)
    lines = difflib.unified_diff(
        old.body_markdown.splitlines(keepends=True),
        new.body_markdown.splitlines(keepends=True),
        fromfile=f"v{from_version} ({old.author}, {old.created_at:%Y-%m-%d %H:%M})",
        tofile=f"v{to_version} ({new.author}, {new.created_at:%Y-%m-%d %H:%M})",
    )
    return "".join(lines)
