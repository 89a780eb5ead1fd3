"""Deny by default: every route declares one policy, and every route answers each role as its
policy says (signed out: sign-in page or 401; wrong role: 403; CSRF-less or cross-site post
from a signed-in browser: 403)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import fastapi.routing
import pytest
from fastapi import FastAPI
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from starlette.routing import BaseRoute, Mount

from api.app import create_app
from api.auth import POLICY_ATTR, PUBLIC_PATHS, Policy
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.auth import USERS, Authed, add_users

M, S, A = "marketing", "sales", "admin"
READ = "signed in"
# The route x role matrix, written out: a route whose policy drifts from this fails below.
# (Routes added later need a policy, which test_every_route_declares_one_policy enforces;
# add them here too.)
EXPECTED: dict[tuple[str, str], tuple[str, ...] | str] = {
    ("GET", "/"): READ,
    ("GET", "/calls"): READ,
    ("GET", "/calls/{call_id}"): READ,
    ("POST", "/calls/{call_id}/utterances/{utterance_id}/label"): (M, S),
    ("POST", "/calls/{call_id}/roles"): (M,),
    ("GET", "/clusters/{cluster_id}"): READ,
    ("POST", "/clusters/{cluster_id}/rename"): (M,),
    ("POST", "/clusters/{cluster_id}/merge"): (M,),
    ("POST", "/clusters/{cluster_id}/split"): (M,),
    ("GET", "/clusters/{cluster_id}/merge"): READ,
    ("POST", "/clusters/{cluster_id}/undo-merge"): (M,),
    ("POST", "/clusters/{cluster_id}/undo-split"): (M,),
    ("POST", "/clusters/{cluster_id}/quotes/{mention_id}/not-objection"): (M, S),
    ("POST", "/clusters/{cluster_id}/mark"): (M,),
    ("GET", "/upload"): READ,
    ("POST", "/upload"): (M,),
    ("POST", "/upload/file"): (M,),
    ("POST", "/upload/analyse"): (M,),
    ("POST", "/upload/csv-preview"): (M,),
    ("GET", "/jobs/{job_id}"): READ,
    ("GET", "/jobs"): READ,
    ("GET", "/documents"): READ,
    ("GET", "/generate"): READ,
    ("POST", "/generate"): (M,),
    ("GET", "/documents/{document_id}"): READ,
    ("POST", "/documents/{document_id}/edit"): (M,),
    ("POST", "/documents/{document_id}/state"): (M, S),
    ("POST", "/documents/{document_id}/accuracy"): (S,),
    ("POST", "/documents/{document_id}/comments"): (M, S),
    ("POST", "/documents/{document_id}/retry"): (M,),
    ("GET", "/documents/{document_id}/export/{fmt}"): READ,
    ("GET", "/phrases"): READ,
    ("GET", "/dashboard"): READ,
    ("GET", "/signin"): "public",
    ("POST", "/signin"): "public",
    ("POST", "/signout"): READ,
    ("GET", "/healthz"): "public",
    ("GET", "/favicon.ico"): "public",
    ("GET", "/admin/users"): (A,),
    ("POST", "/admin/users"): (A,),
    ("POST", "/admin/users/{name}/roles"): (A,),
    ("POST", "/admin/users/{name}/password"): (A,),
    ("POST", "/admin/users/{name}/remove"): (A,),
    ("POST", "/admin/users/{name}/token"): (A,),
    ("GET", "/admin/erasures"): (A,),
    ("POST", "/admin/erasures"): (A,),
    ("GET", "/openapi.json"): READ,
    ("GET", "/docs"): READ,
    ("GET", "/redoc"): READ,
    ("POST", "/api/calls"): (M,),
    ("POST", "/api/calls/redetect"): (M,),
    ("GET", "/api/calls"): READ,
    ("GET", "/api/calls/{call_id}"): READ,
    ("PATCH", "/api/calls/{call_id}"): (M,),
    ("DELETE", "/api/calls/{call_id}"): (A,),
    ("GET", "/api/utterances"): READ,
    ("GET", "/api/clusters"): READ,
    ("POST", "/api/clusters/rebuild"): (M,),
    ("POST", "/api/clusters/merge"): (M,),
    ("GET", "/api/clusters/{cluster_id}"): READ,
    ("PATCH", "/api/clusters/{cluster_id}"): (M,),
    ("POST", "/api/clusters/{cluster_id}/split"): (M,),
    ("POST", "/api/clusters/{cluster_id}/undo-merge"): (M,),
    ("POST", "/api/clusters/{cluster_id}/undo-split"): (M,),
    ("POST", "/api/mentions/{mention_id}/label"): (M, S),
    ("POST", "/api/utterances/{utterance_id}/label"): (M, S),
    ("GET", "/api/detections/queue"): READ,
    ("GET", "/api/detections/progress"): READ,
    ("GET", "/review"): READ,
    ("POST", "/review/answer"): (M, S),
    ("GET", "/api/phrases"): READ,
    ("GET", "/api/search"): READ,
    ("GET", "/api/dashboard"): READ,
    ("POST", "/api/documents"): (M,),
    ("GET", "/api/documents"): READ,
    ("GET", "/api/documents/{document_id}"): READ,
    ("PATCH", "/api/documents/{document_id}"): (M,),
    ("POST", "/api/documents/{document_id}/review"): (M, S),
    ("POST", "/api/documents/{document_id}/accuracy"): (S,),
    ("POST", "/api/documents/{document_id}/comments"): (M, S),
    ("GET", "/api/documents/{document_id}/versions"): READ,
    ("GET", "/api/documents/{document_id}/versions/{version}"): READ,
    ("GET", "/api/documents/{document_id}/diff"): READ,
    ("POST", "/api/documents/{document_id}/retry"): (M,),
    ("GET", "/api/documents/{document_id}/export"): READ,
    ("GET", "/api/competitors/{name}/facts"): READ,
    ("POST", "/api/competitors/{name}/facts"): (M,),
    ("GET", "/api/jobs"): READ,
    ("GET", "/api/jobs/{job_id}"): READ,
    ("GET", "/api/me"): READ,
    ("GET", "/api/users"): (A,),
    ("POST", "/api/users"): (A,),
    ("PATCH", "/api/users/{name}"): (A,),
    ("DELETE", "/api/users/{name}"): (A,),
    ("POST", "/api/users/{name}/tokens"): (A,),
    ("DELETE", "/api/users/{name}/tokens"): (A,),
    ("DELETE", "/api/accounts/{name:path}"): (A,),
    ("GET", "/api/accounts/{name:path}"): READ,
    ("PATCH", "/api/accounts/{name:path}"): (M,),
    ("GET", "/api/industries"): READ,
    ("GET", "/accounts/{name:path}"): READ,
    ("POST", "/accounts/{name:path}"): (M,),
    ("GET", "/api/erasures"): (A,),
    ("POST", "/api/documents/{document_id}/regenerate"): (M,),
    ("POST", "/documents/{document_id}/regenerate"): (M,),
    ("GET", "/api/product"): READ,
    ("PUT", "/api/product"): (M,),
    ("GET", "/product"): READ,
    ("POST", "/product"): (M,),
    ("GET", "/api/team"): READ,
    ("POST", "/api/team"): (A,),
    ("DELETE", "/api/team/{member_id}"): (A,),
    ("GET", "/team"): READ,
    ("POST", "/team"): (A,),
    ("POST", "/team/{member_id}/remove"): (A,),
}
# A path parameter's value in the probes: ids nobody has, so an allowed request fails late.
PARAMS = {"fmt": "md", "name": "nobody", "job_id": "no-such-job"}


def policies_of(route: APIRoute) -> list[Policy]:
    found: list[Policy] = []

    def walk(dependant: Any) -> None:
        for dependency in dependant.dependencies:
            policy = getattr(dependency.call, POLICY_ATTR, None)
            if policy is not None:
                found.append(policy)
            walk(dependency)

    walk(route.dependant)
    return found


def all_routes(app: FastAPI) -> Iterator[tuple[str, BaseRoute]]:
    """Every route with its full path, through included routers (FastAPI may keep those as
    lazily expanded entries in ``app.routes``)."""
    if hasattr(fastapi.routing, "iter_route_contexts"):
        found = (
            (context.path, context.original_route)
            for context in fastapi.routing.iter_route_contexts(app.routes)
        )
    else:
        found = ((getattr(route, "path", ""), route) for route in app.routes)
    for path, route in found:
        yield str(path).replace(":int}", "}"), route


def endpoints(app: FastAPI) -> Iterator[tuple[str, str, Policy]]:
    for path, route in all_routes(app):
        if isinstance(route, APIRoute):
            (policy,) = policies_of(route)
            for method in sorted(route.methods - {"HEAD"}):
                yield method, path, policy


def url(path: str) -> str:
    ids = ("call_id", "utterance_id", "cluster_id", "mention_id", "document_id", "version")
    for name in (*ids, "member_id"):
        path = path.replace("{" + name + "}", "999999")
    for name, value in PARAMS.items():
        path = path.replace("{" + name + "}", value)
    return path


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> Iterator[Authed]:
    """An empty data dir with one user per role, shared by the module's probes."""
    workspace = Workspace(
        make_settings(Path(tmp_path_factory.mktemp("auth")) / "data"), embedder=embedder
    )
    tokens = add_users(workspace)
    app = create_app(workspace=workspace)
    with TestClient(app) as anonymous:
        authed = Authed(app, workspace, anonymous, tokens)
        yield authed
    workspace.close()


