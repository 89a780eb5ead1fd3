"""Signing in and out of the web UI, the session cookie, API tokens, and open local mode."""

from __future__ import annotations

import re
import time
from pathlib import Path

import itsdangerous.timed
import pytest
from fastapi.testclient import TestClient

from pipeline.auth.users import update_user
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import app_client, make_settings
from tests.plugins.auth import PASSWORD, Authed, add_users, csrf_of


def _signin_form(client: TestClient, **headers: str) -> str:
    page = client.get("/signin", headers=headers)
    assert page.status_code == 200
    return csrf_of(page.text)


def _post_signin(client: TestClient, name: str, password: str, token: str, nxt: str = "/") -> int:
    response = client.post(
        "/signin",
        data={"name": name, "password": password, "csrf_token": token, "next": nxt},
        follow_redirects=False,
    )
    return response.status_code


def test_the_session_cookie_is_httponly_lax_and_expiring(authed: Authed) -> None:
    client = authed.client()
    token = _signin_form(client)
    response = client.post(
        "/signin",
        data={"name": "mark", "password": PASSWORD, "csrf_token": token, "next": "/calls"},
        follow_redirects=False,
    )
    assert response.status_code == 303 and response.headers["location"] == "/calls"
    cookie = response.headers["set-cookie"].lower()
    assert "httponly" in cookie and "samesite=lax" in cookie and "max-age=28800" in cookie
    assert "secure" not in cookie  # plain http here
    assert client.get("/calls").status_code == 200


def test_secure_cookie_behind_a_trusted_https_proxy_only(
    tmp_path: Path, embedder: Embedder
) -> None:
    for trusted in (True, False):
        settings = make_settings(tmp_path / f"data-{trusted}", trust_proxy=trusted)
        workspace = Workspace(settings, embedder=embedder)
        add_users(workspace)
        with app_client(workspace) as client:
            cookie = client.get("/signin", headers={"X-Forwarded-Proto": "https"}).headers[
                "set-cookie"
            ]
            assert ("; secure" in cookie.lower()) is trusted
        workspace.close()


def test_a_trusted_proxys_forwarded_host_is_this_host(tmp_path: Path, embedder: Embedder) -> None:
    for trusted in (True, False):
        settings = make_settings(tmp_path / f"data-{trusted}", trust_proxy=trusted)
        workspace = Workspace(settings, embedder=embedder)
        with app_client(workspace) as client:  # open mode: only the Origin check applies
            response = client.post(
                "/clusters/1/rename",
                data={"name": "x"},
                headers={
                    "Origin": "https://callmine.example.com",
                    "X-Forwarded-Host": "callmine.example.com",
                },
                follow_redirects=False,
            )
            assert response.status_code == (303 if trusted else 403)
        workspace.close()


def test_wrong_password_then_throttled_per_user_and_address(authed: Authed) -> None:
    client = authed.client()
    token = _signin_form(client)
    assert _post_signin(client, "sam", "not the password", token) == 401
    for _ in range(4):
        assert _post_signin(client, "sam", "still wrong", token) == 401
    assert _post_signin(client, "sam", PASSWORD, token) == 429  # even the right one, for now
    page = client.post(
        "/signin",
        data={"name": "mark", "password": PASSWORD, "csrf_token": token},
        follow_redirects=False,
    )
    assert page.status_code == 429  # same address
    assert "too many failed sign-ins" in page.text


def test_a_wrong_password_keeps_the_name_and_the_page_asked_for(authed: Authed) -> None:
    """A refused sign-in shows the form again with the name typed, the password to retype (it
    has the focus), and a form address that still says where the visitor was going."""
    client = authed.client()
    token = _signin_form(client)
    page = client.post(
        "/signin",
        data={
            "name": "mark",
            "password": "not it",
            "csrf_token": token,
            "next": "/calls?outcome=lost",
        },
        follow_redirects=False,
    )
    assert page.status_code == 401
    name_field = re.search(r'<input[^>]*id="signin-name"[^>]*>', page.text)
    password_field = re.search(r'<input[^>]*id="signin-password"[^>]*>', page.text)
    assert name_field and 'value="mark"' in name_field.group(0)
    assert password_field and "autofocus" in password_field.group(0)
    assert "autofocus" not in name_field.group(0)
    action = re.search(r'<form method="post" action="([^"]*)"', page.text)
    assert action and action.group(1) == "/signin?next=/calls%3Foutcome%3Dlost"


def test_sign_in_needs_the_forms_csrf_token(authed: Authed) -> None:
    client = authed.client()
    _signin_form(client)
    assert _post_signin(client, "mark", PASSWORD, "forged") == 403
    other = authed.client()  # a login CSRF: no cookie of ours at all
    assert _post_signin(other, "mark", PASSWORD, _signin_form(authed.client())) == 403


