"""Routes for documents: generate, read, edit, review, accuracy, comments, versions, export; facts.

``POST /api/documents`` answers 201 with the stored document. When the LLM server fails the
document is still stored, with ``state: failed_generation`` and the reason in ``error``;
``POST /api/documents/{id}/retry`` runs it again.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Response
from pydantic import BaseModel, Field, StrictBool

from api.auth import LABELLERS, MARKETING, READ, REVIEWERS, SALES, PrincipalDep
from api.deps import EmbedderDep, SessionDep, SettingsDep, WorkspaceDep
from api.problems import PROBLEM
from pipeline.content import documents as service
from pipeline.content.generate import (
    generate_document,
    get_document,
    regenerate_document,
    retry_generation,
)
from pipeline.content.types import DocType
from pipeline.embed import Embedder
from pipeline.publish.export import FORMATS as EXPORT_FORMATS
from pipeline.publish.export import ExportFormat, export_document
from pipeline.publish.review import (
    add_comment,
    edit_document,
    get_version,
    mark_accuracy,
    set_state,
    version_diff,
)
from pipeline.types import RowId

router = APIRouter(tags=["documents"])

UseLLM = Literal["auto", "true", "false"]


def _use_llm(value: UseLLM | StrictBool) -> bool | None:
    if isinstance(value, bool):
        return value
    return None if value == "auto" else value == "true"


class GenerateRequest(BaseModel):
    type: DocType = Field(examples=["one-pager"])
    cluster_ids: list[RowId] = Field(
        default_factory=list, max_length=20, description="Empty: the clusters that suit the type."
    )
    competitor: str | None = Field(None, max_length=255, examples=["Calendly"])
    industry: str | None = Field(
        None,
        max_length=255,
        examples=["Hospitality"],
        description="Build it from this industry's calls only; a use-case is always for one "
        "(default: the industry with the most calls).",
    )
    use_llm: UseLLM | StrictBool = Field(
        "auto", description="auto: use the LLM when one is configured."
    )
    author: str = Field("api", max_length=255)


# The version a client read before it judged or edited: a 409 when another was written since.
SeenVersion = Annotated[
    RowId | None,
    Field(description="The version you read; 409 (reload) when the document changed since."),
]


class EditRequest(BaseModel):
    body_markdown: str = Field(max_length=200_000)
    title: str | None = Field(None, max_length=255)
    author: str = Field("anonymous", max_length=255)
    note: str | None = Field(None, max_length=1000)
    version: SeenVersion = None


class ReviewRequest(BaseModel):
    state: Literal["draft", "in_review", "approved", "changes_requested"]
    comment: str = Field("", max_length=10_000)
    reviewer: str = Field("reviewer", max_length=255)
    version: SeenVersion = None


class AccuracyRequest(BaseModel):
    verdict: Literal["accurate", "needs_fix", "needs-fix"]
    comment: str = Field("", max_length=10_000)
    reviewer: str = Field("sales", max_length=255)
    version: SeenVersion = None


class CommentRequest(BaseModel):
    body: str = Field(min_length=1, max_length=10_000)
    author: str = Field("anonymous", max_length=255)


class RetryRequest(BaseModel):
    use_llm: UseLLM | StrictBool = "auto"
    author: str = Field("api", max_length=255)


class DiffRead(BaseModel):
    from_version: int
    to_version: int
    diff: str


class FactRequest(BaseModel):
    fact: str = Field(min_length=1, max_length=1000)
    source: str | None = Field(
        None,
        max_length=1024,
        pattern=r"^\s*[Hh][Tt][Tt][Pp][Ss]?://",
        description="An http(s) URL.",
    )


@router.post(
    "/api/documents",
    status_code=201,
    response_model=service.DocumentDetail,
    responses={404: PROBLEM},
    dependencies=[MARKETING],
)
def create_document(
    request: GenerateRequest,
    session: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
) -> service.DocumentDetail:
    """Generate a document (LLM when configured, else the offline draft) and store it."""
    document = generate_document(
        session,
        settings,
        doc_type=request.type,
        cluster_ids=request.cluster_ids,
        competitor=request.competitor,
        industry=request.industry,
        use_llm=_use_llm(request.use_llm),
        author=user.who(request.author, "api"),
        embedder=embedder,
    )
    return service.detail(document)


@router.get("/api/documents", response_model=list[service.DocumentSummary], dependencies=[READ])
def list_documents(
    session: SessionDep,
    workspace: WorkspaceDep,
    state: Annotated[str | None, Query()] = None,
    type: Annotated[str | None, Query()] = None,
) -> list[service.DocumentSummary]:
    return service.list_documents(session, state=state, doc_type=type, views=workspace.views)


@router.get(
    "/api/documents/{document_id:int}", response_model=service.DocumentDetail, dependencies=[READ]
)
def read_document(document_id: RowId, session: SessionDep) -> service.DocumentDetail:
    return service.detail(get_document(session, document_id))


@router.patch(
    "/api/documents/{document_id:int}",
    response_model=service.DocumentDetail,
    responses={409: PROBLEM},
    dependencies=[MARKETING],
)
def update_document(
    document_id: RowId, request: EditRequest, session: SessionDep, user: PrincipalDep
) -> service.DocumentDetail:
    """Save an edited body as a new version; the document goes back to draft."""
    document = edit_document(
        session,
        document_id,
        request.body_markdown,
        author=user.who(request.author, "anonymous"),
        title=request.title,
        note=request.note,
        version=request.version,
    )
    return service.detail(document)


@router.post(
    "/api/documents/{document_id:int}/review",
    response_model=service.DocumentDetail,
    responses={409: PROBLEM},
    dependencies=[REVIEWERS],
)
def review_document(
    document_id: RowId, request: ReviewRequest, session: SessionDep, user: PrincipalDep
) -> service.DocumentDetail:
    """Move the document; sending for review needs marketing, approving or asking for
    changes needs sales (403 otherwise)."""
    document = set_state(
        session,
        document_id,
        request.state,
        reviewer=user.who(request.reviewer, "reviewer"),
        comment=request.comment,
        roles=user.roles,
        version=request.version,
    )
    return service.detail(document)


@router.post(
    "/api/documents/{document_id:int}/accuracy",
    response_model=service.DocumentDetail,
    responses={409: PROBLEM},
    dependencies=[SALES],
)
def mark_document_accuracy(
    document_id: RowId, request: AccuracyRequest, session: SessionDep, user: PrincipalDep
) -> service.DocumentDetail:
    reviewer = user.who(request.reviewer, "sales")
    document = mark_accuracy(
        session,
        document_id,
        request.verdict,
        comment=request.comment,
        reviewer=reviewer,
        version=request.version,
    )
    return service.detail(document)


@router.post(
    "/api/documents/{document_id:int}/comments",
    status_code=201,
    response_model=service.CommentRead,
    dependencies=[LABELLERS],
)
def comment_document(
    document_id: RowId, request: CommentRequest, session: SessionDep, user: PrincipalDep
) -> service.CommentRead:
    author = user.who(request.author, "anonymous")
    return service.CommentRead.model_validate(
        add_comment(session, document_id, request.body, author=author)
    )


@router.get(
    "/api/documents/{document_id:int}/versions",
    response_model=list[service.VersionRead],
    dependencies=[READ],
)
def list_versions(document_id: RowId, session: SessionDep) -> list[service.VersionRead]:
    return service.list_versions(session, document_id)


@router.get(
    "/api/documents/{document_id:int}/versions/{version:int}",
    response_model=service.VersionDetail,
    dependencies=[READ],
)
def read_version(document_id: RowId, version: RowId, session: SessionDep) -> service.VersionDetail:
    """One version with its audit trail: the rendered prompt and the raw model reply."""
    row = get_version(session, document_id, version)
    out = service.VersionDetail.model_validate(row)
    out.has_prompt = row.prompt is not None
    return out


@router.get("/api/documents/{document_id:int}/diff", response_model=DiffRead, dependencies=[READ])
def diff_versions(
    document_id: RowId,
    session: SessionDep,
    from_version: Annotated[RowId | None, Query(alias="from")] = None,
    to_version: Annotated[RowId | None, Query(alias="to")] = None,
) -> DiffRead:
    """Unified diff between two versions (default: the previous one and the current one)."""
    current = get_document(session, document_id).current_version
    new = to_version or current
    old = from_version or max(1, new - 1)
    return DiffRead(
        from_version=old, to_version=new, diff=version_diff(session, document_id, old, new)
    )


@router.post(
    "/api/documents/{document_id:int}/retry",
    response_model=service.DocumentDetail,
    responses={409: PROBLEM},
    dependencies=[MARKETING],
)
def retry_document(
    document_id: RowId,
    session: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
    request: RetryRequest | None = None,
) -> service.DocumentDetail:
    return _again(retry_generation, document_id, session, settings, user, request, embedder)


def _again(
    action: Callable[..., Any],
    document_id: int,
    session: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    request: RetryRequest | None,
    embedder: Embedder,
) -> service.DocumentDetail:
    request = request or RetryRequest()
    author = user.who(request.author, "api")
    use_llm = _use_llm(request.use_llm)
    document = action(
        session, settings, document_id, use_llm=use_llm, author=author, embedder=embedder
    )
    return service.detail(document)


@router.post(
    "/api/documents/{document_id:int}/regenerate",
    response_model=service.DocumentDetail,
    responses={404: PROBLEM, 409: PROBLEM},
    dependencies=[MARKETING],
)
def regenerate(
    document_id: RowId,
    session: SessionDep,
    settings: SettingsDep,
    user: PrincipalDep,
    embedder: EmbedderDep,
    request: RetryRequest | None = None,
) -> service.DocumentDetail:
    """Build it again from the calls as they are now (an out-of-date document), as a new
    version back in draft."""
    return _again(regenerate_document, document_id, session, settings, user, request, embedder)


@router.get(
    "/api/documents/{document_id:int}/export",
    responses={
        200: {
            "description": "The document file, as an attachment.",
            "content": {media.split(";")[0]: {} for media, _ in EXPORT_FORMATS.values()},
        },
        409: PROBLEM,
    },
    dependencies=[READ],
)
def export(
    document_id: RowId,
    session: SessionDep,
    settings: SettingsDep,
    format: Annotated[ExportFormat, Query()] = "md",
    internal: Annotated[bool, Query()] = False,
) -> Response:
    """The document as Markdown, HTML, PDF or JSON-LD (DRAFT-marked unless approved), for
    publishing: sources by role, industry and month, no account named; ``internal=true``
    keeps each quote's account, call, date and outcome."""
    result = export_document(session, settings, document_id, format, internal=internal)
    return Response(
        content=result.content,
        media_type=result.media_type,
        headers={"Content-Disposition": f'attachment; filename="{result.filename}"'},
    )


@router.get(
    "/api/competitors/{name}/facts", response_model=list[service.FactRead], dependencies=[READ]
)
def list_facts(name: str, session: SessionDep) -> list[service.FactRead]:
    return [service.FactRead.model_validate(f) for f in service.list_facts(session, name)]


@router.post(
    "/api/competitors/{name}/facts",
    status_code=201,
    response_model=service.FactRead,
    dependencies=[MARKETING],
)
def add_fact(name: str, request: FactRequest, session: SessionDep) -> service.FactRead:
    """A fact about a competitor that comparison pages may cite as ``[F<n>]``."""
    return service.FactRead.model_validate(
        service.add_fact(session, name, request.fact, source=request.source)
    )
