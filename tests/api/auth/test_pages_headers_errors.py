"""Security headers on every kind of response, error pages for browsers, review moves by role,
the admin pages, and upload file names that never become paths."""

from __future__ import annotations

import re
import uuid
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

import api.pages.overview
import api.routers.dashboard
from api.app import create_app
from api.middleware import CSP
from pipeline.workspace import Workspace
from tests.conftest import ROOT, app_client
from tests.plugins.auth import Authed, csrf_of
from tests.plugins.documents import Seeded, written

TEMPLATES = ROOT / "api" / "templates"
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
}


def assert_secured(response: object) -> None:
    headers = response.headers  # type: ignore[attr-defined]
    for name, value in HEADERS.items():
        assert headers.get(name) == value, (response, name)
    assert "frame-ancestors 'none'" in headers["content-security-policy"]
    assert "script-src 'self';" in headers["content-security-policy"]


def _document(client: TestClient, seeded: Seeded) -> int:
    created = client.post(
        "/api/documents",
        json={"type": "one-pager", "cluster_ids": [seeded.price], "use_llm": "false"},
    )
    assert created.status_code == 201, created.text
    body = written(created.json()["body_markdown"])
    assert client.patch(
        f"/api/documents/{created.json()['id']}", json={"body_markdown": body}
    ).is_success
    return int(created.json()["id"])


def test_headers_on_pages_exports_api_errors_and_static(api: TestClient, seeded: Seeded) -> None:
    doc = _document(api, seeded)
    html = {"Accept": "text/html"}
    for response in (
        api.get("/", headers=html),
        api.get(f"/documents/{doc}", headers=html),
        api.get(f"/documents/{doc}/export/html?inline=true"),
        api.get(f"/documents/{doc}/export/pdf"),
        api.get(f"/api/documents/{doc}/export?format=md"),
        api.get("/api/calls"),
        api.get("/clusters/9999", headers=html),
        api.get("/api/clusters/9999"),
        api.get("/static/app.js"),
    ):
        assert response.status_code in (200, 404), response.status_code
        assert_secured(response)
    assert api.get("/api/calls").headers["cache-control"] == "no-store"
    assert "no-store" not in api.get("/static/app.css").headers.get("cache-control", "")


