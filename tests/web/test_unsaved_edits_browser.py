"""The document editor in Debian's Chromium: leaving the page with typed text not yet saved
asks first (app.js, ``beforeunload``); saving, or leaving with nothing typed, does not."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.generate import generate_document
from tests.plugins.documents import seed_clusters
from tests.plugins.live_server import LiveServer

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _document(live_server: LiveServer) -> int:
    workspace = live_server.workspace
    with workspace.session() as session:
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
