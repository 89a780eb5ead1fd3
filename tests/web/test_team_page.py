"""The Team page: linked from the nav, add and remove people, names escaped."""

from __future__ import annotations

from fastapi.testclient import TestClient

from pipeline.ingest import team
from pipeline.workspace import Workspace


def test_team_page_adds_lists_and_removes(client: TestClient, workspace: Workspace) -> None:
    home = client.get("/team")
    assert home.status_code == 200
    assert '<a href="/team" aria-current="page">Team</a>' in home.text
    assert "Nobody yet" in home.text
    page = client.post("/team", data={"name": "Maria <b>Chen</b>", "company": "Shiftwise"})
    assert page.status_code == 200
    assert "Maria &lt;b&gt;Chen&lt;/b&gt;" in page.text and "<b>Chen</b>" not in page.text
    twice = client.post("/team", data={"name": "maria <b>chen</b>"})
    assert "already on the team" in twice.text
    with workspace.session() as db:
        [member] = team.list_members(db)
    gone = client.post(f"/team/{member.id}/remove")
    assert gone.status_code == 200 and "is no longer on the team" in gone.text
    assert "Nobody yet" in gone.text
    assert 'href="/team"' in client.get("/calls").text  # in the nav of every page
