"""What used to crash the server answers a clear 4xx problem instead, and an unexpected error is a
logged problem+json 500; the OpenAPI document declares every error it can answer."""

from __future__ import annotations

import datetime as dt
import io
import logging

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.calls import queries
from pipeline.workspace import Workspace

HUGE = "99999999999999999999"  # past 2**63: SQLite raised OverflowError on it


@pytest.mark.parametrize(
    "url",
    [
        f"/api/calls/{HUGE}",
        f"/api/calls?page={HUGE}",
        f"/api/utterances?call_id={HUGE}",
        f"/api/utterances?offset={HUGE}",
        f"/api/clusters/{HUGE}",
        f"/api/documents/{HUGE}",
        f"/api/documents/1/versions/{HUGE}",
        f"/api/documents/1/diff?from={HUGE}",
        f"/api/phrases?min_count={HUGE}",
        f"/calls/{HUGE}",
        f"/calls?page={HUGE}",
        f"/clusters/{HUGE}",
        f"/documents/{HUGE}",
        "/api/calls/-1",
        "/api/calls/0",
    ],
)
def test_ids_out_of_range_are_4xx_problems(client: TestClient, url: str) -> None:
    response = client.get(url)
    assert response.status_code in (404, 422), (url, response.status_code, response.text)
    assert response.headers["content-type"].startswith("application/problem+json")


PAST_32_BITS = "3000000000"  # a valid 64-bit id; PostgreSQL's INTEGER would overflow on it


@pytest.mark.postgres
def test_ids_past_32_bits_are_plain_not_found_on_every_engine(client: TestClient) -> None:
    for url in (
        f"/api/calls/{PAST_32_BITS}",
        f"/api/utterances?call_id={PAST_32_BITS}&offset={PAST_32_BITS}",
        "/api/calls?page=30000000&page_size=100",  # an offset past 2**31
        f"/api/clusters/{PAST_32_BITS}",
        f"/api/documents/1/versions/{PAST_32_BITS}",
        f"/calls/{PAST_32_BITS}",
    ):
        response = client.get(url)
        assert response.status_code in (200, 404), (url, response.status_code, response.text)
        if response.status_code == 200:  # a page past the last one, or no utterances
            body = response.json()
            assert (body if isinstance(body, list) else body["items"]) == [], url
    merge = client.post("/api/clusters/merge", json={"ids": [1, int(PAST_32_BITS)]})
    assert merge.status_code == 404, merge.text


def test_huge_ids_in_bodies_are_422(client: TestClient) -> None:
    response = client.post("/api/clusters/merge", json={"ids": [1, int(HUGE)]})
    assert response.status_code == 422
    response = client.post("/api/documents", json={"type": "one-pager", "cluster_ids": [int(HUGE)]})
    assert response.status_code == 422


@pytest.mark.parametrize(
    "body", [{"competitors": False}, {"our_speakers": 123}, {"our_speakers": [1]}, {"date": 1.5}]
)
def test_patch_with_wrong_types_is_422(client: TestClient, call_id: int, body: object) -> None:
    response = client.patch(f"/api/calls/{call_id}", json=body)
    assert response.status_code == 422, response.text
    assert response.json()["errors"], response.json()


def test_patch_names_as_text_or_list(client: TestClient, call_id: int) -> None:
    response = client.patch(f"/api/calls/{call_id}", json={"competitors": "ShiftLy; Rotaboard"})
    assert response.json()["competitors"] == ["ShiftLy", "Rotaboard"]
    response = client.patch(f"/api/calls/{call_id}", json={"competitors": ["A, B"]})
    assert response.json()["competitors"] == ["A", "B"]


@pytest.mark.parametrize("value", ["1.5e-118", "0", "20260314", "2026-02-30", "yesterday"])
def test_dates_must_be_iso(client: TestClient, value: str) -> None:
    for url in ("/api/calls", "/api/clusters", "/api/dashboard"):
        for name in ("date_from", "date_to"):
            response = client.get(url, params={name: value})
            assert response.status_code == 422, (url, name, value, response.text)


def test_an_iso_date_filters(client: TestClient, call_id: int) -> None:
    assert client.get("/api/calls", params={"date_from": "2000-01-01"}).status_code == 200


