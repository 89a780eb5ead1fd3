"""A 422's ``detail`` says which parameter or field is wrong and why: every one had said
"request did not validate", the reason only in ``errors``, so a client showing ``detail`` (as
the README's curl examples do) told its user nothing to fix."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

CASES = [
    ("GET", "/api/clusters?kind=bogus", None,
     "query parameter 'kind': Input should be 'objection', 'pain' or 'question'"),
    ("GET", "/api/search", None, "query parameter 'q' is required"),
    ("GET", "/api/clusters?date_from=2026-13-01", None,
     "query parameter 'date_from': month must be in 1..12"),
    ("GET", "/api/calls/abc", None, "path parameter 'call_id': an id is a whole number"),
    ("POST", "/api/documents", "{bad json", "the body is not valid JSON"),
    ("POST", "/api/documents", '{"type": "nope"}', "field 'type': Input should be 'objection-faq'"),
    ("PUT", "/api/product", "{}", "field 'name' is required"),
]  # fmt: skip


@pytest.mark.parametrize(("method", "path", "body", "says"), CASES)
def test_a_422_detail_names_what_to_fix(
    client: TestClient, method: str, path: str, body: str | None, says: str
) -> None:
    headers = {"content-type": "application/json"} if body is not None else {}
    response = client.request(method, path, content=body, headers=headers)
    assert response.status_code == 422
    assert response.headers["content-type"].startswith("application/problem+json")
    problem = response.json()
    assert problem["detail"].startswith(says), problem["detail"]
    assert problem["errors"]  # each error in full, as before


def test_a_detail_names_three_errors_and_counts_the_rest() -> None:
    from api.problems import invalid_detail

    errors = [
        {"type": "missing", "loc": ["body", f"f{n}"], "msg": "Field required"} for n in range(5)
    ]
    assert invalid_detail(errors) == (
        "field 'f0' is required; field 'f1' is required; field 'f2' is required"
        " (and 2 more in errors)"
    )
