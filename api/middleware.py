"""Three ASGI middlewares: ``SecurityHeaders`` on every response (it wraps the whole app, error
pages included); ``Authenticate``, which finds who is asking before any route or body parsing
runs and refuses signed-out requests everywhere but the public paths; ``BodyLimit``, which
refuses a request body over ``CALLMINE_MAX_REQUEST_BYTES`` as it streams (before the multipart
parser spools it to disk); ``FileNameLimit``, which refuses an upload whose file name is too
long, by name, before the multipart parser refuses it with no reason."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from fastapi import Request
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from api.auth import PUBLIC_PATHS, SAFE_METHODS, resolve_principal
from api.multipart_names import PartNames, shown_name, too_long_detail
from api.problems import error_response
from api.sessions import settings_of
from pipeline.errors import NotSignedIn
from pipeline.wording import file_size

# No inline script anywhere (the pages' behaviour is /static/app.js); inline styles are
# allowed, because the bars and sparklines set their widths in style attributes.
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data:; font-src 'self'; connect-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
HEADERS = {
    "content-security-policy": CSP,
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "same-origin",
    "cross-origin-opener-policy": "same-origin",
    "permissions-policy": "camera=(), microphone=(), geolocation=()",
}
STATIC_PREFIX = "/static/"


class HttpMiddleware:
    """An ASGI middleware for HTTP requests; other scopes (lifespan) pass straight through."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        raise NotImplementedError


class SecurityHeaders(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in HEADERS.items():
                    if name not in headers:  # a page may set a stricter or its own CSP
                        headers[name] = value
                if not str(scope.get("path", "")).startswith(STATIC_PREFIX):
                    headers.setdefault("cache-control", "no-store")
                if scope.get("scheme") == "https":
                    headers.setdefault("strict-transport-security", "max-age=31536000")
            await send(message)

        await self.app(scope, receive, send_with_headers)


def same_origin(request: Request) -> bool:
    """``Origin`` (else ``Referer``), when sent, names this host; browsers send one on every
    cross-site POST, so a form posted from another site is refused even in open local mode.
    Behind a trusted proxy the host it forwards (``X-Forwarded-Host``) counts as this host."""
    source = request.headers.get("origin") or request.headers.get("referer")
    if not source:
        return True
    if source == "null":
        return False
    hosts = {request.url.netloc.lower()}
    forwarded = request.headers.get("x-forwarded-host", "").split(",")[0].strip().lower()
    if forwarded and settings_of(request).trust_proxy:
        hosts.add(forwarded)
    return urlsplit(source).netloc.lower() in hosts


class Authenticate(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = str(scope.get("path", ""))
        if path.startswith(STATIC_PREFIX):
            await self.app(scope, receive, send)
            return
        request = Request(scope)
        try:
            principal = await run_in_threadpool(resolve_principal, request)
        except NotSignedIn as exc:
            response = error_response(request, 401, exc.title, exc.detail)
            await response(scope, receive, send)
            return
        request.state.principal = principal
        by_token = principal is not None and principal.via == "token"
        if request.method not in SAFE_METHODS and not by_token and not same_origin(request):
            detail = "this request came from another site (its Origin is not this host)"
            response = error_response(request, 403, "Forbidden", detail)
        elif principal is None and path not in PUBLIC_PATHS:
            response = error_response(request, 401, "Sign-in required", "sign in first")
        else:
            await self.app(scope, receive, send)
            return
        await response(scope, receive, send)


class BodyTooLarge(Exception):
    """Raised from ``receive`` once a body passes the limit; ``BodyLimit`` answers 413."""


class BodyLimit(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        limit = settings_of(request).max_request_bytes
        declared = request.headers.get("content-length", "")
        if declared.isdigit() and int(declared) > limit:
            await self._refuse(request, scope, receive, send, limit)
            return
        seen = 0
        over = False  # once set, the app's own answer (a parse error, say) is dropped
        started = False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit and not started:
                    over = True
                    raise BodyTooLarge
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if over:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted, tracked)
        except BodyTooLarge:
            pass
        if over:
            await self._refuse(request, scope, receive, send, limit)

    @staticmethod
    async def _refuse(
        request: Request, scope: Scope, receive: Receive, send: Send, limit: int
    ) -> None:
        detail = (
            f"the request body is over {file_size(limit)} "
            f"(CALLMINE_MAX_REQUEST_BYTES: {limit:,} bytes)"
        )
        response = error_response(request, 413, "Request too large", detail)
        response.headers["connection"] = "close"
        await response(scope, receive, send)


class FileNameTooLong(Exception):
    """Raised from ``receive`` at a file name too long; ``FileNameLimit`` answers 422."""

    def __init__(self, name: str) -> None:
        super().__init__(name)
        self.name = name


class FileNameLimit(HttpMiddleware):
    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        request = Request(scope)
        content_type = request.headers.get("content-type", "")
        boundary = re.search(r"boundary=\"?([^\";]+)", content_type)
        if not content_type.lower().startswith("multipart/") or boundary is None:
            await self.app(scope, receive, send)
            return
        names = PartNames(boundary.group(1).encode("latin-1"))
        refused: str | None = None  # once set, the app's own answer (a parse error) is dropped
        started = False

        async def read() -> Message:
            nonlocal refused
            message = await receive()
            if message["type"] == "http.request" and not started and refused is None:
                refused = names.feed(message.get("body", b""))
                if refused is not None:
                    raise FileNameTooLong(refused)
            return message

        async def tracked(message: Message) -> None:
            nonlocal started
            if refused is not None:
                return
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, read, tracked)
        except FileNameTooLong:
            pass
        if refused is not None:
            shown = shown_name(refused)
            detail = f"{shown}: {too_long_detail(refused)}"
            response = error_response(request, 422, "File name too long", detail, filename=shown)
            response.headers["connection"] = "close"
            await response(scope, receive, send)
