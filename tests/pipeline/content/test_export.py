"""Exports of real generated documents: Markdown, HTML (sanitised), PDF (WeasyPrint), JSON-LD."""

from __future__ import annotations

import io
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.types import CONTENT_TYPES
from pipeline.errors import BadInput
from pipeline.publish.export import FORMATS, export_document
from pipeline.publish.review import edit_document, mark_accuracy, set_state
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded, write_the_gaps, written


def _generate(ws: Workspace, doc_type: str) -> int:
    with ws.session() as session:
        competitor = "Calendly" if doc_type == "comparison" else None
        return generate_document(session, ws.settings, doc_type=doc_type, competitor=competitor).id


def _approve(ws: Workspace, document_id: int) -> None:
    with ws.session() as session:
        write_the_gaps(session, document_id)
        set_state(session, document_id, "in_review", reviewer="mia")
        mark_accuracy(session, document_id, "accurate", reviewer="sam")
        set_state(session, document_id, "approved", reviewer="mia")


def _export(ws: Workspace, document_id: int, fmt: str) -> bytes:
    with ws.session() as session:
        return export_document(session, ws.settings, document_id, fmt).content


def _pdf_text(pdf: bytes) -> tuple[int, str]:
    reader = PdfReader(io.BytesIO(pdf))
    return len(reader.pages), " ".join(page.extract_text() for page in reader.pages)


def _pdfinfo_pages(pdf: bytes) -> int:
    """Pages as poppler's pdfinfo counts them (installed with the Debian packages)."""
    info = subprocess.run(["pdfinfo", "-"], input=pdf, capture_output=True, check=True).stdout
    return int(re.search(rb"Pages:\s+(\d+)", info).group(1))  # type: ignore[union-attr]


def _font_sizes_from(pdf: bytes, heading: str) -> list[tuple[float, str]]:
    """The effective font size (pt) of every text run from ``heading`` on."""
    runs: list[tuple[float, str]] = []

    def visit(text: str, cm: list[float], tm: list[float], _font: object, size: float) -> None:
        if text.strip():
            runs.append((round(size * abs(tm[3]) * abs(cm[3]), 2), text.strip()))

    for page in PdfReader(io.BytesIO(pdf)).pages:
        page.extract_text(visitor_text=visit)
    start = next(i for i, (_, text) in enumerate(runs) if text.startswith(heading))
    return runs[start:]


@pytest.mark.parametrize("doc_type", list(CONTENT_TYPES))
def test_every_type_exports_to_every_format(ws: Workspace, seeded: Seeded, doc_type: str) -> None:
    document_id = _generate(ws, doc_type)
    md = _export(ws, document_id, "md").decode()
    assert md.startswith("> **DRAFT**") and "## Sources" in md
    html = _export(ws, document_id, "html").decode()
    assert html.startswith("<!doctype html>") and 'class="watermark"' in html and "@page" in html
    assert "<script" not in html.lower()
    pages, text = _pdf_text(_export(ws, document_id, "pdf"))
    assert pages >= 1 and "DRAFT" in text and "Sources" in text
    data = json.loads(_export(ws, document_id, "jsonld"))
    assert data["@context"] == "https://schema.org" and data["creativeWorkStatus"] == "Draft"
    assert data["@type"] == ("FAQPage" if doc_type == "objection-faq" else "Article")


def test_approved_exports_carry_no_watermark(ws: Workspace, seeded: Seeded) -> None:
    document_id = _generate(ws, "pricing-explainer")
    _approve(ws, document_id)
    assert not _export(ws, document_id, "md").decode().startswith("> **DRAFT**")
    html = _export(ws, document_id, "html").decode()
    assert 'class="watermark"' not in html and "Approved" in html
    _, text = _pdf_text(_export(ws, document_id, "pdf"))
    assert "DRAFT" not in text
    assert json.loads(_export(ws, document_id, "jsonld"))["creativeWorkStatus"] == "Published"


def test_one_pager_pdf_is_one_page_and_looks_right(
    ws: Workspace, seeded: Seeded, tmp_path: Path
) -> None:
    document_id = _generate(ws, "one-pager")
    _approve(ws, document_id)
    pdf = _export(ws, document_id, "pdf")
    pages, text = _pdf_text(pdf)
    assert pages == 1
    for heading in ("The problem", "What buyers push back on", "Why now", "Next step", "Sources"):
        assert heading in text
    assert "$79 a seat" in text  # the buyer's worry, cited
    assert "no-shows drop by a third" not in text  # the rep's reply is the writer's, unpublished
    if shutil.which("pdftoppm"):
        (tmp_path / "one-pager.pdf").write_bytes(pdf)
        subprocess.run(
            [
                "pdftoppm",
                "-r",
                "70",
                "-png",
                "-singlefile",
                str(tmp_path / "one-pager.pdf"),
                str(tmp_path / "page"),
            ],
            check=True,
        )
        assert (tmp_path / "page.png").stat().st_size > 10_000


def test_a_long_one_pager_still_fits_one_page(ws: Workspace, seeded: Seeded) -> None:
    document_id = _generate(ws, "one-pager")
    with ws.session() as session:
        from pipeline.content.generate import get_document

        body = get_document(session, document_id).body_markdown
        extra = "\n".join(
            f"- Extra proof point number {i}, taken from a won deal in the spring."
            for i in range(14)
        )
        edit_document(
            session, document_id, body.replace("## Why now", extra + "\n\n## Why now"), author="lee"
        )
    pdf = _export(ws, document_id, "pdf")
    assert _pdfinfo_pages(pdf) == 1
    sizes = _font_sizes_from(pdf, "Sources")
    assert sizes and min(size for size, _ in sizes) >= 8.0, sorted(sizes)[:3]  # readable


