"""Text written into Markdown documents: markup from a transcript stays text, but the writer's
source reads as said ("Fox & Fern Pub" had been written "Fox &amp; Fern Pub")."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml

from pipeline.templating import md


@pytest.mark.parametrize(
    ("said", "written"),
    [
        ("Fox & Fern Pub", "Fox & Fern Pub"),
        ("R&D, & co", "R&D, & co"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("&lt;b&gt; and &#60;i&#62;", "&amp;lt;b&amp;gt; and &amp;#60;i&amp;#62;"),
        ("see [here](javascript:x)", "see [here]\\(javascript:x)"),
        ("# not a heading", "\\# not a heading"),
    ],
)
def test_markdown_text_escapes_markup_but_not_a_plain_ampersand(said: str, written: str) -> None:
    assert md(said) == written


@pytest.mark.parametrize("said", ["Fox & Fern Pub", "<b>bold</b>", "&lt;b&gt;", "a &amp b"])
def test_rendered_it_reads_exactly_as_said(said: str) -> None:
    rendered = MarkdownIt("commonmark", {"html": False}).renderInline(md(said))
    assert rendered == escapeHtml(said)
