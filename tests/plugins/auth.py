"""Sign-in for tests: ``authed`` is the app with three users (one per role) and their API
tokens, able to hand out a client signed in through the real sign-in form."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

import pytest
from argon2 import PasswordHasher
from fastapi import FastAPI
from fastapi.testclient import TestClient

import pipeline.auth.users
from api.app import create_app
from pipeline.auth.users import add_user, issue_token
from pipeline.workspace import Workspace

PASSWORD = "correct horse battery"
# One user per role.
USERS: dict[str, list[str]] = {
    "mark": ["marketing"],
    "sam": ["sales"],
    "alice": ["admin"],
}
_CSRF_META = re.compile(r'<meta name="csrf-token" content="([^"]+)">')
_CSRF_FIELD = re.compile(r'name="csrf_token" value="([^"]+)"')


def csrf_of(html: str) -> str:
    found = _CSRF_META.search(html) or _CSRF_FIELD.search(html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@dataclass
class Authed:
    app: FastAPI
    workspace: Workspace
    anonymous: TestClient
    tokens: dict[str, str]
    _clients: list[TestClient] = field(default_factory=list)

    def bearer(self, name: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.tokens[name]}"}

    def client(self) -> TestClient:
        client = TestClient(self.app, raise_server_exceptions=False)
        self._clients.append(client)
        return client

    def sign_in(self, name: str, password: str = PASSWORD) -> SignedIn:
        """A client signed in through the sign-in form, with the session's CSRF token."""
        client = self.client()
        form = client.get("/signin")
        response = client.post(
            "/signin",
            data={"name": name, "password": password, "csrf_token": csrf_of(form.text)},
            follow_redirects=False,
        )
        assert response.status_code == 303, response.text
        assert client.get("/api/me").status_code == 200
        return SignedIn(client, csrf_of(client.get("/upload").text))


@dataclass
class SignedIn:
    client: TestClient
    csrf: str


def add_users(workspace: Workspace) -> dict[str, str]:
    """The ``USERS`` with ``PASSWORD``; returns an API token per user."""
    with workspace.session() as db:
        for name, roles in USERS.items():
            add_user(db, name, roles, password=PASSWORD)
        return {name: issue_token(db, name) for name in USERS}


@pytest.fixture(autouse=True, scope="session")
def _cheap_password_hashing() -> Iterator[None]:
    """argon2id at its lowest cost in tests (the default costs ~0.1 s a hash on this machine);
    tests/pipeline/auth checks that the real default is what production uses."""
    cheap = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pipeline.auth.users, "_hasher", lambda: cheap)
        yield


@pytest.fixture
def authed(workspace: Workspace) -> Iterator[Authed]:
    """The app on ``workspace`` with sign-in on (three users, one per role)."""
    tokens = add_users(workspace)
    app = create_app(workspace=workspace)
    with TestClient(app) as anonymous:
        authed = Authed(app, workspace, anonymous, tokens)
        yield authed
        for client in authed._clients:
            client.close()
