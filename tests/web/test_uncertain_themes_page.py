"""The home page, ``/api/clusters`` and ``callmine clusters`` over a real SQLite workspace with a
theme made only of uncertain mentions: it comes after the sure themes, marked, and on the home
page behind a "Show 1 uncertain theme" disclosure that needs no script."""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator

import pytest
from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api import app as api_app
from api.cli import app as cli_app
from api.pages import clusters as clusters_page
from pipeline.config import Settings
from pipeline.workspace import Workspace
from tests.conftest import app_client
from tests.samples import MixedThemes, seed_mixed_themes

_DISCLOSURE = re.compile(r'<details class="uncertain-themes"( open)?>(.*?)</details>', re.S)


@pytest.fixture
def mixed(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> MixedThemes:
    """``seed_mixed_themes`` stored; no start-up recovery (its calls are analysed already)."""
    monkeypatch.setattr(api_app, "recover_at_start", lambda *_args: None)
    workspace = Workspace(settings)
    with workspace.session() as session:
        themes = seed_mixed_themes(session)
    workspace.close()
    return themes


@pytest.fixture
def site(settings: Settings, mixed: MixedThemes) -> Iterator[TestClient]:
    workspace = Workspace(settings)
    with app_client(workspace) as client:
        yield client
    workspace.close()


def _card_names(html: str) -> list[str]:
    return re.findall(r'<h2 id="cluster-\d+-name"><a href="/clusters/\d+">([^<]+)</a>', html)


def test_uncertain_only_theme_is_folded_after_the_sure_ones(site: TestClient) -> None:
    for sort in ("size", "trend"):
        page = site.get(f"/?kind=objection&sort={sort}").text
        folded = _DISCLOSURE.search(page)
        assert folded is not None and folded.group(1) is None  # closed: the sure themes lead
        before = page[: folded.start()]
        assert _card_names(before) == [
            "The monthly price is too steep",
            "Setting it up takes too long",
        ]
        assert _card_names(folded.group(2)) == ["The reminders are why we picked you"]
        assert "<summary>Show 1 uncertain theme</summary>" in folded.group(2)
        assert 'badge-uncertain">uncertain<' in folded.group(2)
        assert "badge-uncertain" not in before
        # The heading's count is every theme's; the line under it splits it.
        assert "<h2>3 objections</h2>" in page
        assert "2 with a confident mention · 1 uncertain" in page


def test_a_filter_that_leaves_only_uncertain_themes_shows_them_open(site: TestClient) -> None:
    page = site.get("/?kind=objection&outcome=won").text
    folded = _DISCLOSURE.search(page)
    assert folded is not None and folded.group(1) == " open"
    assert "Nothing matches" not in page
    assert "No theme here has a mention the detector is sure of" in folded.group(2)
    assert _card_names(page) == [
        "The reminders are why we picked you",
        "The monthly price is too steep",
    ]
    assert "<summary>Show 2 uncertain themes</summary>" in page
    lost = site.get("/?kind=objection&outcome=lost&date_from=2026-02-01").text
    folded = _DISCLOSURE.search(lost)
    assert folded is not None and _card_names(folded.group(2)) == [
        "The reminders are why we picked you"
    ]


def test_a_workspace_with_no_uncertain_theme_has_no_disclosure(
    settings: Settings, mixed: MixedThemes
) -> None:
    lenient = Workspace(settings.model_copy(update={"confident_at": 0.15}))
    with app_client(lenient) as client:
        page = client.get("/?kind=objection").text
        listed = client.get("/api/clusters", params={"kind": "objection"}).json()
    lenient.close()
    assert "uncertain-themes" not in page
    assert _card_names(page)[0] == "The reminders are why we picked you"
    assert [c["id"] for c in listed] == [mixed.unsure, mixed.price, mixed.setup]


def test_the_api_lists_it_last_and_marked(site: TestClient, mixed: MixedThemes) -> None:
    listed = site.get("/api/clusters", params={"kind": "objection"}).json()
    assert [(c["id"], c["uncertain"], c["uncertain_only"]) for c in listed] == [
        (mixed.price, 1, False),
        (mixed.setup, 1, False),
        (mixed.unsure, 4, True),
    ]
    detail = site.get(f"/api/clusters/{mixed.unsure}").json()
    assert (detail["uncertain"], detail["uncertain_only"]) == (4, True)


def test_the_cli_lists_it_last_below_a_line_and_marked(
    settings: Settings, mixed: MixedThemes, point_cli_at: Callable[..., None]
) -> None:
    point_cli_at(settings.data_dir, settings.database_url)
    result = CliRunner().invoke(cli_app, ["clusters", "--kind", "objection"], terminal_width=160)
    assert result.exit_code == 0, result.output
    sure, line, unsure = result.output.partition("├")  # the line between the two sections
    assert line and "too steep" in sure and "too long" in sure and "(uncertain)" not in sure
    assert "picked" in unsure and "(uncertain)" in unsure
    assert "1 theme marked (uncertain): no mention read at 0.5 confidence" in result.output
    listed = json.loads(
        CliRunner().invoke(cli_app, ["clusters", "--kind", "objection", "--json"]).stdout
    )
    assert [c["uncertain_only"] for c in listed] == [False, False, True]


def test_uncertain_themes_past_the_first_cards_are_counted_and_reachable(
    site: TestClient, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A large workspace draws its first cards only: the sure themes fill them, and the folded
    list still says how many uncertain ones there are and links to every theme."""
    monkeypatch.setattr(clusters_page, "FIRST_CARDS", 2)
    page = site.get("/?kind=objection").text
    folded = _DISCLOSURE.search(page)
    assert folded is not None and _card_names(folded.group(2)) == []
    assert "<summary>Show 1 uncertain theme</summary>" in folded.group(2)
    assert "Show all 3 objections" in folded.group(2) and "show=all" in folded.group(2)
    every = _DISCLOSURE.search(site.get("/?kind=objection&show=all").text)
    assert every is not None and _card_names(every.group(2)) == [
        "The reminders are why we picked you"
    ]
