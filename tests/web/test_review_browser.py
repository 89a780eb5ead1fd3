"""The review queue in Debian's Chromium: a key answers the sentence on screen (app.js), and
keys typed in the category picker never do."""

from __future__ import annotations

import pytest

from pipeline.detect.labels import user_labelled
from tests.insights_corpus import analysed_corpus
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_key_answers_the_sentence_on_screen(live_server: LiveServer, page: object) -> None:
    analysed_corpus(live_server.workspace)
    p = page
    p.goto(live_server.url + "/review")  # type: ignore[attr-defined]
    progress = p.locator("[data-review-progress]")  # type: ignore[attr-defined]
    assert progress.inner_text().startswith("0 answered")
    p.locator("form[data-review] select").first.focus()  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]
    assert progress.inner_text().startswith("0 answered")  # typing in the picker
    p.locator("h1").click()  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]
    p.get_by_text("1 answered").wait_for()  # type: ignore[attr-defined]
    assert [row.label for row in user_labelled(live_server.workspace.settings.data_dir)] == [
        "other"
    ]
    assert p.dialogs == []  # type: ignore[attr-defined]
