"""Who is asking, and what each route lets them do.

``resolve_principal`` reads a bearer token (a user's, or the legacy ``CALLMINE_API_TOKEN``,
which acts as an admin) or the session cookie. The ``Authenticate`` middleware calls it for
every request, so nothing but the public paths is reached signed out. Each route then declares
its one policy, ``dependencies=[MARKETING]`` and the like, which checks the role and, for a
cookie-authenticated unsafe request, the CSRF token; a test fails for a route without one.
"""

from __future__ import annotations

import secrets
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Annotated, Any, Literal

from fastapi import Depends, Request
from starlette.datastructures import UploadFile

from api import sessions
from pipeline.auth import ROLES, allows, auth_required, checked_roles
from pipeline.auth.users import active_user, user_for_token
from pipeline.errors import Forbidden, NotSignedIn
from pipeline.workspace import Workspace

SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"
POLICY_ATTR = "callmine_policy"
# Reached signed out (besides /static): what a signed-out visitor needs to sign in.
PUBLIC_PATHS = frozenset({"/signin", "/healthz", "/favicon.ico"})


@dataclass(frozen=True)
class Principal:
    """A signed-in user, a token holder, or everyone at once in open local mode."""

    name: str
    roles: frozenset[str]
    via: Literal["open", "session", "token"]
    user_id: int | None = None

    def can(self, *roles: str) -> bool:
        return allows(self.roles, roles)

    @property
    def signed_in(self) -> bool:
        return self.via != "open"

    def who(self, given: str | None, default: str) -> str:
        """The name to record for an action: a signed-in user's own; else what was typed."""
        if self.user_id is not None:
            return self.name
        return (given or "").strip() or default


OPEN = Principal("local", frozenset(ROLES), "open")
LEGACY_TOKEN = "api-token"


def _from_bearer(workspace: Workspace, token: str) -> Principal:
    legacy = workspace.settings.api_token
    if legacy is not None and secrets.compare_digest(
        token.encode("utf-8"), legacy.get_secret_value().encode("utf-8")
    ):
        return Principal(LEGACY_TOKEN, frozenset({"admin"}), "token")
    with workspace.session() as db:
        user = user_for_token(db, token)
        if user is None:
            raise NotSignedIn("missing or wrong bearer token")
        return Principal(user.name, frozenset(user.roles), "token", user.id)


def resolve_principal(request: Request) -> Principal | None:
    """The principal of a request; None when signed out. A wrong bearer token is
    ``NotSignedIn``. Without a token or users, everyone is ``OPEN`` (local mode)."""
    workspace: Workspace = request.app.state.workspace
    authorization = request.headers.get("authorization", "")
    scheme, _, token = authorization.partition(" ")
    if authorization:
        if scheme.lower() != "bearer" or not token.strip():
            raise NotSignedIn("use Authorization: Bearer <token>")
        return _from_bearer(workspace, token.strip())
    with workspace.session() as db:
        if not auth_required(workspace.settings, db):
            return OPEN
        session = sessions.load(request)
        if session is None or session.user_id is None:
            return None
        user = active_user(db, session.user_id)
        if user is None or user.session_version != session.version:
            return None
        return Principal(user.name, frozenset(user.roles), "session", user.id)


def signed_in_as(request: Request) -> Principal | None:
    """What the middleware found; None only on a public path reached signed out."""
    principal: Principal | None = getattr(request.state, "principal", None)
    return principal


def current_principal(request: Request) -> Principal:
    principal = signed_in_as(request)
    if principal is None:
        raise NotSignedIn("sign in first")
    return principal


PrincipalDep = Annotated[Principal, Depends(current_principal)]


async def check_csrf(request: Request) -> None:
    """The request carries the session's CSRF token, in the ``X-CSRF-Token`` header (scripts)
    or the ``csrf_token`` form field (forms)."""
    session = sessions.load(request)
    given = request.headers.get(CSRF_HEADER, "")
    content_type = request.headers.get("content-type", "")
    if not given and content_type.startswith(("application/x-www-form", "multipart/form-data")):
        value = (await request.form()).get(CSRF_FIELD)
        given = value if isinstance(value, str) else ""
    if session is None or not given or isinstance(given, UploadFile):
        raise Forbidden("the form's CSRF token is missing: reload the page and try again")
    if not secrets.compare_digest(given.encode("utf-8"), session.csrf.encode("utf-8")):
        raise Forbidden("the form's CSRF token is wrong or expired: reload the page and try again")


@dataclass(frozen=True)
class Policy:
    """What a route needs: any of ``roles`` (none: any signed-in user), or nothing (public)."""

    roles: tuple[str, ...] = ()
    public: bool = False

    def describe(self) -> str:
        if self.public:
            return "public"
        return " or ".join(self.roles) if self.roles else "signed in"


def _enforce(policy: Policy) -> Callable[[Request], Awaitable[Principal]]:
    async def check(request: Request) -> Principal:
        principal: Principal | None = getattr(request.state, "principal", None)
        unsafe = request.method not in SAFE_METHODS
        if policy.public:
            if unsafe and (principal is None or principal.via == "session"):
                await check_csrf(request)  # the sign-in form: a login CSRF is refused too
            return principal or OPEN
        if principal is None:
            raise NotSignedIn("sign in first")
        if unsafe and principal.via == "session":
            await check_csrf(request)
        if not principal.can(*policy.roles):
            held = ", ".join(sorted(principal.roles)) or "no role"
            raise Forbidden(
                f"Only someone with the {policy.describe()} role can do this; you are signed in "
                f"as {principal.name} ({held}). An admin can give you the role."
            )
        return principal

    setattr(check, POLICY_ATTR, policy)
    return check


def require_role(*roles: str) -> Any:
    """The policy dependency of a route: ``dependencies=[require_role("sales")]``."""
    return Depends(_enforce(Policy(tuple(checked_roles(roles)))))


READ = require_role()  # any signed-in user: every page and every GET of the API
MARKETING = require_role("marketing")
SALES = require_role("sales")
LABELLERS = require_role("marketing", "sales")  # correcting the detector, commenting
ADMIN = require_role("admin")
PUBLIC = Depends(_enforce(Policy(public=True)))
# Moving a document between review states: pipeline.publish.review checks the role each move needs.
REVIEWERS = require_role("marketing", "sales")
