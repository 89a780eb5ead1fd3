"""The web session: a signed, expiring cookie holding the user's id, the user's session version
and the CSRF token. HttpOnly, SameSite=Lax, Secure when the request came over HTTPS.

Signed with itsdangerous under the session key (``pipeline.auth.secret``); nothing but these
three values is in it, and a signed-out visitor gets one with a CSRF token only, so the
sign-in form is protected too.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass

from fastapi import Request, Response
from itsdangerous import BadSignature, URLSafeTimedSerializer

from pipeline.auth.secret import session_secret
from pipeline.config import Settings

COOKIE = "callmine_session"
SALT = "callmine-session"


@dataclass(frozen=True)
class SessionData:
    csrf: str
    user_id: int | None = None
    version: int = 0


def settings_of(request: Request) -> Settings:
    settings: Settings = request.app.state.workspace.settings
    return settings


def _serializer(request: Request) -> URLSafeTimedSerializer:
    state = request.app.state
    if getattr(state, "session_secret", None) is None:
        state.session_secret = session_secret(settings_of(request))
    return URLSafeTimedSerializer(state.session_secret, salt=SALT)


def is_https(request: Request) -> bool:
    """HTTPS as the browser sees it; a proxy's ``X-Forwarded-Proto`` only when trusted."""
    if request.url.scheme == "https":
        return True
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return settings_of(request).trust_proxy and forwarded == "https"


def load(request: Request) -> SessionData | None:
    """The session the request's cookie carries, if it is signed by us and not expired."""
    cookie = request.cookies.get(COOKIE)
    if not cookie:
        return None
    try:
        data = _serializer(request).loads(cookie, max_age=settings_of(request).session_max_age)
    except BadSignature:  # also covers SignatureExpired
        return None
    if not isinstance(data, dict) or not isinstance(data.get("csrf"), str):
        return None
    user_id = data.get("uid")
    return SessionData(
        data["csrf"], user_id if isinstance(user_id, int) else None, int(data.get("v", 0))
    )


def new_session(user_id: int | None = None, version: int = 0) -> SessionData:
    """A fresh session (a new CSRF token each time: signing in rotates it)."""
    return SessionData(secrets.token_urlsafe(32), user_id, version)


def save(response: Response, request: Request, session: SessionData) -> None:
    value = _serializer(request).dumps(
        {"csrf": session.csrf, "uid": session.user_id, "v": session.version}
    )
    response.set_cookie(
        COOKIE,
        value,
        max_age=settings_of(request).session_max_age,
        path="/",
        httponly=True,
        samesite="lax",
        secure=is_https(request),
    )


def clear(response: Response, request: Request) -> None:
    response.delete_cookie(
        COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request)
    )
