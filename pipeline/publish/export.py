"""Exports: Markdown, standalone HTML (markdown-it, then nh3), PDF (WeasyPrint), JSON-LD.

Only an approved document exports without the DRAFT watermark. PII is redacted again on the
way out (a reviewer's edit may have added some), unless ``redact_pii`` is off, but never in
our own profile's facts where the text cites them (``profile_text``). An export is
published by default: its sources say role, industry and month, and no account is named
(``pipeline/publish/published.py``) and it carries no writer's note nor our reps' words
(``public_copy``); ``internal`` keeps the sources the review page shows.
"""

from __future__ import annotations

import html
import io
import json
import re
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any, Literal

import nh3
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.brand_names import configured_brands
from pipeline.config import Settings
from pipeline.content.citations import is_placeholder
from pipeline.content.generate import content_type, get_document
from pipeline.content.profile_text import cited_profile, outside_facts
from pipeline.errors import BadInput, Conflict
from pipeline.publish.public_copy import publishable, rep_quotes
from pipeline.publish.published import Publisher, cited_calls, publisher_for
from pipeline.publish.said_above import entry_names, profile_facts, restated
from pipeline.redact import redactor_for
from pipeline.store.models import Document, Mention
from pipeline.templating import html_env, read_static

if TYPE_CHECKING:
    from markdown_it import MarkdownIt
    from markdown_it.rules_core import StateCore

ExportFormat = Literal["md", "html", "pdf", "jsonld", "brief"]
FORMATS: dict[str, tuple[str, str]] = {
    "md": ("text/markdown; charset=utf-8", "md"),
    "brief": ("text/markdown; charset=utf-8", "brief.md"),
    "html": ("text/html; charset=utf-8", "html"),
    "pdf": ("application/pdf", "pdf"),
    "jsonld": ("application/ld+json", "jsonld"),
}
ONE_PAGE_FIT_LEVELS = 4  # the one-pager shrinks step by step until it fits one sheet
_CITATION_RE = re.compile(r"\s*\[(?:Q|F|P)\d+\]")  # a quote, a competitor fact, a profile fact


@dataclass(frozen=True)
class ExportResult:
    content: bytes
    media_type: str
    filename: str
    pages: int | None = None


@cache
def _markdown() -> MarkdownIt:
    from markdown_it import MarkdownIt  # here: only exports render Markdown (0.07 s a start)

    # html=False: raw HTML in the Markdown is shown as text, never passed through.
    markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table")
    markdown.core.ruler.push("cell_labels", _label_cells)
    return markdown


def _label_cells(state: StateCore) -> None:
    """Each body cell of a table carries its column's heading as ``data-label``, so a narrow
    screen can stack a row (the label, then "Us: ...", then the rival's) and still say whose
    each cell is; a column with no heading (the row labels) gets none."""
    headings: list[str] = []
    column = 0
    tokens = state.tokens
    for index, token in enumerate(tokens):
        if token.type == "thead_open":
            headings = []
        elif token.type == "th_open":
            inline = tokens[index + 1]
            words = (c.content for c in inline.children or [] if c.type in _PLAIN_TOKENS)
            headings.append(" ".join("".join(words).split()))
        elif token.type == "tr_open":
            column = 0
        elif token.type == "td_open":
            if column < len(headings) and headings[column]:
                token.attrSet("data-label", headings[column])
            column += 1


_PLAIN_TOKENS = ("text", "code_inline")
# nh3's defaults, and the column heading a stacked table cell shows (``_label_cells``).
_CELL_ATTRIBUTES = {**nh3.ALLOWED_ATTRIBUTES, "td": {*nh3.ALLOWED_ATTRIBUTES["td"], "data-label"}}


def is_draft(document: Document) -> bool:
    return document.state != "approved"


def markdown_to_html(markdown: str) -> str:
    """Markdown -> HTML fragment, sanitised by nh3 (scripts, handlers and bad URLs removed)."""
    return nh3.clean(
        _markdown().render(markdown),
        url_schemes={"http", "https", "mailto"},
        attributes=_CELL_ATTRIBUTES,
    )


