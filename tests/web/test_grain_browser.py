"""Fewer / more themes in Debian's Chromium: the control on the clusters page re-cuts the
themes as a job the page follows (its progress while another writer holds the lock, then the
page reloads on the new themes), and a name the user gave survives the change."""

from __future__ import annotations

import pytest

from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_more_themes_then_automatic_keeps_a_rename(
    corpus_live_server: LiveServer, page: object
) -> None:
    p = page
    p.goto(corpus_live_server.url + "/")  # type: ignore[attr-defined]
    cards = p.locator(".cluster-card")  # type: ignore[attr-defined]
    status = p.locator("#grain-status")  # type: ignore[attr-defined]
    automatic = cards.count()  # one per detector category of the corpus's objections
    assert automatic >= 3 and "automatic" in status.inner_text()
    assert p.get_by_role("button", name="Fewer themes").is_disabled()  # type: ignore[attr-defined]

    cards.first.locator("h2 a").click()
    p.get_by_label("New name").fill("Budget pushback")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Rename").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", level=1, name="Budget pushback").wait_for()  # type: ignore[attr-defined]

    p.goto(corpus_live_server.url + "/")  # type: ignore[attr-defined]
    progress = p.locator("#theme-job")  # type: ignore[attr-defined]
    with corpus_live_server.workspace.writer():  # another writer (an upload's analysis) is busy
        p.get_by_role("button", name="More themes").click()  # type: ignore[attr-defined]
        progress.wait_for()
        assert "job=" in p.url and "Changing the number of themes" in progress.inner_text()  # type: ignore[attr-defined]
        assert cards.count() == automatic  # nothing re-cut while the job waits
    p.get_by_text(f"automatic is {automatic}").wait_for()  # type: ignore[attr-defined]
    assert progress.count() == 0  # the page reloaded when the job ended
    finer = cards.count()
    assert finer > automatic and f"{finer} themes" in status.inner_text()
    p.get_by_text(f"Showing {finer} themes.").wait_for()  # type: ignore[attr-defined]
    assert p.get_by_role("link", name="Budget pushback").count() == 1  # type: ignore[attr-defined]

    p.get_by_role("button", name="Automatic").click()  # type: ignore[attr-defined]
    p.get_by_text(f"Showing {automatic} themes.").wait_for()  # type: ignore[attr-defined]
    assert cards.count() == automatic
    assert p.get_by_role("link", name="Budget pushback").count() == 1  # type: ignore[attr-defined]
    assert p.dialogs == []  # type: ignore[attr-defined]
