"""Generate a document: evidence -> LLM or offline draft -> checked citations -> Markdown -> store.

A draft request is never lost: when the LLM server is down the document is saved as
``failed_generation`` with the reason and can be retried; a reply that stays malformed after
repair and retry falls back to the offline draft with a warning.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.brand_names import configured_brands, our_brands
from pipeline.cluster.rivals import known_competitors, partner_check, rivals_on_file
from pipeline.config import Settings
from pipeline.content.brief import render_brief, themes
from pipeline.content.choose import largest_industry, resolve_clusters
from pipeline.content.citations import check_citations, cited_ids, page_order, renumber_quotes
from pipeline.content.collect import collect_evidence
from pipeline.content.comparison import rival_wanted
from pipeline.content.evidence import Evidence
from pipeline.content.offline import OFFLINE_DRAFTS, outline
from pipeline.content.types import CONTENT_TYPES, ContentType
from pipeline.content.verify import text_warnings
from pipeline.content.versions import back_to_draft, lock_document
from pipeline.content.versions import get_document as get_document  # its callers import it here
from pipeline.embed import Embedder
from pipeline.errors import BadInput, Conflict, LLMError, MalformedReply
from pipeline.llm import LLMClient
from pipeline.store.models import Document, DocumentVersion, utcnow
from pipeline.templating import (
    CONTENT_TEMPLATES_DIR,
    PROMPTS_DIR,
    render_markdown,
    render_prompt,
    template_version,
)

log = logging.getLogger(__name__)
LLM_QUOTES_PER_CLUSTER = 3  # small local models have small context windows


@dataclass
class Draft:
    """One generated version before it is stored."""

    content: dict[str, Any]
    markdown: str
    generator: str  # offline | llm | offline-fallback
    evidence: Evidence
    prompt: str | None = None
    raw_reply: str | None = None
    llm_mode: str | None = None
    warnings: list[str] = field(default_factory=list)
    brief: str = ""  # the content brief the draft was written from (Markdown)


def content_type(name: str) -> ContentType:
    try:
        return CONTENT_TYPES[name]
    except KeyError:
        known = ", ".join(CONTENT_TYPES)
        raise BadInput(f"unknown content type {name!r} (known: {known})") from None


def prompt_versions(ct: ContentType) -> dict[str, str]:
    return {
        "system": template_version(PROMPTS_DIR, "system.j2"),
        "prompt": template_version(PROMPTS_DIR, ct.prompt_file),
        "template": template_version(CONTENT_TEMPLATES_DIR, ct.template_file),
    }


def build_messages(ct: ContentType, evidence: Evidence) -> list[dict[str, str]]:
    """System rules + the type's task with the evidence inside the delimited data block."""
    return [
        {"role": "system", "content": render_prompt("system.j2", content_type=ct)},
        {
            "role": "user",
            "content": render_prompt(
                ct.prompt_file,
                evidence=evidence,
                themes=themes(evidence),
                outline=outline(ct.name, evidence),
            ),
        },
    ]


def prompt_text(messages: list[dict[str, str]]) -> str:
    return "\n\n".join(f"### {m['role']}\n{m['content']}" for m in messages)


def render_document(ct: ContentType, content: dict[str, Any], evidence: Evidence) -> str:
    """The content through ``content_templates/<type>.md.j2``, with the sources it cites."""
    quote_ids = set(cited_ids(content))
    fact_ids = set(cited_ids(content, "facts"))
    profile_ids = set(cited_ids(content, "profile"))
    return render_markdown(
        ct.template_file,
        c=content,
        evidence=evidence,
        used_quotes=[q for q in evidence.quotes if q.id in quote_ids],
        used_facts=[f for f in evidence.facts if f.id in fact_ids],
        used_profile=[f for f in evidence.profile if f.id in profile_ids],
    )


def _finish(ct: ContentType, content: dict[str, Any], evidence: Evidence, draft: Draft) -> Draft:
    checked, warnings = check_citations(content, evidence, competitor_claims=ct.needs_competitor)
    ct.schema.model_validate(checked)  # removal must leave a valid document
    # Numbered in the order the page cites them: the LLM's prompt and reply keep the numbers
    # the evidence was collected with.
    checked, evidence = renumber_quotes(
        checked, evidence, page_order(render_document(ct, checked, evidence))
    )
    draft.evidence = evidence
    draft.content = checked
    draft.warnings.extend(warnings)
    draft.warnings.extend(text_warnings(ct.name, checked, evidence))
    draft.markdown = render_document(ct, checked, evidence)
    draft.brief = render_brief(ct, evidence)
    return draft