@pytest.mark.parametrize(
    ("asked", "lands"),
    [
        ("/calls?outcome=lost", "/calls?outcome=lost"),
        ("https://evil.example/", "/"),
        ("//evil.example/x", "/"),
        ("/\\evil.example", "/"),
        ("javascript:alert(1)", "/"),
    ],
)
def test_next_stays_on_this_site(authed: Authed, asked: str, lands: str) -> None:
    client = authed.client()
    token = _signin_form(client)
    response = client.post(
        "/signin",
        data={"name": "mark", "password": PASSWORD, "csrf_token": token, "next": asked},
        follow_redirects=False,
    )
    assert response.headers["location"] == lands


def test_a_signed_out_page_remembers_where_it_was_going(authed: Authed) -> None:
    response = authed.anonymous.get(
        "/calls?outcome=lost", headers={"Accept": "text/html"}, follow_redirects=False
    )
    assert response.headers["location"] == "/signin?next=%2Fcalls%3Foutcome%3Dlost"


def test_an_expired_or_tampered_session_is_signed_out(
    authed: Authed, monkeypatch: pytest.MonkeyPatch
) -> None:
    nine_hours_ago = time.time() - 9 * 3600
    monkeypatch.setattr(itsdangerous.timed.time, "time", lambda: nine_hours_ago)
    old = authed.sign_in("mark")
    monkeypatch.undo()
    assert old.client.get("/api/me").status_code == 401
    fresh = authed.sign_in("mark")
    assert fresh.client.get("/api/me").status_code == 200
    payload, _, signature = fresh.client.cookies["callmine_session"].partition(".")
    forged = payload.replace(payload[5], "x" if payload[5] != "x" else "y", 1)  # another user?
    fresh.client.cookies.clear()
    fresh.client.cookies.set("callmine_session", f"{forged}.{signature}")
    assert fresh.client.get("/api/me").status_code == 401


def test_new_password_or_removal_ends_sessions(authed: Authed) -> None:
    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    assert mark.client.get("/api/me").json() == {
        "name": "mark",
        "roles": ["marketing"],
        "via": "session",
    }
    with authed.workspace.session() as db:
        update_user(db, "mark", password="a brand new one")
    assert mark.client.get("/api/me").status_code == 401
    removed = authed.anonymous.delete("/api/users/sam", headers=authed.bearer("alice"))
    assert removed.status_code == 204
    assert sam.client.get("/api/me").status_code == 401


def test_sign_out_then_refused(authed: Authed) -> None:
    mark = authed.sign_in("mark")
    out = mark.client.post("/signout", data={"csrf_token": mark.csrf}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"].startswith("/signin")
    assert mark.client.get("/api/calls").status_code == 401
    page = mark.client.get("/calls", headers={"Accept": "text/html"}, follow_redirects=False)
    assert page.status_code == 303


def test_api_tokens_user_and_legacy(tmp_path: Path, embedder: Embedder) -> None:
    settings = make_settings(tmp_path / "data", api_token="legacy-secret")
    workspace = Workspace(settings, embedder=embedder)
    with app_client(workspace) as client:  # a token and no users: sign-in is on
        assert client.get("/api/calls").status_code == 401
        assert (
            client.get("/", follow_redirects=False, headers={"Accept": "text/html"}).status_code
            == 303
        )
        legacy = {"Authorization": "Bearer legacy-secret"}
        assert client.get("/api/me", headers=legacy).json()["roles"] == ["admin"]
        assert client.get("/api/me", headers={"Authorization": "Bearer nope"}).status_code == 401
        assert client.get("/api/me", headers={"Authorization": "Basic abc"}).status_code == 401
        created = client.post(
            "/api/users", json={"name": "robot", "roles": ["marketing"]}, headers=legacy
        )
        assert created.status_code == 201 and created.json()["has_password"] is False
        token = client.post("/api/users/robot/tokens", headers=legacy).json()["token"]
        me = client.get("/api/me", headers={"Authorization": f"Bearer {token}"}).json()
        assert me == {"name": "robot", "roles": ["marketing"], "via": "token"}
        assert (
            client.delete("/api/calls/1", headers={"Authorization": f"Bearer {token}"}).status_code
            == 403
        )
    workspace.close()


def test_open_local_mode_refuses_cross_site_posts(client: TestClient) -> None:
    assert client.get("/api/me").json() == {
        "name": "local",
        "roles": ["admin", "marketing", "sales"],
        "via": "open",
    }
    evil = client.post(
        "/clusters/1/rename", data={"name": "x"}, headers={"Origin": "http://evil.example"}
    )
    assert evil.status_code == 403
    sneaky = client.post(
        "/upload/file", data={"pasted": "A: hi"}, headers={"Referer": "http://evil.example/p"}
    )
    assert sneaky.status_code == 403
    assert (
        client.post(
            "/clusters/1/rename", data={"name": "x"}, headers={"Origin": "null"}
        ).status_code
        == 403
    )
    same = client.post(
        "/clusters/1/rename",
        data={"name": "x"},
        headers={"Origin": "http://testserver"},
        follow_redirects=False,
    )
    assert same.status_code == 303
    assert client.get("/signin", follow_redirects=False).status_code == 303  # nothing to sign in to


def test_healthz_is_public(authed: Authed) -> None:
    assert authed.anonymous.get("/healthz").json() == {"status": "ok"}
