"""A marketer fixes a call's misread date and missing outcome on the call page, in Chromium,
signed in (the form carries the CSRF token), and the dashboard moves with it: the date and
outcome had been fixable only with ``call-update`` or PATCH. Invented people and companies."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.embed import Embedder
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.plugins.auth import PASSWORD, add_users
from tests.plugins.live_server import LiveServer, live_settings, serve

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _call(account: str, day: str) -> str:
    return (
        f"Call notes - {account}\nDate: {day}\nAccount: {account}\n\n"
        "[00:00:04] Nell Ashby (Tablewise): Thanks for the time. How do orders come in now?\n"
        f"[00:00:12] Rafe Quinlan ({account}): The card fees on top of the monthly fee are too "
        "much for us. I can't close the kitchen for a day to set it up.\n"
    )


@pytest.fixture
def server(tmp_path: Path, embedder: Embedder) -> Iterator[LiveServer]:
    settings = live_settings(tmp_path / "data", our_company="Tablewise")
    workspace = Workspace(settings, embedder=embedder)
    add_users(workspace)
    for account, day in [("Birch Diner", "2026-03-03"), ("Cobalt Noodles", "2026-03-10")]:
        ingest_bytes(workspace, _call(account, day).encode(), f"{account}.txt")
    ingest_bytes(workspace, _call("Dune Café", "2025-12-03").encode(), "dune.txt")
    workspace.close()
    with serve(settings, embedder) as live:
        yield live


def test_a_marketer_fixes_a_calls_date_and_outcome(server: LiveServer, page: object) -> None:
    p = page
    url = server.url
    p.goto(url + "/signin")  # type: ignore[attr-defined]
    p.get_by_label("Name").fill("mark")  # type: ignore[attr-defined]
    p.get_by_label("Password").fill(PASSWORD)  # type: ignore[attr-defined]
    p.get_by_role("button", name="Sign in").click()  # type: ignore[attr-defined]
    p.wait_for_url(lambda u: "/signin" not in u)  # type: ignore[attr-defined]

    p.goto(url + "/dashboard")  # type: ignore[attr-defined]
    header = p.locator(".page-head p").first.inner_text()  # type: ignore[attr-defined]
    assert "0 lost" in header

    p.goto(url + "/calls/3")  # type: ignore[attr-defined]
    p.get_by_text("Edit details").click()  # type: ignore[attr-defined]
    p.get_by_label("Date").fill("2026-03-12")  # type: ignore[attr-defined]
    p.get_by_label("Outcome").select_option("lost")  # type: ignore[attr-defined]
    p.get_by_role("button", name="Save details").click()  # type: ignore[attr-defined]
    saved = p.get_by_text("Saved: date: 2025-12-03 → 2026-03-12; outcome: unknown → lost.")  # type: ignore[attr-defined]
    saved.wait_for()
    assert "2026-03-12" in p.locator("#details-title + dl").inner_text()  # type: ignore[attr-defined]

    p.goto(url + "/dashboard")  # type: ignore[attr-defined]
    header = p.locator(".page-head p").first.inner_text()  # type: ignore[attr-defined]
    assert "1 lost" in header
    lost = p.locator("[aria-labelledby=lost-title]").inner_text()  # type: ignore[attr-defined]
    assert "No lost deals with objections yet." not in lost
    periods = p.locator("#trend-periods")  # type: ignore[attr-defined]
    assert periods.count() == 0 or "2026-03-12" in periods.inner_text()
    assert not [m for m in p.console if m.startswith("error")]  # type: ignore[attr-defined]
