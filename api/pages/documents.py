"""Content pages: generate a brief, then edit, review, check, comment, diff and export it."""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from markupsafe import Markup

from api.auth import LABELLERS, MARKETING, READ, REVIEWERS, SALES, PrincipalDep
from api.deps import EmbedderDep, SessionDep, SettingsDep, WorkspaceDep
from api.web import redirect, render, templates
from pipeline.calls.accounts import known_industries
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.queries import list_clusters
from pipeline.cluster.rivals import rivals_on_file
from pipeline.content.citations import CITATION_LABELS
from pipeline.content.documents import list_documents
from pipeline.content.generate import (
    generate_document,
    get_document,
    regenerate_document,
    retry_generation,
)
from pipeline.content.staleness import cached_staleness
from pipeline.content.types import CONTENT_TYPES
from pipeline.errors import CallmineError, Forbidden
from pipeline.publish import review
from pipeline.publish.export import FORMATS, export_document, markdown_to_html
from pipeline.store.models import Document
from pipeline.types import RowId

router = APIRouter()

EXPORT_LABELS = {
    "pdf": "PDF",
    "html": "HTML",
    "md": "Markdown",
    "jsonld": "JSON-LD",
    "brief": "Brief (Markdown)",
}
# Where a cited fact is listed on the page: its anchor, by the label's prefix.
FACT_ANCHORS = {"F": ("facts", "f"), "P": ("profile", "p")}


def cited_html(document: Document) -> Markup:
    """The sanitised preview with each ``[Q7]`` a link to the quote's moment in its call and
    each ``[P1]``/``[F2]`` a link to the fact it cites, listed on the page."""
    evidence = (document.structured or {}).get("evidence", {})
    quotes = {int(q["id"]): q for q in evidence.get("quotes", [])}
    facts = {
        prefix: {int(f["id"]) for f in evidence.get(key) or []}
        for prefix, (key, _) in FACT_ANCHORS.items()
    }
    cite = templates().env.get_template("partials/cite.html").module.cite  # type: ignore[attr-defined]

    def one(label: str) -> str:
        prefix, number = label[0], int(label[1:])
        if prefix == "Q":
            return str(cite(label, quotes.get(number)))
        anchor = f"{FACT_ANCHORS[prefix][1]}{number}" if number in facts[prefix] else None
        return str(cite(label, fact_anchor=anchor))

    def link(match: re.Match[str]) -> str:
        return "".join(one(label.strip()) for label in match.group(1).split(","))

    # Safe: markdown_to_html escaped and nh3-cleaned the body; we only add our own anchors.
    return Markup(CITATION_LABELS.sub(link, markdown_to_html(document.body_markdown)))


@router.get("/documents", response_class=HTMLResponse, dependencies=[READ])
def documents_page(request: Request, db: SessionDep, workspace: WorkspaceDep) -> HTMLResponse:
    documents = list_documents(db, views=workspace.views)
    return render(
        request,
        "documents.html",
        title="Content",
        documents=documents,
        labels=review.STATE_LABELS,
        types=CONTENT_TYPES,
    )


@router.get("/generate", response_class=HTMLResponse, dependencies=[READ])
def generate_page(
    request: Request,
    db: SessionDep,
    settings: SettingsDep,
    doc_type: Annotated[str, Query(alias="type")] = "one-pager",
    cluster: Annotated[list[RowId] | None, Query()] = None,
    competitor: str = "",
    industry: str = "",
    missing: str = "",
) -> HTMLResponse:
    clusters = [
        c
        for kind in CLUSTERED_KINDS
        for c in list_clusters(db, kind=kind, confident_at=settings.confident_at)
    ]
    return render(
        request,
        "generate.html",
        title="Generate content",
        types=CONTENT_TYPES,
        clusters=clusters,
        chosen_type=doc_type if doc_type in CONTENT_TYPES else "one-pager",
        chosen_clusters=set(cluster or []),
        chosen_competitor=competitor,
        competitors=rivals_on_file(db, settings.competitors),
        chosen_industry=industry,
        industries=known_industries(db),
        llm_configured=settings.llm_configured,
        llm_model=settings.llm_model or "",
        missing=missing,
    )