def test_every_route_declares_one_policy(site: Authed) -> None:
    unguarded, public = [], set()
    for path, route in all_routes(site.app):
        if isinstance(route, Mount) and path == "/static":
            continue
        if not isinstance(route, APIRoute):
            unguarded.append(f"{path} {route!r}: not a FastAPI route, so it has no policy")
            continue
        found = policies_of(route)
        if len(found) != 1:
            unguarded.append(f"{sorted(route.methods)} {path}: {len(found)} policies")
        elif found[0].public:
            public.add(path)
    assert unguarded == []
    assert public == PUBLIC_PATHS


def test_policies_match_the_route_role_matrix(site: Authed) -> None:
    declared = {
        (method, path): ("public" if p.public else p.roles or READ)
        for method, path, p in endpoints(site.app)
    }
    missing = sorted(set(EXPECTED) - set(declared))
    assert missing == [], f"routes in the matrix that the app no longer has: {missing}"
    drifted = {
        key: (declared[key], want) for key, want in EXPECTED.items() if declared[key] != want
    }
    assert drifted == {}


def test_signed_out_gets_the_sign_in_page_or_401(site: Authed) -> None:
    client = site.anonymous
    for method, path, policy in endpoints(site.app):
        if policy.public:
            continue
        api = client.request(method, url(path), headers={"Accept": "application/json"})
        assert api.status_code == 401, (method, path, api.status_code)
        assert api.headers["www-authenticate"].startswith("Bearer")
        assert api.headers["content-type"] == "application/problem+json"
        if method == "GET" and not path.startswith(("/api/", "/openapi")):
            page = client.get(url(path), headers={"Accept": "text/html"}, follow_redirects=False)
            assert page.status_code == 303, (path, page.status_code)
            assert page.headers["location"].startswith("/signin")


