"""The exported HTML of every content type in Debian's Chromium at 390 px (a phone): no
sideways scroll, body text at least 14 px, and the viewport meta that makes a phone lay it out
at its own width. A competitor fact with a long source URL and long unbroken words test the
wrapping. Each document has its "To write" gaps written first, as marketing does before it is
published: a published export leaves an unwritten answer out, and the offline FAQ is all gaps."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.documents import add_fact
from pipeline.content.generate import generate_document
from pipeline.content.types import CONTENT_TYPES
from pipeline.publish.export import export_document
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded, write_the_gaps

pytestmark = [pytest.mark.browser, pytest.mark.slow]

LONG_URL = "https://calendly.example/pricing/" + "compareplansandseatsbyteamsize" * 4
MEASURE = """() => {
  const scroller = document.scrollingElement;
  const texts = [...document.querySelectorAll("main p, main li, main td, main th, main blockquote")]
    .filter(e => e.offsetParent !== null && e.textContent.trim());
  const sizes = texts.map(e => parseFloat(getComputedStyle(e).fontSize));
  const wide = [...document.querySelectorAll("body *")]
    .filter(e => e.getBoundingClientRect().right > innerWidth + 0.5
                 && getComputedStyle(e).position !== "fixed")
    .map(e => e.tagName + "." + e.className);
  return {
    scrollWidth: scroller.scrollWidth, innerWidth: innerWidth,
    smallest: Math.min(...sizes), texts: texts.length,
    viewport: document.querySelector('meta[name="viewport"]')?.content ?? null,
    wide: wide.slice(0, 5),
  };
}"""


def test_every_html_export_reads_on_a_phone(ws: Workspace, seeded: Seeded, browser: Any) -> None:
    with ws.session() as db:
        add_fact(db, "Calendly", "Calendly's Teams plan is priced per seat.", source=LONG_URL)
        pages = {}
        for doc_type in CONTENT_TYPES:
            document = generate_document(
                db,
                ws.settings,
                doc_type=doc_type,
                competitor="Calendly" if doc_type == "comparison" else None,
            )
            write_the_gaps(db, document.id)
            pages[doc_type] = export_document(db, ws.settings, document.id, "html").content
    assert LONG_URL in pages["comparison"].decode()
    context = browser.new_context(viewport={"width": 390, "height": 844}, device_scale_factor=2)
    page = context.new_page()
    try:
        for doc_type, html in pages.items():
            page.set_content(html.decode(), wait_until="load")
            found = page.evaluate(MEASURE)
            assert found["innerWidth"] == 390
            assert found["scrollWidth"] <= found["innerWidth"], (doc_type, found)
            assert found["texts"] > 3 and found["smallest"] >= 14, (doc_type, found)
            assert found["viewport"] == "width=device-width, initial-scale=1", doc_type
    finally:
        context.close()
