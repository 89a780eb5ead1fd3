"""A theme's competitors are the ones its own sentences name; the competitors of its calls (the
deal's record, any other sentence of the call) are a separate, labelled figure. A data-residency
theme whose quotes named no rival had read "competitors: HammerTech (1), Procore (1)", the
rivals its lost deals were recorded against."""

from __future__ import annotations

from collections.abc import Callable

from fastapi.testclient import TestClient
from typer.testing import CliRunner

from api.cli import app
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme


def _seed(ws: Workspace) -> tuple[int, int]:
    """A hosting theme naming no rival on two deals recorded against rivals, and a price theme
    whose one sentence names a rival (a tag on its span) on a deal recorded against another."""
    with ws.session() as db:
        hosting = add_theme(db, "Where the data is hosted", "hosting")
        price = add_theme(db, "Per-site price", "price")
        call, turns = _call(
            db, 1, "Bracken Civils", "lost", "2026-02-02",
            [
                ("Orla Finch", "buyer", "Our data has to stay in Ireland, US hosting won't fly."),
                ("Orla Finch", "buyer", "We already run TagRight for plant checks."),
            ],
        )  # fmt: skip
        call.competitors = ["Sitewise"]
        _mention(db, turns[0], "objection", "security", hosting)
        _mention(db, turns[1], "current_setup", None, None)
        _mention(db, turns[1], "competitor", None, None, competitor="TagRight")
        call, turns = _call(
            db, 2, "Dunmore Build", "lost", "2026-02-09",
            [
                ("Cathal Roe", "buyer", "Who can see our incident reports, and where are they?"),
                ("Cathal Roe", "buyer", "TagRight charges per user, you charge per site."),
            ],
        )  # fmt: skip
        call.competitors = ["Sitewise"]
        _mention(db, turns[0], "objection", "security", hosting)
        _mention(db, turns[1], "objection", "price", price)
        _mention(db, turns[1], "competitor", None, None, competitor="TagRight")
        return hosting.id, price.id


def test_a_theme_names_only_the_rivals_its_sentences_name(
    workspace: Workspace,
    client: TestClient,
    point_cli_at: Callable[..., None],
) -> None:
    hosting, price = _seed(workspace)
    quiet = client.get(f"/api/clusters/{hosting}").json()
    named = client.get(f"/api/clusters/{price}").json()
    assert quiet["competitors"] == []
    assert quiet["competitors_on_calls"] == [
        {"name": "Sitewise", "count": 2},
        {"name": "TagRight", "count": 2},
    ]
    assert named["competitors"] == [{"name": "TagRight", "count": 1}]  # the tag on its span
    assert named["competitors_on_calls"] == [
        {"name": "Sitewise", "count": 1},
        {"name": "TagRight", "count": 1},
    ]
    listed = {c["id"]: c for c in client.get("/api/clusters").json()}
    assert listed[hosting]["competitors"] == []
    # The competitor filter keeps its meaning: the themes of the calls that named the rival.
    filtered = client.get("/api/clusters", params={"competitor": "Sitewise"}).json()
    assert {c["id"] for c in filtered} == {hosting, price}

    page = client.get(f"/clusters/{hosting}").text
    assert "Competitors named:" not in page
    assert "Competitors on these calls:</strong> Sitewise (2 calls), TagRight (2 calls)" in page

    point_cli_at(workspace.settings.data_dir, workspace.settings.database_url)
    shown = CliRunner().invoke(app, ["cluster-show", str(hosting)])
    assert shown.exit_code == 0, shown.output
    assert "competitors named" not in shown.output
    assert "competitors on these calls: Sitewise (2 calls), TagRight (2 calls)" in shown.output
    shown = CliRunner().invoke(app, ["cluster-show", str(price)]).output
    assert "competitors named: TagRight (1)" in shown