def export_body(
    session: Session, settings: Settings, document: Document, *, brief: bool = False
) -> str:
    """The Markdown body (or the content brief) to export: redacted unless ``redact_pii`` is off."""
    text = str((document.structured or {}).get("brief") or "") if brief else document.body_markdown
    if brief and not text:
        raise Conflict(f"document {document.id} has no brief: generate it again")
    if not settings.redact_pii:
        return text
    call_ids = set(
        session.scalars(
            select(Mention.call_id)
            .where(Mention.cluster_id.in_(document.cluster_ids or [-1]))
            .distinct()
        )
    )
    quotes = (document.structured or {}).get("evidence", {}).get("quotes", [])
    call_ids |= {int(q["call_id"]) for q in quotes if "call_id" in q}
    redactor = redactor_for(
        session, call_ids, brands=configured_brands(settings), names=settings.redact_names
    )
    return outside_facts(text, cited_profile(document.structured), redactor.redact)


def _watermark_note(document: Document) -> str:
    state = document.state.replace("_", " ")
    return (
        f"> **DRAFT** — not approved for publication ({state}, version {document.current_version})."
    )


# The first line of an internal export: it names accounts, calls and people, so a copy that
# leaves the team says so before anything else (a file name alone is lost on a paste).
INTERNAL_NOTE = (
    "INTERNAL: not for publication. It names the accounts, calls and people behind each quote."
)


def to_markdown(document: Document, body: str, *, internal: bool = False) -> str:
    """The .md file: its notes, then the body, ending in one newline as a text file does."""
    parts = [f"> **{INTERNAL_NOTE}**"] if internal else []
    parts += [_watermark_note(document)] if is_draft(document) else []
    return "\n\n".join([*parts, body]).rstrip("\n") + "\n"


def to_html(
    document: Document,
    body: str,
    *,
    fit_level: int = 0,
    title: str | None = None,
    internal: bool = False,
) -> str:
    """A standalone, styled page (print CSS included) around the sanitised body; ``title``
    instead of the document's (a published export's); ``internal`` heads it with its note."""
    return (
        html_env()
        .get_template("document.html.j2")
        .render(
            title=document.title if title is None else title,
            body_html=markdown_to_html(body),
            css=read_static("print.css"),
            doc_type=document.doc_type,
            label=content_type(document.doc_type).label,
            draft=is_draft(document),
            state=document.state.replace("_", " "),
            version=document.current_version,
            updated=document.updated_at.strftime("%Y-%m-%d"),
            fit_level=fit_level,
            accuracy=document.accuracy,
            internal_note=INTERNAL_NOTE if internal else "",
        )
    )


def to_pdf(
    document: Document, body: str, *, title: str | None = None, internal: bool = False
) -> tuple[bytes, int]:
    """PDF bytes and page count; the one-pager is shrunk until it fits one page."""
    from weasyprint import HTML

    levels = ONE_PAGE_FIT_LEVELS if document.doc_type == "one-pager" else 1
    pdf = b""
    pages = 0
    for level in range(levels):
        rendered = HTML(
            string=to_html(document, body, fit_level=level, title=title, internal=internal)
        ).render()
        pages = len(rendered.pages)
        buffer = io.BytesIO()
        rendered.write_pdf(buffer)
        pdf = buffer.getvalue()
        if pages <= 1:
            break
    return pdf, pages


def _plain(text: str) -> str:
    """Markdown inline text -> plain text for structured data (citations dropped)."""
    text = _CITATION_RE.sub("", text)
    text = re.sub(r"\\([\\`*_{}\[\]()#+\-.!|>])", r"\1", text)
    text = re.sub(r"[*_`]", "", text)
    return html.unescape(" ".join(text.split()))


def faq_pairs(markdown: str) -> list[tuple[str, str]]:
    """Question/answer pairs from the body (### question + its paragraphs), so edits count;
    not one still "To write" (it answers nothing yet), and so no reference to it: the facts it
    stood for are stated in full (``restated``)."""
    facts = profile_facts(markdown.partition("\n## Sources")[2])
    pairs: list[tuple[str, str]] = []
    shown: set[str] = set()
    said: list[str] = []
    for question, lines in _entries(markdown):
        answer = " ".join(line.lstrip("> ") for line in lines)
        if is_placeholder({"text": _plain(answer)}):
            continue
        answer = restated(answer, shown, facts, " ".join(said))
        if _plain(answer):
            pairs.append((_plain(question), _plain(answer)))
            shown |= entry_names([f"### {question}"])
            said.append(answer)
    return pairs


