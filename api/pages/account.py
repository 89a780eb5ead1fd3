"""Signing in and out of the web UI (the session cookie is ``api.sessions``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from api import sessions
from api.auth import PUBLIC, READ, signed_in_as
from api.browser import safe_next
from api.deps import SessionDep
from api.web import redirect, render
from pipeline.auth.throttle import LoginThrottle
from pipeline.auth.users import any_users, authenticate
from pipeline.errors import TooManyAttempts

router = APIRouter()


def client_address(request: Request) -> str:
    """The caller's address; behind a trusted proxy, the one the proxy saw (the last hop)."""
    if sessions.settings_of(request).trust_proxy:
        hops = [h.strip() for h in request.headers.get("x-forwarded-for", "").split(",")]
        if hops and hops[-1]:
            return hops[-1]
    return request.client.host if request.client else "unknown"


def _form(
    request: Request,
    db: SessionDep,
    target: str,
    error: str | None,
    status: int = 200,
    name: str = "",
) -> HTMLResponse:
    """The sign-in form; after a refusal it keeps the name typed and the page asked for."""
    session = sessions.load(request) or sessions.new_session()
    response = render(
        request,
        "signin.html",
        status,
        title="Sign in",
        next=target,
        typed_name=name,
        error=error,
        no_users=not any_users(db),
        csrf_token=session.csrf,
    )
    sessions.save(response, request, session)  # a signed-out visitor's CSRF token
    return response


@router.get("/signin", response_class=HTMLResponse, response_model=None, dependencies=[PUBLIC])
def signin_page(
    request: Request, db: SessionDep, next: str = "/"
) -> HTMLResponse | RedirectResponse:
    target = safe_next(next)
    if signed_in_as(request) is not None:  # signed in already, or open local mode
        return RedirectResponse(target, status_code=303)
    return _form(request, db, target, None)


@router.post("/signin", response_model=None, dependencies=[PUBLIC])
def signin(
    request: Request,
    db: SessionDep,
    name: Annotated[str, Form(max_length=64)],
    password: Annotated[str, Form(max_length=1024)],
    next: Annotated[str, Form()] = "/",
) -> Response:
    target = safe_next(next)
    throttle: LoginThrottle = request.app.state.login_throttle
    keys = (f"ip:{client_address(request)}", f"user:{name.strip().lower()}")
    try:
        throttle.check(*keys)
    except TooManyAttempts as exc:
        return _form(request, db, target, exc.detail, 429, name)
    user = authenticate(db, name, password)
    if user is None:
        throttle.failed(*keys)
        return _form(request, db, target, "Wrong name or password.", 401, name)
    throttle.succeeded(keys[1])
    response = RedirectResponse(target, status_code=303)
    sessions.save(response, request, sessions.new_session(user.id, user.session_version))
    return response


@router.post("/signout", dependencies=[READ])
def signout(request: Request) -> RedirectResponse:
    response = redirect("/signin", "Signed out.")
    sessions.clear(response, request)
    return response
