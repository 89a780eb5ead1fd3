"""The upload page in Debian's Chromium: file sizes as people read them, the results brought
into view once the files are in, and what the analysis found said by kind, in plain words."""

from __future__ import annotations

import pytest

from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]

PASTED = (
    "Joss Ferreira: Hi Wen, what do you plan shifts with today?\n"
    "Wen Halloran: Honestly it is too expensive for a team our size.\n"
    "Joss Ferreira: Understood.\n"
    "Wen Halloran: Does it work with our payroll provider?\n"
)
# Every text the job's status line shows, kept as it changes (the poller rewrites it).
WATCH_STATUS = """() => {
  window.statusSeen = [];
  const line = document.querySelector("[data-job-message]");
  new MutationObserver(() => window.statusSeen.push(line.textContent)).observe(
    line, {childList: true, characterData: true, subtree: true});
}"""


def test_picked_files_show_their_real_size(live_server: LiveServer, page: object) -> None:
    p = page
    p.goto(live_server.url + "/upload")  # type: ignore[attr-defined]
    p.set_input_files(  # type: ignore[attr-defined]
        "#files",
        [
            {"name": "empty.txt", "mimeType": "text/plain", "buffer": b""},
            {"name": "short.txt", "mimeType": "text/plain", "buffer": b"A: hi\n" * 50},
            {"name": "long.txt", "mimeType": "text/plain", "buffer": b"A: hi\n" * 2000},
        ],
    )
    sizes = p.locator("#picked-files li span.muted").all_inner_texts()  # type: ignore[attr-defined]
    assert sizes == ["0 bytes", "300 bytes", "12 KB"]


def test_results_come_into_view_and_findings_are_said_by_kind(
    live_server: LiveServer, page: object
) -> None:
    p = page
    p.set_viewport_size({"width": 1366, "height": 768})  # type: ignore[attr-defined]
    p.goto(live_server.url + "/upload")  # type: ignore[attr-defined]
    p.evaluate(WATCH_STATUS)  # type: ignore[attr-defined]
    p.get_by_label("Transcript text").fill(PASTED)  # type: ignore[attr-defined]
    p.get_by_label("Our speakers").fill("Joss Ferreira")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Upload and analyse").click()  # type: ignore[attr-defined]
    p.locator("[data-job-done]").wait_for(state="visible", timeout=120_000)  # type: ignore[attr-defined]
    focused = p.evaluate("document.activeElement.id")  # type: ignore[attr-defined]
    assert focused == "results-title"
    top = p.evaluate(  # type: ignore[attr-defined]
        "document.getElementById('upload-results').getBoundingClientRect().top"
    )
    assert 0 <= top < 768 - 120, top  # the results and their first rows are on screen
    done = p.locator("[data-job-message]").inner_text()  # type: ignore[attr-defined]
    assert done.startswith("Done: 1 call analysed: "), done
    assert "1 objection" in done and "1 question" in done, done
    assert "mention" not in done or "how they work today" in done, done
    seen = p.evaluate("window.statusSeen")  # type: ignore[attr-defined]
    assert not any(text.strip() == "Working: analysed" for text in seen), seen
