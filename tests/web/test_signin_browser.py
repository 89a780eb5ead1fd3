"""Signed in, in Debian's Chromium: the sign-in page, an upload through the page's script (which
sends the CSRF token), sign-out, and refused afterwards; nothing blocked by the CSP."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.auth import PASSWORD, add_users
from tests.plugins.live_server import LiveServer, live_settings, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]

TRANSCRIPT = (
    "Dana (Brightside): Honestly the price is too high for a clinic our size.\n"
    "Maya: Understood, tell me more.\n"
    "Dana (Brightside): And a two year contract scares me.\n"
)


@pytest.fixture
def locked_server(tmp_path: Path, embedder: Embedder) -> Iterator[LiveServer]:
    settings = live_settings(tmp_path / "data")
    workspace = Workspace(settings, embedder=embedder)
    add_users(workspace)
    workspace.close()
    with serve(settings, embedder) as server:
        yield server


def test_sign_in_upload_sign_out_refused(locked_server: LiveServer, page: object) -> None:
    p = page
    url = locked_server.url
    p.goto(url + "/calls")  # type: ignore[attr-defined]
    assert "/signin?next=%2Fcalls" in p.url  # type: ignore[attr-defined]
    p.get_by_label("Name").fill("mark")  # type: ignore[attr-defined]
    p.get_by_label("Password").fill("not it")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    p.get_by_text("Wrong name or password.").wait_for()  # type: ignore[attr-defined]
    p.get_by_label("Name").fill("mark")  # type: ignore[attr-defined]
    p.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    p.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    p.get_by_role("heading", level=1, name="Calls").wait_for()  # type: ignore[attr-defined]
    assert p.url.endswith("/calls")  # type: ignore[attr-defined]
    assert p.locator(".account-name").inner_text() == "mark"  # type: ignore[attr-defined]

    # One thing a marketer does: upload a pasted transcript (the script posts with the token).
    p.goto(url + "/upload")  # type: ignore[attr-defined]
    p.get_by_label("Transcript text").fill(TRANSCRIPT)  # type: ignore[attr-defined]
    p.get_by_label("Name for this transcript").fill("signed-in.txt")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Upload and analyse").click()  # type: ignore[attr-defined]
    p.locator("#upload-results-body .badge-created").wait_for(timeout=60_000)  # type: ignore[attr-defined]
    p.locator("[data-job-done]").wait_for(state="visible", timeout=120_000)  # type: ignore[attr-defined]
    assert p.locator("#analysis-progress").get_attribute("data-job-status") == "done"  # type: ignore[attr-defined]

    p.get_by_role("button", name="Sign out").click()  # type: ignore[attr-defined]
    p.get_by_text("Signed out.").wait_for()  # type: ignore[attr-defined]
    p.goto(url + "/calls/1")  # type: ignore[attr-defined]
    assert "/signin" in p.url  # type: ignore[attr-defined]
    assert p.request.get(url + "/api/calls").status == 401  # type: ignore[attr-defined]
    blocked = [m for m in p.console if "Content Security Policy" in m]  # type: ignore[attr-defined]
    assert blocked == [] and p.dialogs == []  # type: ignore[attr-defined]