def test_browsers_get_error_pages_and_the_api_problem_json(
    ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    html = {"Accept": "text/html,application/xhtml+xml"}
    with app_client(ws) as client:
        for path, status in (
            ("/clusters/9999", 404),
            ("/calls/abc", 404),
            ("/no/such/page", 404),
        ):
            page = client.get(path, headers=html)
            assert page.status_code == status and page.headers["content-type"].startswith(
                "text/html"
            )
            assert 'class="topbar"' in page.text and "Not found" in page.text
            assert "pydantic" not in page.text and "int_parsing" not in page.text
        query = client.get("/calls?page=abc", headers=html)
        assert query.status_code == 422 and "Check these fields: page." in query.text
        # the API stays JSON; a malformed id there is a 422 naming the path parameter
        api_error = client.get("/api/calls/abc", headers=html)
        assert api_error.status_code == 422
        assert api_error.headers["content-type"] == "application/problem+json"

    def broken(*_args: object, **_kwargs: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(api.pages.overview, "dashboard_view", broken)
    monkeypatch.setattr(api.routers.dashboard, "dashboard_view", broken)
    with TestClient(create_app(workspace=ws), raise_server_exceptions=False) as client:
        page = client.get("/dashboard", headers=html)
        assert page.status_code == 500 and 'class="topbar"' in page.text
        assert "boom" not in page.text
        assert_secured(page)
        problem = client.get("/api/dashboard")
        assert problem.status_code == 500
        assert problem.headers["content-type"] == "application/problem+json"
        assert_secured(problem)


def test_no_inline_script_and_a_csrf_field_in_every_posting_form() -> None:
    for template in TEMPLATES.rglob("*.html"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"<script(?![^>]*\bsrc=)", text), template
        assert not re.search(r"\son[a-z]+\s*=", text), template
        assert not re.search(r"javascript:", text, re.IGNORECASE), template
        for form in re.finditer(r"<form\b[^>]*>", text):
            if 'method="post"' in form.group(0):
                after = text[form.end() : form.end() + 60]
                assert after.lstrip().startswith('{% include "partials/csrf.html" %}'), form


def test_review_moves_need_the_right_role(authed: Authed, seeded: Seeded) -> None:
    admin = authed.bearer("alice")
    doc = _document(TestClient(authed.app, headers=admin), seeded)
    client = authed.anonymous

    def move(name: str, state: str) -> int:
        response = client.post(
            f"/api/documents/{doc}/review", json={"state": state}, headers=authed.bearer(name)
        )
        return response.status_code

    assert move("sam", "in_review") == 403  # sales do not send for review
    assert move("mark", "in_review") == 200
    assert move("mark", "approved") == 403  # marketing do not approve their own work
    assert move("sam", "approved") == 409  # not before sales checked the facts
    checked = client.post(
        f"/api/documents/{doc}/accuracy",
        json={"verdict": "accurate"},
        headers=authed.bearer("sam"),
    )
    assert checked.status_code == 200
    assert move("sam", "approved") == 200
    comments = client.get(f"/api/documents/{doc}", headers=admin).json()["comments"]
    assert [c["author"] for c in comments if c["kind"] == "review"] == ["mark", "sam"]

    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    assert move("sam", "changes_requested") == 422  # a comment is required
    page = sam.client.get(f"/documents/{doc}").text
    assert "Accurate: matches what we sell and say" in page and "Request changes" in page
    assert "Send for review" not in page and 'name="reviewer"' not in page
    page = mark.client.get(f"/documents/{doc}").text
    assert "Record sales check" not in page and "Reopen review" in page
    refused = mark.client.post(
        f"/documents/{doc}/state",
        data={"state": "changes_requested", "comment": "no", "csrf_token": mark.csrf},
        headers={"Accept": "text/html"},
    )
    assert refused.status_code == 403 and "the sales role" in refused.text
    assert 'class="topbar"' in refused.text


def test_admin_pages(authed: Authed) -> None:
    alice = authed.sign_in("alice")
    page = alice.client.get("/admin/users")
    assert page.status_code == 200 and "mark" in page.text and "Admin" in page.text
    added = alice.client.post(
        "/admin/users",
        data={
            "name": "lee",
            "password": "long enough pw",
            "role": ["sales", "marketing"],
            "csrf_token": alice.csrf,
        },
        follow_redirects=False,
    )
    assert added.status_code == 303 and "Added+lee" in added.headers["location"]
    issued = alice.client.post("/admin/users/lee/token", data={"csrf_token": alice.csrf})
    token = re.search(r'id="new-token">([^<]+)<', issued.text)
    assert token is not None
    me = authed.anonymous.get("/api/me", headers={"Authorization": f"Bearer {token.group(1)}"})
    assert me.json()["roles"] == ["marketing", "sales"]
    assert token.group(1) not in alice.client.get("/admin/users").text  # shown once
    roles = alice.client.post(
        "/admin/users/lee/roles",
        data={"role": "sales", "csrf_token": alice.csrf},
        follow_redirects=False,
    )
    assert roles.status_code == 303
    assert alice.client.get("/admin/erasures").status_code == 200
    for confirm, says in (("Acme Co", "Type+the+account"), ("Nobody Ltd", "no+calls+for+account")):
        erase = alice.client.post(
            "/admin/erasures",
            data={"account": "Nobody Ltd", "confirm": confirm, "csrf_token": alice.csrf},
            follow_redirects=False,
        )
        assert erase.status_code == 303 and says in erase.headers["location"]
    mark = authed.sign_in("mark")
    assert "/admin/users" not in mark.client.get("/").text  # no Admin link
    denied = mark.client.get("/admin/users", headers={"Accept": "text/html"})
    assert denied.status_code == 403 and "the admin role" in denied.text
    csrf_of(denied.text)  # the error page still carries the session's token (sign-out form)


@pytest.mark.usefixtures("no_analysis")
def test_upload_file_names_are_never_paths(client: TestClient, tmp_path: Path) -> None:
    marker = f"callmine-pwned-{uuid.uuid4().hex}.txt"
    target = Path("/tmp") / marker
    body = b"Dana (Brightside): The price is too high.\nMaya: I see.\n"
    for name in (f"../../../../../tmp/{marker}", f"/tmp/{marker}", f"..\\..\\tmp\\{marker}"):
        response = client.post("/api/calls", files={"files": (name, body, "text/plain")})
        assert response.status_code == 422 and "unsafe file name" in response.text
        page = client.post("/upload/file", files={"file": (name, body, "text/plain")})
        assert "unsafe file name" in page.text
    assert not target.exists()
    stored = client.post("/api/calls", files={"files": (f"calls/{marker}", body, "text/plain")})
    assert stored.status_code == 201 and stored.json()["results"][0]["filename"] == marker
    data_dir = client.app.state.workspace.settings.data_dir  # type: ignore[attr-defined]
    assert not any(marker in str(p) for p in data_dir.rglob("*")) and not target.exists()