@pytest.mark.parametrize(
    "params",
    [
        {"date_from": "0099-09-28"},  # schemathesis: the period before it began before year 1
        {"date_from": "0001-01-01"},
        {"date_to": "0001-01-03"},
        {"date_from": "0001-01-01", "date_to": "9999-12-31"},
    ],
)
def test_dates_at_the_ends_of_the_calendar_answer(
    client: TestClient, call_id: int, params: dict[str, str]
) -> None:
    assert client.patch(f"/api/calls/{call_id}", json={"date": "2026-03-02"}).status_code == 200
    for url in ("/api/dashboard", "/api/clusters", "/api/calls", "/"):
        response = client.get(url, params=params)
        assert response.status_code == 200, (url, params, response.text)


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/api/clusters/grain", {"grain": True}),  # schemathesis: read as one theme, then 202
        ("/api/documents", {"doc_type": "one-pager", "cluster_ids": [True]}),  # as cluster 1
    ],
)
def test_true_is_no_number_in_a_body(client: TestClient, url: str, body: object) -> None:
    response = client.post(url, json=body)
    assert response.status_code == 422, (url, response.status_code, response.text)
    assert "not true or false" in response.text


def test_true_is_no_number_in_a_path_or_query_either(client: TestClient, call_id: int) -> None:
    assert client.get("/api/calls", params={"page": "true"}).status_code == 422
    assert client.get(f"/api/calls/{call_id}").status_code == 200  # a number from a path still is


def test_deeply_nested_uploads_are_bad_input(client: TestClient) -> None:
    nested = b"[" * 10_000 + b"]" * 10_000
    response = client.post("/api/calls", files={"files": ("deep.json", nested)})
    assert response.status_code == 422
    assert "nested too deeply" in response.json()["detail"]
    column_map = "[" * 4_000 + "]" * 4_000  # deep, and within the field's 10,000 characters
    response = client.post(
        "/api/calls",
        files={"files": ("a.csv", io.BytesIO(b"Note Body\nToo expensive.\n"))},
        data={"column_map": column_map},
    )
    assert response.status_code == 422
    assert "column_map is nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize(
    ("url", "allowed"),
    [
        ("/api/calls", {"GET", "POST"}),
        ("/api/calls/1", {"GET", "PATCH", "DELETE"}),
        ("/api/calls/redetect", {"POST"}),
        ("/api/clusters/rebuild", {"POST"}),
        ("/api/jobs", {"GET"}),
    ],
)
def test_unknown_methods_are_405_with_allow(
    client: TestClient, url: str, allowed: set[str]
) -> None:
    response = client.request("TRACE", url)
    assert response.status_code == 405
    assert set(response.headers["allow"].split(", ")) == allowed
    assert response.headers["content-type"].startswith("application/problem+json")


def test_unexpected_errors_are_logged_problem_500s(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(queries, "list_calls", broken)
    monkeypatch.setattr("api.routers.calls.list_calls", broken)
    with (
        caplog.at_level(logging.ERROR),
        TestClient(create_app(workspace=workspace), raise_server_exceptions=False) as client,
    ):
        response = client.get("/api/calls")
    assert response.status_code == 500
    assert response.headers["content-type"].startswith("application/problem+json")
    assert response.json()["detail"] == "unexpected RuntimeError; it was logged"
    assert "disk on fire" not in response.text
    assert any("GET /api/calls" in r.getMessage() and r.exc_info for r in caplog.records)


def test_timestamps_carry_their_zone(client: TestClient, call_id: int) -> None:
    created = client.get(f"/api/calls/{call_id}").json()["created_at"]
    parsed = dt.datetime.fromisoformat(created)
    assert parsed.utcoffset() == dt.timedelta(0), created
    assert abs(dt.datetime.now(dt.UTC) - parsed) < dt.timedelta(minutes=5)


def test_openapi_declares_every_error_as_problem_json(client: TestClient) -> None:
    spec = client.get("/openapi.json").json()
    assert "HTTPValidationError" not in spec["components"]["schemas"]
    for path, operations in spec["paths"].items():
        for method, operation in operations.items():
            responses = operation["responses"]
            assert {"401", "422", "500"} <= set(responses), (method, path)
            if "{" in path:
                assert "404" in responses, (method, path)
            for status, response in responses.items():
                if status[0] in "45":
                    assert list(response["content"]) == ["application/problem+json"], (path, status)
    documents = spec["paths"]["/api/documents/{document_id}/review"]["post"]["responses"]
    assert "409" in documents
    assert "413" in spec["paths"]["/api/calls"]["post"]["responses"]
    created_at = spec["components"]["schemas"]["CallRead"]["properties"]["created_at"]
    assert created_at["format"] == "date-time"
