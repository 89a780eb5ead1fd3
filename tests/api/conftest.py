"""Fixtures the API tests share."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from tests.samples import TRANSCRIPT


@pytest.fixture
def call_id(client: TestClient) -> int:
    """The id of one small transcript uploaded through the API."""
    response = client.post("/api/calls", files={"files": ("a.txt", TRANSCRIPT)})
    assert response.status_code == 201, response.text
    return int(response.json()["results"][0]["call_id"])