def offline_draft(ct: ContentType, evidence: Evidence) -> Draft:
    """Deterministic draft from the evidence alone (no network)."""
    content = OFFLINE_DRAFTS[ct.name](evidence).model_dump()
    return _finish(ct, content, evidence, Draft({}, "", "offline", evidence))


def llm_draft(ct: ContentType, evidence: Evidence, client: LLMClient) -> Draft:
    """Ask the LLM; a malformed reply falls back to the offline draft (with a warning).

    Raises ``LLMError`` when the server is down or refuses: the caller stores the failure.
    """
    messages = build_messages(ct, evidence)
    prompt = prompt_text(messages)
    try:
        data, reply = client.complete(
            messages,
            ct.schema,
            quote_ids=[q.id for q in evidence.quotes],
            fact_ids=[f.id for f in evidence.facts],
            profile_ids=[f.id for f in evidence.profile],
        )
    except MalformedReply as exc:
        log.warning("falling back to the offline draft: %s", exc.detail)
        draft = offline_draft(ct, evidence)
        draft.generator = "offline-fallback"
        draft.prompt, draft.raw_reply = prompt, exc.raw
        draft.warnings.insert(0, f"LLM reply unusable, offline draft used instead: {exc.detail}")
        return draft
    draft = Draft({}, "", "llm", evidence, prompt=prompt, raw_reply=reply.raw, llm_mode=reply.mode)
    if reply.attempts > 1:
        draft.warnings.append(f"LLM reply needed {reply.attempts} attempts to match the schema")
    return _finish(ct, data.model_dump(), evidence, draft)


def _wants_llm(settings: Settings, use_llm: bool | None) -> bool:
    if use_llm is None:
        return settings.llm_configured
    if use_llm and not settings.llm_model:
        raise BadInput("no LLM configured: set CALLMINE_LLM_BASE_URL and CALLMINE_LLM_MODEL")
    return use_llm


def _draft(
    session: Session,
    settings: Settings,
    document: Document,
    *,
    use_llm: bool | None,
    llm: LLMClient | None,
    embedder: Embedder | None = None,
) -> tuple[Draft | None, str | None, str | None]:
    """Draft for ``document``; on an LLM failure returns (None, prompt, reason). With an
    ``embedder`` the profile facts answering a theme are chosen by meaning too."""
    ct = content_type(document.doc_type)
    wants_llm = _wants_llm(settings, use_llm)
    evidence = collect_evidence(
        session,
        document.cluster_ids,
        competitor=document.competitor,
        redact=settings.redact_pii,
        quotes_per_cluster=LLM_QUOTES_PER_CLUSTER if wants_llm else 5,
        industry=document.industry,
        confident_at=settings.confident_at,
        embedder=embedder,
        brands=configured_brands(settings),
        names=settings.redact_names,
        rival_names=settings.rival_names,
        ours=our_brands(session, settings.our_company),
        topics=ct.buyer_topics,
    )
    evidence.picked = (document.structured or {}).get("chosen") == "user"
    if not wants_llm:
        return offline_draft(ct, evidence), None, None
    client = llm or LLMClient(settings)
    try:
        return llm_draft(ct, evidence, client), None, None
    except LLMError as exc:
        return None, prompt_text(build_messages(ct, evidence)), exc.detail
    finally:
        if llm is None:
            client.close()


def _store(
    document: Document, draft: Draft | None, prompt: str | None, error: str | None, author: str
) -> None:
    ct = content_type(document.doc_type)
    version = len(document.versions) + 1
    if draft is None:
        document.state = "failed_generation"
        document.error = error
        document.structured = {**document.structured, "warnings": [f"generation failed: {error}"]}
        document.versions.append(
            DocumentVersion(
                version=version,
                author=author,
                body_markdown=document.body_markdown,
                structured={},
                prompt=prompt,
                raw_reply=None,
                note=f"generation failed: {error}",
            )
        )
        document.current_version = version
        return
    structured = {
        "chosen": (document.structured or {}).get("chosen"),
        "content": draft.content,
        "evidence": draft.evidence.to_dict(),
        "warnings": draft.warnings,
        "brief": draft.brief,
        "versions": prompt_versions(ct),
        "llm_mode": draft.llm_mode,
    }
    document.title = str(draft.content.get("title") or ct.label)[:255]
    back_to_draft(document, author, f"generated again as version {version}: back to draft")
    document.error = None
    document.generator = draft.generator
    document.body_markdown = draft.markdown
    document.structured = structured
    document.updated_at = utcnow()
    document.versions.append(
        DocumentVersion(
            version=version,
            author=author,
            body_markdown=draft.markdown,
            structured=structured,
            prompt=draft.prompt,
            raw_reply=draft.raw_reply,
            note=f"generated ({draft.generator})",
        )
    )
    document.current_version = version


