"""The home page's kind tabs, grain buttons and notices, and the jobs page, on the analysed
theme corpus through TestClient."""

from __future__ import annotations

import re
from collections.abc import Iterator
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi.testclient import TestClient

from pipeline.jobs.runs import create_job, fail, finish, update_progress
from pipeline.workspace import Workspace
from tests.conftest import app_client


@pytest.fixture
def site(corpus_ws: Workspace) -> Iterator[TestClient]:
    with app_client(corpus_ws) as client:
        yield client


def test_a_notice_never_takes_the_pages_own_kind(site: TestClient) -> None:
    """After "More themes" on the questions, the page stays on the questions: the notice's
    kind travels as ``tone``, not as a second ``kind`` in the address."""
    done = site.post("/grain", data={"kind": "question", "grain": "finer"})
    query = parse_qs(urlsplit(str(done.url)).query)
    assert query["kind"] == ["question"] and query["tone"] == ["ok"], done.url
    assert "What buyers ask" in done.text
    [job] = site.get("/api/jobs", params={"kind": "grain"}).json()["items"]
    assert job["status"] == "done" and query["job"] == [job["id"]]
    assert re.search(rf'class="notice notice-ok"[^>]*>{re.escape(job["message"])}<', done.text)
    assert job["message"].startswith("Showing ") and "data-job-url" not in done.text
    refused = site.post("/grain", data={"kind": "question", "grain": "12x"})
    assert 'class="notice notice-error"' in refused.text
    assert parse_qs(urlsplit(str(refused.url)).query)["kind"] == ["question"]


def test_the_home_page_follows_a_grain_job_until_it_ends(
    site: TestClient, corpus_ws: Workspace
) -> None:
    """Behind an upload a grain change waits minutes for the writer lock: the page shows the
    job's progress (and reloads when it ends), then says how it ended."""
    job_id = create_job(corpus_ws, "grain", "objection themes: finer")
    waiting = site.get("/", params={"kind": "objection", "job": job_id}).text
    assert f'data-job-url="/jobs/{job_id}" data-job-reload' in waiting
    assert "Waiting for other work to finish" in waiting
    update_progress(corpus_ws, job_id, 0.0, "grain: objection themes")
    assert "Working: grain: objection themes" in site.get("/", params={"job": job_id}).text
    finish(corpus_ws, job_id, {"grains": []}, "Showing 9 themes.")
    ended = site.get("/", params={"kind": "objection", "job": job_id}).text
    assert "data-job-url" not in ended and "Showing 9 themes." in ended
    broke = create_job(corpus_ws, "grain")
    fail(corpus_ws, broke, "interrupted: the process running it (host:1) stopped at 0%")
    failed = site.get("/", params={"job": broke}).text
    assert 'class="notice notice-error"' in failed and "data-job-url" not in failed
    unknown = site.get("/", params={"job": "not-a-job"})
    assert unknown.status_code == 200 and "data-job-url" not in unknown.text
    assert "Changing the number of themes" in site.get("/jobs").text


def test_the_kind_is_chosen_once_and_a_greyed_grain_button_says_why(site: TestClient) -> None:
    html = site.get("/", params={"kind": "objection", "outcome": "lost"}).text
    assert not re.search(r'<select[^>]*name="kind"', html)  # the tabs choose it, nothing else
    assert '<input type="hidden" name="kind" value="objection">' in html
    assert 'href="/?kind=question&amp;outcome=lost&amp;sort=size"' in html  # tabs keep filters
    fewer = re.search(r"<button[^>]*>Fewer themes</button>", html)
    assert fewer is not None and "disabled" in fewer.group(0)  # the automatic grain is fewest
    assert 'title="Can&#39;t be fewer' in fewer.group(0)
    assert 'aria-describedby="grain-limit"' in fewer.group(0)
    assert re.search(
        r'id="grain-limit">Can&#39;t be fewer: each theme is already a different '
        r"kind of objection\.",
        html,
    )


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