@router.post("/generate", dependencies=[MARKETING])
def generate(
    db: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
    doc_type: Annotated[str, Form()],
    cluster: Annotated[list[RowId] | None, Form()] = None,
    competitor: Annotated[str, Form()] = "",
    industry: Annotated[str, Form(max_length=255)] = "",
    generator: Annotated[str, Form()] = "auto",
) -> RedirectResponse:
    """Generate synchronously (the form shows progress); an LLM outage lands as a failed doc."""
    use_llm = {"llm": True, "offline": False}.get(generator)
    try:
        document = generate_document(
            db,
            settings,
            doc_type=doc_type,
            cluster_ids=cluster or [],
            competitor=competitor,
            industry=industry,
            use_llm=use_llm,
            author=user.who(None, "web"),
            embedder=embedder,
        )
    except CallmineError as exc:
        db.rollback()  # nothing half-made stays behind
        chosen = [("type", doc_type), *(("cluster", c) for c in cluster or [])]
        chosen += [("competitor", competitor), ("industry", industry)]
        if exc.field:  # said by the field at fault, where the user looks, not in a banner
            back = urlencode([*chosen, ("missing", exc.field)])
            return RedirectResponse(f"/generate?{back}#{exc.field}", status_code=303)
        return redirect(f"/generate?{urlencode(chosen)}", exc.detail, "error")
    if document.state == "failed_generation":
        return redirect(f"/documents/{document.id}", "The LLM could not write this draft.", "error")
    return redirect(f"/documents/{document.id}", "Draft generated.")


@router.get("/documents/{document_id}", response_class=HTMLResponse, dependencies=[READ])
def document_page(
    request: Request,
    db: SessionDep,
    workspace: WorkspaceDep,
    settings: SettingsDep,
    user: PrincipalDep,
    document_id: RowId,
    diff_from: Annotated[RowId | None, Query(alias="from")] = None,
    diff_to: Annotated[RowId | None, Query(alias="to")] = None,
    note: str = "",
) -> HTMLResponse:
    document = get_document(db, document_id)
    latest = document.current_version
    diff: dict[str, Any] | None = None
    if len(document.versions) > 1 or diff_from is not None:
        old = diff_from if diff_from is not None else max(1, latest - 1)
        new = diff_to if diff_to is not None else latest
        try:
            text = review.version_diff(db, document_id, old, new)
        except CallmineError as exc:
            text = exc.detail
        diff = {"from": old, "to": new, "lines": text.splitlines()}
    evidence = (document.structured or {}).get("evidence", {})
    return render(
        request,
        "document.html",
        title=document.title,
        doc=document,
        label=CONTENT_TYPES[document.doc_type].label
        if document.doc_type in CONTENT_TYPES
        else document.doc_type,
        preview=cited_html(document),
        states=review.STATE_LABELS,
        actions=review.actions_for(document.state, user.roles),
        approval_blockers=review.approval_blockers(document)
        if document.state == "in_review"
        else [],
        movers=review.movers(document.state),
        note_missing=note == "missing",
        formats=[(f, EXPORT_LABELS[f]) for f in FORMATS],
        diff=diff,
        quotes=evidence.get("quotes", []),
        profile_facts=evidence.get("profile") or [],
        rival_facts=evidence.get("facts") or [],
        warnings=(document.structured or {}).get("warnings", []),
        stale=cached_staleness(workspace.views, db, document),
        llm_configured=settings.llm_configured,
    )


def _back(document_id: int, action: Any) -> RedirectResponse:
    try:
        message = action()
    except Forbidden:
        raise  # a role this user lacks: 403, not a message on the page
    except review.NoteRequired:
        # Said by the note field, where the user looks (a banner at the top had gone unseen).
        return RedirectResponse(f"/documents/{document_id}?note=missing#review", status_code=303)
    except CallmineError as exc:
        return redirect(f"/documents/{document_id}", exc.detail, "error")
    return redirect(f"/documents/{document_id}", message)