def test_injected_script_is_inert_in_html_and_pdf(ws: Workspace, seeded: Seeded) -> None:
    with ws.session() as session:  # a price fact answers the entry citing the injection
        set_profile(session, ProductProfile(name="Bookly", pricing=["$29 a seat a month."]))
    document_id = _generate(ws, "objection-faq")
    with ws.session() as session:
        from pipeline.content.generate import get_document

        body = get_document(session, document_id).body_markdown
        # a reviewer pastes raw HTML too: it must not survive either
        edit_document(
            session,
            document_id,
            body
            + '\n<img src=x onerror="alert(2)"><script>alert(3)</script>\n'
            + "[x](javascript:alert(4))\n"
            + "\n### Is <script>alert(5)</script> safe?\n\nNo.\n",
            author="mallory",
        )
    html = _export(ws, document_id, "html").decode()
    lowered = html.lower()
    assert "<script" not in lowered and "<img" not in lowered
    assert 'href="javascript' not in lowered  # the link stays literal text
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html  # shown as text, not run
    _, text = _pdf_text(_export(ws, document_id, "pdf"))
    assert "<script>alert(1)</script>" in text  # visible as literal text in the PDF
    jsonld = _export(ws, document_id, "jsonld").decode()
    assert "<script" not in jsonld and "\\u003cscript\\u003e" in jsonld


def test_faq_jsonld_follows_edits(ws: Workspace, seeded: Seeded) -> None:
    document_id = _generate(ws, "objection-faq")
    with ws.session() as session:
        from pipeline.content.generate import get_document

        body = get_document(session, document_id).body_markdown
        edit_document(
            session,
            document_id,
            written(body).replace(
                "## Sources", "### Is there a contract?\n\nNo, monthly plans. [Q1]\n\n## Sources"
            ),
            author="lee",
        )
    data = json.loads(_export(ws, document_id, "jsonld"))
    questions = {q["name"]: q["acceptedAnswer"]["text"] for q in data["mainEntity"]}
    assert questions["Is there a contract?"] == "No, monthly plans."
    assert len(questions) == 3


def test_exports_redact_pii_added_in_edits(ws: Workspace, seeded: Seeded) -> None:
    document_id = _generate(ws, "one-pager")
    with ws.session() as session:
        from pipeline.content.generate import get_document

        body = get_document(session, document_id).body_markdown
        edit_document(
            session,
            document_id,
            body + "\nCall Dana Whitfield on +1 (415) 555-0132 or dana@acme.example.\n",
            author="lee",
        )
    for fmt in ("md", "html", "jsonld"):
        out = _export(ws, document_id, fmt).decode()
        assert "Whitfield" not in out and "555-0132" not in out and "dana@acme.example" not in out
    _, text = _pdf_text(_export(ws, document_id, "pdf"))
    assert "Whitfield" not in text and "[phone]" in text


def test_unknown_format_is_refused(ws: Workspace, seeded: Seeded) -> None:
    document_id = _generate(ws, "one-pager")
    with ws.session() as session, pytest.raises(BadInput, match="unknown export format"):
        export_document(session, ws.settings, document_id, "docx")


def test_faq_jsonld_answers_carry_no_citations_and_no_unwritten_answers(
    ws: Workspace, seeded: Seeded
) -> None:
    """The FAQPage a site embeds holds what the page answers, in plain words: no "[P3]" and no
    "To write: ..." for a question the calls did not answer yet."""
    document_id = _generate(ws, "objection-faq")
    body = (
        "# Buyer questions\n\n## Questions\n\n"
        "### Is it worth the price?\n\n"
        "Plans start at $49 a month. [Q1][Q2] [P1][P2] Annual billing saves 15%. [F1]\n\n"
        "### Why pick you over Staffly?\n\n"
        "To write: no rep answer from a won deal in the calls yet (raised 9 times). [Q3]\n"
    )
    with ws.session() as session:
        edit_document(session, document_id, body, author="lee")
    data = json.loads(_export(ws, document_id, "jsonld"))
    assert data["mainEntity"] == [
        {
            "@type": "Question",
            "name": "Is it worth the price?",
            "acceptedAnswer": {
                "@type": "Answer",
                "text": "Plans start at $49 a month. Annual billing saves 15%.",
            },
        }
    ]


def test_an_internal_export_has_its_own_name_and_says_so_first(
    ws: Workspace, seeded: Seeded
) -> None:
    """It names accounts, calls and reps: downloaded beside the published copy it must neither
    overwrite it nor pass for it."""
    document_id = _generate(ws, "one-pager")
    with ws.session() as session:
        for fmt in ("md", "brief", "html", "jsonld"):
            published = export_document(session, ws.settings, document_id, fmt)
            internal = export_document(session, ws.settings, document_id, fmt, internal=True)
            extension = FORMATS[fmt][1]
            stem = published.filename.removesuffix(f".{extension}")
            assert internal.filename == f"{stem}.internal.{extension}", fmt
            assert b"INTERNAL" not in published.content, fmt
        md = export_document(session, ws.settings, document_id, "md", internal=True).content
        assert md.decode().splitlines()[0].startswith("> **INTERNAL: not for publication.")
        html = export_document(session, ws.settings, document_id, "html", internal=True).content
        body = html.decode().split("<body", 1)[1]
        assert body.index("not for publication") < body.index('class="doc-meta"')