def _entries(markdown: str) -> list[tuple[str, list[str]]]:
    """Each "### " heading of the body with the lines under it, as written."""
    entries: list[tuple[str, list[str]]] = []
    for line in markdown.splitlines():
        if line.startswith(("### ", "## ")):  # lines under a "## " heading answer nothing
            entries.append((line[4:] if line.startswith("### ") else "", []))
        elif entries and line.strip():
            entries[-1][1].append(line)
    return [(q, lines) for q, lines in entries if q and lines]


def _description(markdown: str) -> str:
    for block in markdown.split("\n\n"):
        block = block.strip()
        if block and not block.startswith(("#", ">", "|", "-")):
            return _plain(block)[:300]
    return ""


def to_jsonld(document: Document, body: str, *, title: str | None = None) -> dict[str, Any]:
    """schema.org FAQPage for the FAQ, Article for every other type."""
    title = document.title if title is None else title
    data: dict[str, Any] = {"@context": "https://schema.org"}
    if document.doc_type == "objection-faq":
        data["@type"] = "FAQPage"
        data["name"] = title
        data["mainEntity"] = [
            {"@type": "Question", "name": q, "acceptedAnswer": {"@type": "Answer", "text": a}}
            for q, a in faq_pairs(body)
        ]
    else:
        data["@type"] = "Article"
        data["headline"] = title[:110]
        data["description"] = _description(body)
        data["datePublished"] = document.created_at.date().isoformat()
        data["dateModified"] = document.updated_at.date().isoformat()
        content = (document.structured or {}).get("content", {})
        keywords = [content.get("target_keyword"), *content.get("secondary_keywords", [])]
        if any(keywords):
            data["keywords"] = ", ".join(k for k in keywords if k)
    data["creativeWorkStatus"] = "Draft" if is_draft(document) else "Published"
    return data


def dump_jsonld(data: dict[str, Any]) -> str:
    """JSON safe to paste inside ``<script type="application/ld+json">`` (no ``</script>``)."""
    text = json.dumps(data, indent=2, ensure_ascii=False)
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def export_document(
    session: Session, settings: Settings, document_id: int, fmt: str, *, internal: bool = False
) -> ExportResult:
    """One document in one format, ready to write to a file or an HTTP response: published
    (sources by role, industry and month, no account named) unless ``internal``."""
    if fmt not in FORMATS:
        raise BadInput(f"unknown export format {fmt!r} (known: {', '.join(FORMATS)})")
    document = get_document(session, document_id)
    if document.state == "failed_generation":
        raise Conflict(f"document {document_id} failed to generate: retry it before exporting")
    body = export_body(session, settings, document, brief=fmt == "brief")
    title = document.title
    publisher: Publisher | None = None
    if not internal:
        if fmt != "brief":  # the brief is the writer's: its notes and rep lines are for them
            body = publishable(body, rep_quotes(body, document.structured))
        publisher = publisher_for(session, cited_calls(body), cited_profile(document.structured))
        body, title = publisher.text(body), publisher.text(title)
    media_type, extension = FORMATS[fmt]
    # Its own name: an internal copy never overwrites, nor passes for, the one to publish.
    marked = ".internal" if internal else ""
    filename = f"{_slug(title) or 'document'}-{document.id}{marked}.{extension}"
    pages: int | None = None
    if fmt in ("md", "brief"):
        content = to_markdown(document, body, internal=internal).encode("utf-8")
    elif fmt == "html":
        content = to_html(document, body, title=title, internal=internal).encode("utf-8")
    elif fmt == "pdf":
        content, pages = to_pdf(document, body, title=title, internal=internal)
    else:
        data = to_jsonld(document, body, title=title)
        data = publisher.data(data) if publisher is not None else data
        content = (dump_jsonld(data) + "\n").encode("utf-8")
    return ExportResult(content=content, media_type=media_type, filename=filename, pages=pages)


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")[:60]
