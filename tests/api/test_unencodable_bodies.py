"""A JSON body holding a lone surrogate (``"\\ud800"``: a client that cut a string mid-emoji)
is a 422 problem on every JSON-body operation, never a 500 from echoing it back."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.api.test_schema_fuzz import openapi_document
from tests.conftest import app_client, make_settings
from tests.samples import TRANSCRIPT

LONE_SURROGATE = '"\\ud800"'  # JSON text: decodes to a str that UTF-8 cannot encode


def json_body_operations() -> list[tuple[str, str, list[str]]]:
    """(method, path, body property names) of every operation taking a JSON body."""
    document = openapi_document()
    schemas = document["components"]["schemas"]
    found = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            content = operation.get("requestBody", {}).get("content", {})
            if "application/json" not in content:
                continue
            schema = content["application/json"]["schema"]
            if "$ref" in schema:
                schema = schemas[schema["$ref"].rsplit("/", 1)[-1]]
            found.append((method.upper(), path, sorted(schema.get("properties", {}))))
    return found


OPERATIONS = json_body_operations()


def concrete(path: str) -> str:
    """The path with each parameter filled in (an id 1, a name "x")."""
    return re.sub(r"\{([^}]+)\}", lambda m: "1" if m.group(1).endswith("id") else "x", path)


@pytest.fixture(scope="module")
def seeded(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[TestClient]:
    """A call 1 stored, so an operation on it gets past "not found". One for the module: every
    request here is refused, so none changes what the next one sees (and an upload per case
    cost a second each)."""
    workspace = Workspace(
        make_settings(tmp_path_factory.mktemp("surrogates") / "data"), embedder=embedder
    )
    with app_client(workspace) as client:
        response = client.post("/api/calls", files={"files": ("a.txt", TRANSCRIPT)})
        assert response.status_code == 201, response.text
        yield client
    workspace.close()


def test_every_json_operation_is_covered() -> None:
    assert len(OPERATIONS) >= 14, OPERATIONS


@pytest.mark.parametrize("variant", ["every field", "a key", "a list item"])
@pytest.mark.parametrize(("method", "path", "fields"), OPERATIONS, ids=lambda v: str(v))
def test_a_lone_surrogate_is_a_problem_not_a_crash(
    seeded: TestClient, method: str, path: str, fields: list[str], variant: str
) -> None:
    if variant == "every field":
        body = "{" + ",".join(f'"{name}":{LONE_SURROGATE}' for name in fields) + "}"
    elif variant == "a key":
        body = "{" + f"{LONE_SURROGATE}:1" + "}"
    else:
        body = "{" + ",".join(f'"{name}":[{LONE_SURROGATE}]' for name in fields) + "}"
    response: Any = seeded.request(
        method,
        concrete(path),
        content=body.encode(),
        headers={"content-type": "application/json"},
    )
    assert response.status_code < 500, (method, path, response.text)
    if response.status_code == 422:
        assert response.headers["content-type"].startswith("application/problem+json")
        assert response.json()["title"] == "Invalid request"
