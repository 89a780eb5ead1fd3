"""``/api/team``: the roster over HTTP, problem+json for conflicts and unknown ids."""

from __future__ import annotations

from fastapi.testclient import TestClient


def test_team_api_round_trip(client: TestClient) -> None:
    assert client.get("/api/team").json() == []
    created = client.post("/api/team", json={"name": "Maria Chen", "company": "Shiftwise"})
    assert created.status_code == 201
    member = created.json()
    assert member == {"id": member["id"], "name": "Maria Chen", "company": "Shiftwise"}
    again = client.post("/api/team", json={"name": "maria chen"})
    assert again.status_code == 409
    assert again.headers["content-type"].startswith("application/problem+json")
    assert "already on the team" in again.json()["detail"]
    assert client.post("/api/team", json={"name": ""}).status_code == 422
    assert client.get("/api/team").json() == [member]
    assert client.delete(f"/api/team/{member['id']}").status_code == 204
    assert client.delete(f"/api/team/{member['id']}").status_code == 404
    assert client.get("/api/team").json() == []
