"""A confident mention that fits no theme is counted and said: "We've decided to go with RouteHub
for now" (0.95) sat in no theme while `callmine cluster` said "up to date". Unlike ones wait (a
full re-cluster for every three had re-clustered most uploads); one asked for places them."""

from __future__ import annotations

from collections.abc import Callable

from typer.testing import CliRunner

from api.cli import app as cli_app
from pipeline.analysis.flow import run_clustering
from pipeline.workspace import Workspace
from tests.insights_corpus import add_quote

# Lost deals' reasons from other trades, none near the corpus's themes; each stays unassigned.
LOSSES = (
    ("We've signed with Harvestly instead, they threw in the sensors for free.", "competitor"),
    ("The partners voted to stay with Briefcase Pro until the merger closes.", "competitor"),
    ("Our co-op already runs everything through AgriDesk, so that's settled.", "competitor"),
)


def test_confident_quotes_without_a_theme_are_counted_and_wait(ws: Workspace) -> None:
    first = run_clustering(ws, rebuild=True, kinds=["objection"])["objection"]
    left = first["unthemed"]  # what the full run itself left out is not drift

    text, category = LOSSES[0]
    add_quote(ws, text, category, "lost-0", 0.95)
    add_quote(ws, "Maybe something about the weather, not sure.", "other", "unsure", 0.4)
    add_quote(ws, "Hmm.", "price", "hmm", 0.9)  # says nothing alone: in no theme by choice
    after_one = run_clustering(ws, kinds=["objection"])["objection"]
    assert after_one["full"] is False and after_one["unthemed"] == left + 1
    assert after_one["waiting"] == 2  # the unsure one waits too; "Hmm." is in none by choice

    text, category = LOSSES[1]  # three waiting (with the unsure one): once a full re-cluster
    add_quote(ws, text, category, "lost-1", 0.9)
    piled = run_clustering(ws, kinds=["objection"])["objection"]
    assert piled["full"] is False and piled["new_themes"] == 0  # unlike reasons wait
    assert piled["unthemed"] == left + 2 and piled["waiting"] == 3
    placed = run_clustering(ws, rebuild=True, kinds=["objection"])["objection"]
    assert placed["full"] is True and placed["unthemed"] < left + 2


def test_the_cli_says_how_many_confident_quotes_have_no_theme(
    ws: Workspace, point_cli_at: Callable[..., None]
) -> None:
    left = run_clustering(ws, rebuild=True, kinds=["objection"])["objection"]["unthemed"]
    text, category = LOSSES[1]
    add_quote(ws, text, category, "lost-cli", 0.95)
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    said = CliRunner().invoke(cli_app, ["cluster"], terminal_width=200)
    assert said.exit_code == 0, said.output
    count = f"{left + 1} confident quote{'s' if left else ''} without a theme yet"
    assert "objection: 1 new mention fits no theme (a theme forms once" in said.output
    assert count in said.output and "objection: clusters up to date" not in said.output
    listed = CliRunner().invoke(cli_app, ["clusters", "--kind", "objection"], terminal_width=200)
    assert f"objection: {count}" in listed.output