def generate_document(
    session: Session,
    settings: Settings,
    *,
    doc_type: str,
    cluster_ids: list[int] | None = None,
    competitor: str | None = None,
    use_llm: bool | None = None,
    author: str = "system",
    llm: LLMClient | None = None,
    industry: str | None = None,
    embedder: Embedder | None = None,
) -> Document:
    """Create and store a document; ``use_llm=None`` means "if one is configured".

    ``industry`` builds it from that industry's calls only; a use case is always for one
    (the industry with the most calls when none is named)."""
    ct = content_type(doc_type)
    competitor = (competitor or "").strip() or None
    if competitor:  # "HCP" is Housecall Pro's page
        competitor = settings.rival_names.canonical(competitor, known_competitors(session))
    if ct.needs_competitor and not competitor:
        on_file = rivals_on_file(session, settings.competitors)
        raise BadInput(rival_wanted(ct.label, on_file), field="competitor")
    if competitor and partner_check(session)(competitor):
        raise BadInput(
            f"{competitor} is named in our product profile (our product or an integration): "
            "a partner, not a competitor"
        )
    industry = " ".join((industry or "").split()) or None
    if ct.for_industry and industry is None:
        industry = largest_industry(session)
    clusters = resolve_clusters(
        session, ct, list(cluster_ids or []), competitor, industry, settings.confident_at
    )
    named = competitor or industry
    document = Document(
        doc_type=ct.name,
        title=f"{ct.label}: {named}" if named else ct.label,
        state="draft",
        cluster_ids=clusters,
        competitor=competitor,
        industry=industry,
        structured={"chosen": "user" if cluster_ids else "auto"},  # who picked the clusters
    )
    session.add(document)
    draft, prompt, error = _draft(
        session, settings, document, use_llm=use_llm, llm=llm, embedder=embedder
    )
    _store(document, draft, prompt, error, author)
    session.flush()
    return document


def retry_generation(
    session: Session,
    settings: Settings,
    document_id: int,
    *,
    use_llm: bool | None = None,
    author: str = "system",
    llm: LLMClient | None = None,
    embedder: Embedder | None = None,
) -> Document:
    """Run a failed generation again (same type, clusters, competitor) as a new version."""
    document = get_document(session, document_id)
    if document.state != "failed_generation":
        raise Conflict(f"document {document_id} is {document.state}; only failed generations retry")
    return _again(
        session, settings, document, use_llm=use_llm, author=author, llm=llm, embedder=embedder
    )


def _again(
    session: Session,
    settings: Settings,
    document: Document,
    *,
    use_llm: bool | None,
    author: str,
    llm: LLMClient | None,
    embedder: Embedder | None = None,
) -> Document:
    """Draft ``document`` again from the calls as they are now and store it as a new version:
    a draft, whatever review or check landed on the version before while it was written."""
    draft, prompt, error = _draft(
        session, settings, document, use_llm=use_llm, llm=llm, embedder=embedder
    )
    document = lock_document(session, document.id)
    _store(document, draft, prompt, error, author)
    session.flush()
    return document


def regenerate_document(
    session: Session,
    settings: Settings,
    document_id: int,
    *,
    use_llm: bool | None = None,
    author: str = "system",
    llm: LLMClient | None = None,
    embedder: Embedder | None = None,
) -> Document:
    """Build the document again from the calls as they are now, as a new version for review
    (same type and competitor; the clusters the user chose, or the best fits now when they were
    chosen for them; back to draft)."""
    document = get_document(session, document_id)
    if (document.structured or {}).get("chosen") == "auto":
        ct = content_type(document.doc_type)
        document.cluster_ids = resolve_clusters(
            session, ct, [], document.competitor, document.industry, settings.confident_at
        )
    return _again(
        session, settings, document, use_llm=use_llm, author=author, llm=llm, embedder=embedder
    )


def generated_by(session: Session, doc_type: str, author: str) -> Document | None:
    """The first document of ``doc_type`` that ``author`` generated (``callmine demo`` reuses
    its one-pager instead of adding another copy on every run)."""
    return session.scalars(
        select(Document)
        .join(DocumentVersion, DocumentVersion.document_id == Document.id)
        .where(
            Document.doc_type == doc_type,
            DocumentVersion.version == 1,
            DocumentVersion.author == author,
        )
        .order_by(Document.id)
        .limit(1)
    ).first()
