"""The review queue in Debian's Chromium: a key answers the sentence on screen (app.js), a number
key answers objection in that category, and keys typed in the category picker never answer."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.detect.labels import user_labelled
from pipeline.embed import Embedder
from tests.plugins.live_server import LiveServer, serve_corpus_copy

pytestmark = [pytest.mark.browser, pytest.mark.slow]


@pytest.fixture(scope="module")
def corpus_live_server(
    tmp_path_factory: pytest.TempPathFactory, corpus_dir: Path, embedder: Embedder
) -> Iterator[LiveServer]:
    """The corpus served with no re-fit due within these tests' answers: the fifth started one
    in the background that nothing here checks (the learning tests do) and the server's stop
    waited for, about four seconds."""
    with serve_corpus_copy(tmp_path_factory, corpus_dir, embedder, refit_every=100) as server:
        yield server


def _left(progress: object) -> int:
    """The "N uncertain left" figure of the progress line."""
    return int(progress.inner_text().split(" · ")[1].split()[0])  # type: ignore[attr-defined]


def test_a_key_answers_the_sentence_on_screen(corpus_live_server: LiveServer, page: object) -> None:
    p = page
    p.goto(corpus_live_server.url + "/review")  # type: ignore[attr-defined]
    progress = p.locator("[data-review-progress]")  # type: ignore[attr-defined]
    assert progress.inner_text().startswith("0 answered")
    left = _left(progress)
    sentence = p.locator(".review-sentence").inner_text().strip("“”")  # type: ignore[attr-defined]
    p.locator("form[data-review] select").first.focus()  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]
    assert progress.inner_text().startswith("0 answered")  # typing in the picker
    p.locator("h1").click()  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]
    p.get_by_text("1 answered").wait_for()  # type: ignore[attr-defined]
    assert [row.label for row in user_labelled(corpus_live_server.workspace.settings.data_dir)] == [
        "other"
    ]
    assert p.dialogs == []  # type: ignore[attr-defined]
    saved = p.locator("[data-review-saved]")  # type: ignore[attr-defined]
    assert f"Saved “{sentence}” as other." in saved.inner_text()
    assert _left(progress) == max(0, left - 1)  # past the last in doubt, the sure ones wait
    saved.get_by_role("button", name="Undo").click()
    p.get_by_text("is back in the queue").wait_for()  # type: ignore[attr-defined]
    assert progress.inner_text().startswith("0 answered") and _left(progress) == left
    assert user_labelled(corpus_live_server.workspace.settings.data_dir) == []
    assert p.locator(".review-sentence").inner_text().strip("“”") == sentence  # type: ignore[attr-defined]


def test_o_asks_for_a_category_and_a_number_key_answers_it(
    corpus_live_server: LiveServer, page: object
) -> None:
    """An objection and its category in two keys ("o", then the category's number, shown by the
    picker); the focus stays out of the picker, so the next key answers the next sentence."""
    p = page  # the queue of the test above, its one answer undone
    p.goto(corpus_live_server.url + "/review")  # type: ignore[attr-defined]
    picker = p.locator("#category")  # type: ignore[attr-defined]
    picker.select_option("")
    p.locator("h1").click()  # type: ignore[attr-defined]
    p.keyboard.press("o")  # type: ignore[attr-defined]
    assert p.evaluate("document.activeElement.tagName") != "SELECT"  # type: ignore[attr-defined]
    assert p.locator("[data-category-needed]").is_visible()  # type: ignore[attr-defined]
    assert user_labelled(corpus_live_server.workspace.settings.data_dir) == []
    contract = picker.locator('option[value="contract"]')
    key = contract.get_attribute("data-key")
    assert key and key.isdigit() and f"({key})" in contract.inner_text()
    label = contract.inner_text().rsplit(" (", 1)[0]
    assert f"{key} {label}" in p.locator("#category-how").inner_text()  # type: ignore[attr-defined]
    p.keyboard.press(key)  # type: ignore[attr-defined]
    p.get_by_text("1 answered").wait_for()  # type: ignore[attr-defined]
    rows = user_labelled(corpus_live_server.workspace.settings.data_dir)
    assert [(r.label, r.category) for r in rows] == [("objection", "contract")]
    assert "as objection (" in p.locator("[data-review-saved]").inner_text()  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]  the next sentence, by key
    p.get_by_text("2 answered").wait_for()  # type: ignore[attr-defined]
    rows = user_labelled(corpus_live_server.workspace.settings.data_dir)
    assert [r.label for r in rows] == ["objection", "other"]


def test_enter_in_the_picker_saves_the_objection_and_escape_hands_the_keys_back(
    corpus_live_server: LiveServer, page: object
) -> None:
    p = page
    p.goto(corpus_live_server.url + "/review")  # type: ignore[attr-defined]
    picker = p.locator("#category")  # type: ignore[attr-defined]
    picker.select_option("")
    p.get_by_role("button", name="objection").click()  # a click leads to the picker  # type: ignore[attr-defined]
    assert p.evaluate("document.activeElement.id") == "category"  # type: ignore[attr-defined]
    before = len(user_labelled(corpus_live_server.workspace.settings.data_dir))
    p.keyboard.press("p")  # type: ignore[attr-defined]  (in the picker: typing, not an answer)
    assert len(user_labelled(corpus_live_server.workspace.settings.data_dir)) == before
    picker.select_option("switching")
    picker.focus()
    p.keyboard.press("Enter")  # type: ignore[attr-defined]
    p.get_by_text(f"{before + 1} answered").wait_for()  # type: ignore[attr-defined]
    rows = user_labelled(corpus_live_server.workspace.settings.data_dir)
    assert (rows[-1].label, rows[-1].category) == ("objection", "switching")
    picker.select_option("adoption")
    picker.focus()
    p.keyboard.press("Escape")  # type: ignore[attr-defined]
    assert p.evaluate("document.activeElement.tagName") != "SELECT"  # type: ignore[attr-defined]
    p.keyboard.press("o")  # type: ignore[attr-defined]
    p.get_by_text(f"{before + 2} answered").wait_for()  # type: ignore[attr-defined]
    rows = user_labelled(corpus_live_server.workspace.settings.data_dir)
    assert (rows[-1].label, rows[-1].category) == ("objection", "adoption")


def test_a_number_key_after_o_changes_that_answer_never_the_next_sentence(
    corpus_live_server: LiveServer, page: object
) -> None:
    """With a category already picked, "o" saves at once: a number key straight after changes
    the saved answer's category; after another answer it only picks the category on screen."""
    p = page
    p.goto(corpus_live_server.url + "/review")  # type: ignore[attr-defined]
    data_dir = corpus_live_server.workspace.settings.data_dir
    picker = p.locator("#category")  # type: ignore[attr-defined]
    picker.select_option("adoption")
    contract = picker.locator('option[value="contract"]')
    key = contract.get_attribute("data-key")
    label = contract.inner_text().rsplit(" (", 1)[0]
    before = len(user_labelled(data_dir))
    p.locator("h1").click()  # type: ignore[attr-defined]
    p.keyboard.press("o")  # type: ignore[attr-defined]
    p.get_by_text(f"{before + 1} answered").wait_for()  # type: ignore[attr-defined]
    on_screen = p.locator(".review-sentence").inner_text()  # type: ignore[attr-defined]
    p.keyboard.press(key)  # type: ignore[attr-defined]
    p.locator("[data-review-saved]", has_text=f"({label})").wait_for()  # type: ignore[attr-defined]
    rows = user_labelled(data_dir)
    assert len(rows) == before + 1
    assert (rows[-1].label, rows[-1].category) == ("objection", "contract")
    assert p.locator(".review-sentence").inner_text() == on_screen  # type: ignore[attr-defined]
    p.keyboard.press("x")  # type: ignore[attr-defined]
    p.get_by_text(f"{before + 2} answered").wait_for()  # type: ignore[attr-defined]
    p.keyboard.press(key)  # type: ignore[attr-defined]
    assert picker.input_value() == "contract"
    assert [r.label for r in user_labelled(data_dir)][-1] == "other"
    assert len(user_labelled(data_dir)) == before + 2
