"""End to end in Debian's Chromium: upload -> clusters -> rename -> one-pager -> review -> PDF.

Screenshots of every page at 1280 and 390 px go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from tests.conftest import ROOT
from tests.plugins.documents import written
from tests.plugins.live_server import LiveServer
from tests.samples import half_the_examples

pytestmark = [pytest.mark.browser, pytest.mark.slow]

EXAMPLES = ROOT / "examples" / "calls"
SHOTS = ROOT / "test-artifacts" / "screenshots"
WIDTHS = {"desktop": (1280, 900), "mobile": (390, 844)}
XSS = (
    "Dana (Brightside): <script>alert('xss')</script> honestly the price is too high for us.\n"
    "Maya: Understood, tell me more.\n"
    "Dana (Brightside): <img src=x onerror=alert(1)> and a two year contract scares me.\n"
)


def shoot(page: object, name: str) -> None:
    """Full-page screenshots at desktop and phone widths; the viewport is restored after."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    for label, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})  # type: ignore[attr-defined]
        page.screenshot(path=str(SHOTS / f"{name}-{label}.png"), full_page=True)  # type: ignore[attr-defined]
    page.set_viewport_size({"width": 1280, "height": 900})  # type: ignore[attr-defined]


def example_files() -> list[str]:
    """Calls of every format through the picker; the analysis the flow waits for is most of its
    time, and half the calls give it themes enough."""
    return [str(p) for p in half_the_examples(EXAMPLES)]


def test_upload_cluster_generate_review_export(live_server: LiveServer, page: object) -> None:
    from pypdf import PdfReader

    p = page
    url = live_server.url
    p.goto(url + "/")  # type: ignore[attr-defined]
    shoot(p, "00-empty-home")

    # Upload example files of every format through the drag-and-drop form's file picker.
    p.goto(url + "/upload")  # type: ignore[attr-defined]
    files = example_files()
    p.set_input_files("#files", files)  # type: ignore[attr-defined]
    p.get_by_text(f"{len(files)} files ready to upload").wait_for()  # type: ignore[attr-defined]
    p.get_by_role("button", name="Upload and analyse").click()  # type: ignore[attr-defined]
    p.get_by_text(f"Uploaded {len(files)} items.").wait_for(timeout=120_000)  # type: ignore[attr-defined]
    assert p.locator("#upload-results-body .badge-created").count() >= len(files) - 1  # type: ignore[attr-defined]
    p.locator("[data-job-done]").wait_for(state="visible", timeout=180_000)  # type: ignore[attr-defined]
    assert p.locator("#analysis-progress").get_attribute("data-job-status") == "done"  # type: ignore[attr-defined]
    shoot(p, "01-upload")

    # Clusters appear on the home page.
    p.goto(url + "/")  # type: ignore[attr-defined]
    cards = p.locator(".cluster-card")  # type: ignore[attr-defined]
    assert cards.count() >= 3
    shoot(p, "02-clusters")

    # Open the biggest cluster and rename it.
    cards.first.locator("h2 a").click()
    p.get_by_label("New name").fill("Price feels too high")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Rename").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", level=1, name="Price feels too high").wait_for()  # type: ignore[attr-defined]
    shoot(p, "03-cluster")

    # One quote is not really an objection: take it out (the detector learns from it).
    count = p.locator("#all-title")  # type: ignore[attr-defined]
    before = int(count.inner_text().split()[0])
    p.locator("form[action$='/not-objection'] button").first.click()  # type: ignore[attr-defined]
    p.get_by_text("Removed from the cluster").wait_for()  # type: ignore[attr-defined]
    assert int(count.inner_text().split()[0]) == before - 1

    # Generate a one-pager from it (offline: no LLM configured in this server).
    p.get_by_role("link", name="Generate content").first.click()  # type: ignore[attr-defined]
    p.get_by_label("Sales one-pager").check()  # type: ignore[attr-defined]
    shoot(p, "04-generate")
    p.get_by_role("button", name="Generate draft").click()  # type: ignore[attr-defined]
    p.get_by_text("Draft generated.").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    assert p.locator(".preview a.cite").count() >= 1  # type: ignore[attr-defined]

    # Marketing writes the brief's "To write" gaps (nothing with a gap can be approved).
    body = p.locator("#doc-body")  # type: ignore[attr-defined]
    body.fill(written(body.input_value()))
    p.get_by_label("What changed").fill("gaps written")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Save version").click()  # type: ignore[attr-defined]
    p.get_by_text("Saved as version 2.").wait_for()  # type: ignore[attr-defined]

    # Review: send, sales check, approve.
    p.get_by_role("button", name="Send for review").click()  # type: ignore[attr-defined]
    assert p.locator("#doc-state").inner_text() == "In review"  # type: ignore[attr-defined]
    p.get_by_role("button", name="Accurate: matches what we sell and say").click()  # type: ignore[attr-defined]
    assert p.locator("#doc-accuracy").inner_text() == "accurate"  # type: ignore[attr-defined]
    p.get_by_role("button", name="Approve").click()  # type: ignore[attr-defined]
    assert p.locator("#doc-state").inner_text() == "Approved"  # type: ignore[attr-defined]
    shoot(p, "05-document")

    # Download the PDF and read it.
    with p.expect_download() as download_info:  # type: ignore[attr-defined]
        p.get_by_role("link", name="PDF").click()  # type: ignore[attr-defined]
    pdf_path = download_info.value.path()
    reader = PdfReader(io.BytesIO(Path(pdf_path).read_bytes()))
    text = "\n".join(page_.extract_text() for page_ in reader.pages)
    assert len(reader.pages) == 1
    assert "DRAFT" not in text
    assert "Sources" in text

    # The print preview and the other pages, for the record.
    for name, path in [
        ("06-calls", "/calls"),
        ("07-call", "/calls/1"),
        ("08-phrases", "/phrases"),
        ("09-dashboard", "/dashboard"),
        ("10-documents", "/documents"),
    ]:
        p.goto(url + path)  # type: ignore[attr-defined]
        shoot(p, name)
    assert p.dialogs == []  # type: ignore[attr-defined]
    blocked = [m for m in p.console if "Content Security Policy" in m]  # type: ignore[attr-defined]
    assert blocked == []  # every page works under the CSP (no inline script or handler)


def test_script_in_a_transcript_stays_text(live_server: LiveServer, page: object) -> None:
    p = page
    p.goto(live_server.url + "/upload")  # type: ignore[attr-defined]
    p.get_by_label("Transcript text").fill(XSS)  # type: ignore[attr-defined]
    p.get_by_label("Name for this transcript").fill("xss-test.txt")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Upload and analyse").click()  # type: ignore[attr-defined]
    link = p.locator("#upload-results-body a").first  # type: ignore[attr-defined]
    link.wait_for(timeout=60_000)
    p.locator("[data-job-done]").wait_for(state="visible", timeout=120_000)  # type: ignore[attr-defined]
    link.click()
    transcript = p.locator(".transcript").inner_text()  # type: ignore[attr-defined]
    assert "<script>alert('xss')</script>" in transcript
    assert "<img src=x onerror=alert(1)>" in transcript
    assert p.locator(".transcript script, .transcript img").count() == 0  # type: ignore[attr-defined]
    shoot(p, "11-xss-call")
    for path in ["/", "/phrases", "/dashboard"]:
        p.goto(live_server.url + path)  # type: ignore[attr-defined]
        assert p.locator("main script, main img").count() == 0  # type: ignore[attr-defined]
    assert p.dialogs == []  # type: ignore[attr-defined]
