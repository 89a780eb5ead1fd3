"""Every text a request body carries has a length limit in the OpenAPI document, and a value
past it is a quick 422: a 100 KB pasted title once held the server for ~20 s and was stored."""

from __future__ import annotations

import time
from typing import Any

import pytest
from fastapi.testclient import TestClient

from tests.api.test_schema_fuzz import openapi_document
from tests.samples import TRANSCRIPT

LONG = "z" * 100_000


def unlimited_strings(schema: dict[str, Any], schemas: dict[str, Any], where: str) -> list[str]:
    """Where ``schema`` accepts free text with no ``maxLength`` (a file, a date, a fixed
    choice or a constant is not free text)."""
    if "$ref" in schema:
        return unlimited_strings(schemas[schema["$ref"].rsplit("/", 1)[-1]], schemas, where)
    found = []
    for key in ("anyOf", "oneOf", "allOf"):
        for part in schema.get(key, []):
            found += unlimited_strings(part, schemas, where)
    fixed = {"enum", "const", "format", "contentMediaType"} & set(schema)
    if schema.get("type") == "string" and not fixed and "maxLength" not in schema:
        found.append(where)
    for name, part in schema.get("properties", {}).items():
        found += unlimited_strings(part, schemas, f"{where}.{name}")
    for key in ("items", "additionalProperties", "propertyNames"):
        if isinstance(schema.get(key), dict):
            found += unlimited_strings(schema[key], schemas, f"{where}.{key}")
    return found


def test_every_request_body_string_has_a_max_length() -> None:
    document = openapi_document()
    schemas = document["components"]["schemas"]
    missing = []
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            for content in operation.get("requestBody", {}).get("content", {}).values():
                missing += unlimited_strings(content["schema"], schemas, f"{method} {path}")
    assert not missing, missing


@pytest.mark.parametrize(
    "body",
    [
        {"title": LONG},
        {"account": LONG},
        {"deal_stage": LONG},
        {"industry": LONG},
        {"competitors": LONG.replace("zz", "z,")},
        {"our_speakers": ["Ana Ortiz"] * 1000},
        {"speaker_roles": {LONG: "buyer"}},
    ],
    ids=lambda body: next(iter(body)),
)
def test_a_long_call_field_is_refused_at_once(
    client: TestClient, call_id: int, body: dict[str, Any]
) -> None:
    started = time.monotonic()
    response = client.patch(f"/api/calls/{call_id}", json=body)
    assert response.status_code == 422, response.text[:300]
    assert time.monotonic() - started < 2
    assert response.headers["content-type"].startswith("application/problem+json")
    stored = client.get(f"/api/calls/{call_id}").json()
    assert all(len(str(stored.get(name) or "")) < 1000 for name in body)


def test_a_field_at_the_limit_is_kept(client: TestClient, call_id: int) -> None:
    response = client.patch(f"/api/calls/{call_id}", json={"title": "t" * 255})
    assert response.status_code == 200, response.text
    assert response.json()["title"] == "t" * 255


@pytest.mark.parametrize("field", ["account", "deal_stage", "competitors"])
def test_a_long_upload_field_is_refused(client: TestClient, field: str) -> None:
    for url in ("/api/calls", "/upload/file"):
        response = client.post(url, files={"files": ("a.txt", TRANSCRIPT)}, data={field: LONG})
        assert response.status_code == 422, (url, response.text[:300])
