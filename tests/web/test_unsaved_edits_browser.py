"""The document page in Debian's Chromium (app.js): leaving the editor with typed text not yet
saved asks first (``beforeunload``), saving or leaving with nothing typed does not; "Request
changes" without its note says so by the note instead of sending."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from pipeline.content.generate import generate_document
from pipeline.store.models import Call
from tests.plugins.documents import seed_clusters
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _document(live_server: LiveServer) -> int:
    workspace = live_server.workspace
    with workspace.session() as session:
        if session.scalar(select(func.count()).select_from(Call)) == 0:  # one server a module
            seed_clusters(session)
        return generate_document(session, workspace.settings, doc_type="objection-faq").id


def test_leaving_an_unsaved_edit_asks_first_and_saving_does_not(
    live_server: LiveServer, page: Any
) -> None:
    kinds: list[str] = []
    page.on("dialog", lambda dialog: kinds.append(dialog.type))  # the fixture dismisses it
    document = f"{live_server.url}/documents/{_document(live_server)}"

    page.goto(document)
    page.click("nav >> text=Objections")  # nothing typed: leaves without a word
    page.wait_for_url(live_server.url + "/")
    assert kinds == []

    page.goto(document)
    page.fill("#doc-body", page.input_value("#doc-body") + "\n\nA paragraph not saved yet.")
    page.click("nav >> text=Objections")
    assert kinds == ["beforeunload"]  # dismissed: the user stays, the text with them
    assert page.url == document
    assert page.input_value("#doc-body").endswith("A paragraph not saved yet.")

    page.click("button:has-text('Save version')")  # the save itself never asks
    page.get_by_text("Saved as version 2.").wait_for()
    page.click("nav >> text=Objections")  # saved: nothing to lose
    page.wait_for_url(live_server.url + "/")
    assert kinds == ["beforeunload"]


def test_request_changes_without_a_note_says_so_by_the_note(
    live_server: LiveServer, page: Any
) -> None:
    document = f"{live_server.url}/documents/{_document(live_server)}"
    page.goto(document)
    page.click("button:has-text('Send for review')")
    page.get_by_text("Now in review.").wait_for()
    page.click("button:has-text('Request changes')")  # no note: nothing is sent
    assert page.locator("#review-comment-error").is_visible()
    assert page.evaluate("document.activeElement.id") == "review-comment"
    assert page.locator("#doc-state").inner_text() == "In review"
    page.fill("#review-comment", "Say what the price covers")
    page.click("button:has-text('Request changes')")
    page.get_by_text("Now changes requested.").wait_for()
