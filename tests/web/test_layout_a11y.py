"""Every main page in Debian's Chromium at 1280 and 390 px: nothing overflows sideways, date
and time cells stay on one line, and axe-core finds no serious or critical accessibility
violation. Screenshots of each page at both widths go to test-artifacts/layout/."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.generate import generate_document
from tests.conftest import ROOT
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SHOTS = ROOT / "test-artifacts" / "layout"
WIDTHS = {"desktop": (1280, 900), "phone": (390, 844)}
SERIOUS = {"serious", "critical"}
# Cells holding a date, a time or "Open at 3:34" (found by their text, whatever their class):
# one line each, whatever the width.
MEASURE = """() => {
  const when = /^(\\d{4}-\\d\\d-\\d\\d$|Open at \\d|\\d+:\\d\\d(:\\d\\d)?$)/;
  const cells = [...document.querySelectorAll("td, td a, .nowrap")].filter(
    e => e.offsetParent !== null && (e.matches(".nowrap") || when.test(e.textContent.trim())));
  const textHeight = e => {  // the height of the visible text itself, not of the cell's box
    const walk = document.createTreeWalker(e, NodeFilter.SHOW_TEXT);
    let top = Infinity, bottom = -Infinity;
    for (let n = walk.nextNode(); n; n = walk.nextNode()) {
      if (!n.textContent.trim() || n.parentElement.closest(".visually-hidden")) continue;
      const range = document.createRange();
      range.selectNodeContents(n);
      for (const r of range.getClientRects()) {
        top = Math.min(top, r.top); bottom = Math.max(bottom, r.bottom);
      }
    }
    return bottom - top;
  };
  const wrapped = cells.filter(e => {
    const line = parseFloat(getComputedStyle(e).lineHeight) || 20;
    return textHeight(e) > line * 1.5;
  }).map(e => e.textContent.trim());
  const wide = [...document.querySelectorAll("body *")].filter(
    e => e.getBoundingClientRect().right > window.innerWidth + 1
      && !e.closest(".table-wrap")
  ).slice(0, 3).map(e => e.tagName + "." + e.className + ": " + e.textContent.trim().slice(0, 40));
  return {scroll: document.documentElement.scrollWidth, width: window.innerWidth,
          cells: cells.length, wrapped: wrapped, wide: wide};
}"""


@pytest.fixture(scope="module")
def corpus_server(
    corpus_live_server: LiveServer,
) -> tuple[LiveServer, dict[str, str]]:
    """The analysed theme corpus served, with one offline one-pager; the page list to visit."""
    server = corpus_live_server
    with server.workspace.session() as db:
        document = generate_document(
            db, server.workspace.settings, doc_type="one-pager", use_llm=False
        )
        db.flush()
        doc_id = document.id
    pages = {
        "clusters": "/",
        "cluster": "/clusters/1",
        "calls": "/calls",
        "call": "/calls/1",
        "upload": "/upload",
        "review": "/review",
        "phrases": "/phrases",
        "dashboard": "/dashboard",
        "documents": "/documents",
        "document": f"/documents/{doc_id}",
        "generate": "/generate",
        "team": "/team",
    }
    return server, pages


def test_pages_fit_both_widths_and_pass_axe(
    corpus_server: tuple[LiveServer, dict[str, str]], page: Any
) -> None:
    from axe_playwright_python.sync_playwright import Axe

    server, pages = corpus_server
    axe = Axe()
    SHOTS.mkdir(parents=True, exist_ok=True)
    problems: list[str] = []
    for name, path in pages.items():
        page.set_viewport_size({"width": 1280, "height": 900})
        response = page.goto(server.url + path)
        assert response is not None and response.status == 200, (path, response)
        found = axe.run(page)
        for violation in found.response["violations"]:
            if violation["impact"] in SERIOUS:
                targets = [n["target"] for n in violation["nodes"]][:3]
                problems.append(f"{path}: axe {violation['id']} ({violation['impact']}) {targets}")
        for label, (width, height) in WIDTHS.items():
            page.set_viewport_size({"width": width, "height": height})
            measured = page.evaluate(MEASURE)
            if measured["scroll"] > measured["width"]:
                problems.append(
                    f"{path} at {width}px: {measured['scroll']}px wide {measured['wide']}"
                )
            if measured["wrapped"]:
                problems.append(f"{path} at {width}px: wrapped {measured['wrapped'][:3]}")
            page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)
    assert problems == [], "\n".join(problems)
    assert [m for m in page.console if "Content Security Policy" in m] == []


def test_a_notice_leaves_the_address_once_shown(
    corpus_server: tuple[LiveServer, dict[str, str]], page: Any
) -> None:
    server, _pages = corpus_server
    page.goto(server.url + "/calls?outcome=lost&msg=Renamed.&tone=ok#top")
    assert page.locator(".notice-ok").inner_text() == "Renamed."
    assert page.url == server.url + "/calls?outcome=lost#top"  # a reload shows no notice again
    page.reload()
    assert page.locator(".notice-ok").count() == 0
    assert [m for m in page.console if "404" in m or "favicon" in m] == []


def test_a_themes_quote_table_fits_its_card_at_desktop_and_phone_width(
    corpus_server: tuple[LiveServer, dict[str, str]], page: Any
) -> None:
    """Each quote row fits its card: no column or button hidden behind a sideways scroll."""
    server, pages = corpus_server
    measure = """() => [...document.querySelectorAll(".table-wrap")].map(
      w => ({scroll: w.scrollWidth, width: w.clientWidth}))"""
    for width, height in ((1366, 768), (390, 844)):
        page.set_viewport_size({"width": width, "height": height})
        page.goto(server.url + pages["cluster"])
        wraps = page.evaluate(measure)
        assert wraps, "no quote table"
        assert [w for w in wraps if w["scroll"] > w["width"]] == [], (width, wraps)
        actions = page.locator("main table tbody tr").first.locator("a, button")
        for i in range(actions.count()):
            box = actions.nth(i).bounding_box()
            assert box is not None and box["x"] + box["width"] <= width, (width, i, box)
