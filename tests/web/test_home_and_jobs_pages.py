"""The jobs page, on the analysed theme corpus through TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from pipeline.jobs.runs import create_job, fail, finish, update_progress
from pipeline.workspace import Workspace
from tests.conftest import app_client


@pytest.fixture
def site(corpus_ws: Workspace) -> Iterator[TestClient]:
    with app_client(corpus_ws) as client:
        yield client


def test_the_jobs_page_lists_the_apis_jobs_in_plain_words(
    site: TestClient, corpus_ws: Workspace
) -> None:
    ran, broke, waiting = (
        create_job(corpus_ws, kind) for kind in ("analyse", "redetect", "ingest")
    )
    update_progress(corpus_ws, ran, 0.5, "detect: 5 of 10 utterances")
    finish(corpus_ws, ran, {"calls": 2})
    fail(corpus_ws, broke, "interrupted: the process running it (host:1) stopped at 40%")
    html = site.get("/jobs").text
    listed = site.get("/api/jobs").json()
    assert listed["total"] == html.count("<tr>") - 1  # the same jobs as the API, one row each
    rows = {m[0]: m[1] for m in re.findall(r"<tr>\s*<td>([^<]+)</td>\s*<td>(.*?)</td>", html)}
    assert rows["Finding objections in new calls"] == "Finished"
    assert "Failed" in rows["Detecting again on every call"]
    assert rows["Reading a large upload"] == "Waiting"
    assert "Stopped when the server stopped" in html and "host:1" not in html
    assert "redetect" not in html and waiting not in html
    assert 'href="/jobs"' in site.get("/upload").text