@router.post("/documents/{document_id}/edit", dependencies=[MARKETING])
def edit(
    db: SessionDep,
    user: PrincipalDep,
    document_id: RowId,
    body: Annotated[str, Form()],
    title: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
    note: Annotated[str, Form()] = "",
) -> RedirectResponse:
    body = body.replace("\r\n", "\n")

    def save() -> str:
        doc = review.edit_document(
            db, document_id, body, author=user.who(author, "web"), title=title, note=note or None
        )
        return f"Saved as version {doc.current_version}."

    return _back(document_id, save)


@router.post("/documents/{document_id}/state", dependencies=[REVIEWERS])
def change_state(
    db: SessionDep,
    user: PrincipalDep,
    document_id: RowId,
    state: Annotated[str, Form()],
    comment: Annotated[str, Form()] = "",
    reviewer: Annotated[str, Form()] = "",
    version: Annotated[RowId | None, Form()] = None,
) -> RedirectResponse:
    def move() -> str:
        doc = review.set_state(
            db,
            document_id,
            state,
            reviewer=user.who(reviewer, "reviewer"),
            comment=comment,
            roles=user.roles,
            version=version,
        )
        return f"Now {review.STATE_LABELS.get(doc.state, doc.state).lower()}."

    return _back(document_id, move)


@router.post("/documents/{document_id}/accuracy", dependencies=[SALES])
def accuracy(
    db: SessionDep,
    user: PrincipalDep,
    document_id: RowId,
    verdict: Annotated[str, Form()] = "",
    comment: Annotated[str, Form()] = "",
    reviewer: Annotated[str, Form()] = "",
    version: Annotated[RowId | None, Form()] = None,
) -> RedirectResponse:
    def mark() -> str:
        who = user.who(reviewer, "sales")
        review.mark_accuracy(
            db, document_id, verdict, comment=comment, reviewer=who, version=version
        )
        return "Sales check recorded."

    return _back(document_id, mark)


@router.post("/documents/{document_id}/comments", dependencies=[LABELLERS])
def comment(
    db: SessionDep,
    user: PrincipalDep,
    document_id: RowId,
    body: Annotated[str, Form()] = "",
    author: Annotated[str, Form()] = "",
) -> RedirectResponse:
    def add() -> str:
        review.add_comment(db, document_id, body, author=user.who(author, "anonymous"))
        return "Comment added."

    return _back(document_id, add)


@router.post("/documents/{document_id}/retry", dependencies=[MARKETING])
def retry(
    db: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
    document_id: RowId,
    generator: Annotated[str, Form()] = "offline",
) -> RedirectResponse:
    """Try the LLM again, or take the offline draft built from the same evidence."""

    def again() -> str:
        author = user.who(None, "web")
        doc = retry_generation(
            db,
            settings,
            document_id,
            use_llm=generator == "llm",
            author=author,
            embedder=embedder,
        )
        if doc.state == "failed_generation":
            raise CallmineError(f"the LLM failed again: {doc.error}")
        return "Draft generated." if generator == "llm" else "Offline draft generated."

    return _back(document_id, again)


@router.post("/documents/{document_id}/regenerate", dependencies=[MARKETING])
def regenerate(
    db: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
    document_id: RowId,
) -> RedirectResponse:
    """An out-of-date document built again from the calls as they are now (a new version)."""

    def again() -> str:
        doc = regenerate_document(
            db, settings, document_id, author=user.who(None, "web"), embedder=embedder
        )
        if doc.state == "failed_generation":
            raise CallmineError(f"generation failed: {doc.error}")
        return f"Regenerated as version {doc.current_version}: review it before publishing."

    return _back(document_id, again)


@router.get("/documents/{document_id}/export/{fmt}", dependencies=[READ])
def export(
    db: SessionDep,
    settings: SettingsDep,
    document_id: RowId,
    fmt: str,
    inline: bool = False,
    internal: bool = False,
) -> Response:
    """A download (or, with ``inline``, the print-friendly HTML page itself); published unless
    ``internal``."""
    result = export_document(db, settings, document_id, fmt, internal=internal)
    disposition = "inline" if inline else f'attachment; filename="{result.filename}"'
    return Response(
        result.content, media_type=result.media_type, headers={"Content-Disposition": disposition}
    )