def test_each_role_is_refused_exactly_where_its_policy_says(site: Authed) -> None:
    client = site.client()
    wrong: list[tuple[str, str, str, int]] = []
    for method, path, policy in endpoints(site.app):
        for name, roles in USERS.items():
            allowed = policy.public or "admin" in roles or not policy.roles
            allowed = allowed or bool(set(roles) & set(policy.roles))
            response = client.request(
                method, url(path), headers={**site.bearer(name), "Accept": "application/json"}
            )
            refused = response.status_code == 403
            if refused == allowed or response.status_code == 401 or response.status_code >= 500:
                wrong.append((method, path, name, response.status_code))
    assert wrong == []


def test_cookie_posts_need_the_csrf_token_and_this_origin(site: Authed) -> None:
    admin = site.sign_in("alice")
    for method, path, _policy in endpoints(site.app):
        if method == "GET":
            continue
        bare = admin.client.request(method, url(path), follow_redirects=False)
        assert bare.status_code == 403, (method, path, bare.status_code)
        assert "CSRF" in bare.text
        foreign = admin.client.request(
            method,
            url(path),
            headers={"X-CSRF-Token": admin.csrf, "Origin": "http://evil.example"},
            follow_redirects=False,
        )
        assert foreign.status_code == 403, (method, path, foreign.status_code)
        if path == "/signout":
            continue  # it would end the session the next probes use
        good = admin.client.request(
            method,
            url(path),
            headers={"X-CSRF-Token": admin.csrf, "Origin": "http://testserver"},
            follow_redirects=False,
        )
        assert good.status_code not in (401, 403), (method, path, good.status_code)
