"""Every numeric id in an API path is validated: a malformed one ("-1", "abc", "1.5", 0, past
2**63-1) is a 422 problem naming the parameter, not a route-not-found 404; a well-formed id
that names nothing stays a 404."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings

MALFORMED = ["-1", "abc", "1.5", "0", "9223372036854775808"]

ROUTES = [
    ("GET", "/api/calls/{id}"),
    ("PATCH", "/api/calls/{id}"),
    ("DELETE", "/api/calls/{id}"),
    ("GET", "/api/clusters/{id}"),
    ("PATCH", "/api/clusters/{id}"),
    ("POST", "/api/clusters/{id}/split"),
    ("POST", "/api/clusters/{id}/undo-merge"),
    ("POST", "/api/clusters/{id}/undo-split"),
    ("GET", "/api/documents/{id}"),
    ("GET", "/api/documents/{id}/versions"),
    ("GET", "/api/documents/1/versions/{id}"),
    ("GET", "/api/documents/{id}/export"),
    ("POST", "/api/utterances/{id}/label"),
    ("POST", "/api/mentions/{id}/label"),
    ("DELETE", "/api/team/{id}"),
]


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[TestClient]:
    """One app for the module's 80 requests: none of them changes anything."""
    workspace = Workspace(make_settings(tmp_path_factory.mktemp("ids") / "data"), embedder=embedder)
    try:
        with app_client(workspace) as test_client:
            yield test_client
    finally:
        workspace.close()


@pytest.mark.parametrize("bad", MALFORMED)
@pytest.mark.parametrize(("method", "template"), ROUTES)
def test_malformed_path_ids_are_422_problems(
    client: TestClient, method: str, template: str, bad: str
) -> None:
    response = client.request(method, template.replace("{id}", bad))
    assert response.status_code == 422, (method, template, bad, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["errors"][0]["loc"][0] == "path", response.text


@pytest.mark.parametrize(
    "url", ["/api/calls/424242", "/api/clusters/424242", "/api/documents/424242"]
)
def test_well_formed_missing_ids_stay_404(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404, response.text
    assert response.headers["content-type"].startswith("application/problem+json")


def test_a_wrong_method_on_an_id_is_still_405(client: TestClient) -> None:
    response = client.put("/api/calls/2")
    assert response.status_code == 405
    assert "PATCH" in response.headers["allow"]
