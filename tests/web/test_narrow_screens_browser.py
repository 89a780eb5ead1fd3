"""Phone-width layout in Debian's Chromium: a comparison table stacks its rows instead of
breaking words in thin columns, the home page's filters fold behind one "Filters", and a
document's exports and review fold so its text comes first."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.store.models import Document
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

COMPARISON = """# Tillbrook vs Loomwise

Buyers weighed both.

## Side by side

| | Us | Loomwise |
|---|---|---|
| **Price** | Per location, billed monthly, no setup fee. | Per seat, with a yearly contract. |
| **Plans and terms** | Month to month; cancel any time. | Twelve months, paid up front. |
"""
# Each body cell of the preview's table: its width against the table's, and its label.
CELLS = """() => [...document.querySelectorAll(".preview table tbody td")].map(td => ({
  width: td.getBoundingClientRect().width,
  table: td.closest("table").getBoundingClientRect().width,
  label: getComputedStyle(td, "::before").content,
  text: td.textContent.trim()}))"""


def _comparison(server: LiveServer) -> int:
    with server.workspace.session() as db:
        document = Document(
            doc_type="comparison", title="Tillbrook vs Loomwise", competitor="Loomwise",
            body_markdown=COMPARISON,
        )  # fmt: skip
        db.add(document)
        db.flush()
        return int(document.id)


def test_a_comparison_table_stacks_its_rows_at_phone_width(
    live_server: LiveServer, page: Any
) -> None:
    document_id = _comparison(live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/documents/{document_id}")
    cells = page.evaluate(CELLS)
    assert len(cells) == 6
    for cell in cells:  # the full width of the table: no one-word-per-line column
        assert cell["width"] >= 0.9 * cell["table"], cell
    said = {cell["text"]: cell["label"] for cell in cells}
    assert said["Price"] == "none"  # the row's label stands alone, first
    assert said["Per location, billed monthly, no setup fee."] == '"Us: "'
    assert said["Per seat, with a yearly contract."] == '"Loomwise: "'
    word = page.locator(".preview td strong", has_text="Price")
    assert word.evaluate("e => e.getClientRects().length") == 1  # "Pric / e" no more
    page.set_viewport_size({"width": 1280, "height": 900})  # a table again on a wide screen
    wide = page.evaluate(CELLS)
    assert all(cell["width"] < 0.6 * cell["table"] for cell in wide)


def test_home_filters_fold_on_a_phone_and_open_on_a_wide_screen(
    live_server: LiveServer, page: Any
) -> None:
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/")
    assert page.locator("details.filter-more").evaluate("d => d.open") is False
    assert not page.get_by_label("Deal outcome").is_visible()
    assert page.get_by_label("Find buyer quotes like…").is_visible()
    card = page.locator("form[role=search]").bounding_box()
    assert card["height"] < 844 / 3, card  # the themes start on the first screen
    page.locator("details.filter-more > summary").click()
    assert page.get_by_label("Deal outcome").is_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(live_server.url + "/")
    assert page.get_by_label("Deal outcome").is_visible()
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(live_server.url + "/?outcome=lost")  # a filter on: shown, and counted
    assert page.get_by_label("Deal outcome").is_visible()
    assert "(1 on)" in page.locator("details.filter-more > summary").inner_text()


def test_a_documents_text_starts_on_a_phones_first_screen(
    live_server: LiveServer, page: Any
) -> None:
    """On a phone the export links and the review fold to one line each, so the text starts on
    the first screen; a wide screen shows them all at once, the review beside no fold."""
    document_id = _comparison(live_server)
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(f"{live_server.url}/documents/{document_id}")
    top = page.locator(".preview").bounding_box()["y"]
    assert top < 844 * 0.6, top  # the first screen, under the title and two folded lines
    assert not page.get_by_role("link", name="PDF").is_visible()
    assert not page.get_by_role("button", name="Send for review").is_visible()
    page.locator("details.export-menu > summary").click()
    assert page.get_by_role("link", name="PDF").is_visible()
    page.locator("details.review-box > summary").click()
    assert page.get_by_role("button", name="Send for review").is_visible()

    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(f"{live_server.url}/documents/{document_id}")
    assert page.get_by_role("link", name="PDF").is_visible()
    assert page.get_by_role("button", name="Send for review").is_visible()
