"""Web pages through TestClient on the real stack: example calls ingested, analysed, clustered."""

from __future__ import annotations

import re
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from api.app import create_app
from pipeline.analysis import analyse_calls
from pipeline.calls import CallMetadata, ingest_bytes
from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.workspace import Workspace

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "calls"
XSS = (
    "Dana (Brightside): <script>alert('x')</script> the price is too high for us.\n"
    "Maya: Understood.\n"
    "Dana (Brightside): <img src=x onerror=alert(1)> and the contract is too long.\n"
)


def example_files() -> list[Path]:
    return sorted(p for p in EXAMPLES.iterdir() if p.is_file() and p.name != "manifest.csv")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[TestClient]:
    """One analysed workspace for the whole module: the example calls, clustered."""
    data_dir = tmp_path_factory.mktemp("web") / "data"
    settings = Settings(_env_file=None, data_dir=data_dir, llm_base_url=None, llm_model=None)  # type: ignore[call-arg]
    workspace = Workspace(settings, embedder=embedder)
    created = [
        r.call_id
        for path in example_files()
        for r in ingest_bytes(
            workspace, path.read_bytes(), path.name, CallMetadata(), analyse=False
        )
        if r.call_id is not None
    ]
    analyse_calls(workspace, created)
    with TestClient(create_app(workspace=workspace)) as client:
        yield client
    workspace.close()


def test_upload_page_labels_every_input(site: TestClient) -> None:
    html = site.get("/upload").text
    ids = set(re.findall(r'<(?:input|select|textarea)[^>]*\bid="([^"]+)"', html))
    labelled = set(re.findall(r'<label[^>]*\bfor="([^"]+)"', html))
    assert ids and ids <= labelled, ids - labelled
    assert "webkitdirectory" in html


def test_upload_form_reports_each_file(site: TestClient) -> None:
    good = EXAMPLES / "01_brightbean_coffee_discovery.txt"
    files = [
        ("files", (good.name, good.read_bytes(), "text/plain")),
        ("files", ("logo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)), "text/plain")),
    ]
    response = site.post("/upload", files=files, data={"pasted": XSS, "pasted_name": "xss"})
    assert response.status_code == 200
    html = response.text
    assert 'badge-duplicate">duplicate' in html  # the module fixture stored it already
    assert 'badge-rejected">rejected' in html
    assert 'badge-created">created' in html  # the pasted transcript
    assert "data-job-url=" in html  # analysis of the new call runs as a job


def test_upload_file_endpoint_returns_json(site: TestClient) -> None:
    path = EXAMPLES / "08_oakridge_vet_demo.vtt"
    response = site.post("/upload/file", files={"file": (path.name, path.read_bytes())})
    results = response.json()["results"]
    assert [r["status"] for r in results] == ["duplicate"]
    assert results[0]["call_id"] > 0


def test_upload_bad_date_is_a_clear_error(site: TestClient) -> None:
    response = site.post("/upload", data={"pasted": XSS, "date": "yesterday"})
    assert response.status_code == 422
    assert "is not a date" in response.text


def test_calls_list_filters_by_outcome(site: TestClient) -> None:
    html = site.get("/calls?outcome=lost").text
    rows = re.findall(r'<span class="badge badge-(\w+)">(\w+)</span>', html)
    assert rows and all(outcome == "lost" for _cls, outcome in rows)
    assert "is not a date" in site.get("/calls?date_from=nope").text


def _xss_call_id(site: TestClient) -> int:
    response = site.post("/upload/file", data={"pasted": XSS, "pasted_name": "xss.txt"})
    return int(response.json()["results"][0]["call_id"])


def test_transcript_text_is_escaped(site: TestClient) -> None:
    html = site.get(f"/calls/{_xss_call_id(site)}").text
    assert "<script>alert" not in html
    assert "<img src=x" not in html
    assert "&lt;script&gt;alert(" in html
    assert "&lt;img src=x onerror=alert(1)&gt;" in html


def test_fix_a_speaker_role(site: TestClient) -> None:
    call_id = _xss_call_id(site)
    response = site.post(
        f"/calls/{call_id}/roles", data={"speaker": "Maya", "role": "buyer"}, follow_redirects=False
    )
    assert response.status_code == 303
    page = site.get(response.headers["location"]).text
    assert "Maya is now marked as buyer" in page
    assert re.search(r'<option value="buyer" selected>', page)


def test_pages_render_fast(site: TestClient) -> None:
    """Loose bound (< 1 s) on server render time with the example data; figures printed."""
    timings = {}
    for url in ["/", "/calls", "/calls/1", "/upload", "/phrases", "/dashboard", "/documents"]:
        site.get(url)  # warm
        start = time.perf_counter()
        response = site.get(url)
        timings[url] = time.perf_counter() - start
        assert response.status_code == 200, url
    print({url: f"{t * 1000:.0f} ms" for url, t in timings.items()})
    assert max(timings.values()) < 1.0, timings
