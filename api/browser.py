"""Telling a browser from an API client, and where a signed-out browser is sent."""

from __future__ import annotations

from urllib.parse import urlencode, urlsplit

from fastapi import Request
from fastapi.responses import RedirectResponse

from api.auth import SAFE_METHODS

API_PREFIXES = ("/api/", "/openapi.json")


def wants_html(request: Request) -> bool:
    """A browser asking for a page: HTML accepted and not an API path (those stay JSON)."""
    path = request.url.path
    if path == "/api" or path.startswith(API_PREFIXES):
        return False
    return "text/html" in request.headers.get("accept", "")


def safe_next(target: str | None) -> str:
    """A same-site path to return to after signing in; anything else is ``/``."""
    target = (target or "").strip()
    parts = urlsplit(target)
    if (
        not target.startswith("/")
        or target.startswith(("//", "/\\"))
        or parts.scheme
        or parts.netloc
        or any(ord(ch) < 32 for ch in target)
    ):
        return "/"
    return target


def came_from(request: Request) -> str | None:
    """The page of this site the browser was on (its Referer), to link back to from an error
    page; None when it was another site's, unknown, or this very page."""
    parts = urlsplit(request.headers.get("referer", ""))
    if parts.netloc != request.url.netloc or not parts.path:
        return None
    back = safe_next(parts.path + (f"?{parts.query}" if parts.query else ""))
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    return back if back != here else None


def signin_redirect(request: Request) -> RedirectResponse:
    """303 to the sign-in page, remembering the page asked for (a GET's, else the home page)."""
    here = request.url.path + (f"?{request.url.query}" if request.url.query else "")
    back = safe_next(here) if request.method in SAFE_METHODS else "/"
    query = f"?{urlencode({'next': back})}" if back != "/" else ""
    return RedirectResponse(f"/signin{query}", status_code=303)
