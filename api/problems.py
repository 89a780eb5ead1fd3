"""Problem responses (RFC 9457 ``application/problem+json``): the model, the response helper
and the handlers that map every error to one."""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request, Response
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, ConfigDict
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from api.browser import came_from, signin_redirect, wants_html
from api.path_ids import malformed_ids
from api.web import render
from pipeline.errors import CallmineError
from pipeline.ingest.schemas import IngestResult

log = logging.getLogger(__name__)


class Problem(BaseModel):
    """RFC 9457 problem details; ``filename`` names the offending file."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "type": "about:blank",
                    "title": "Bad input",
                    "status": 422,
                    "detail": "logo.txt: binary file (PNG image), not a transcript",
                    "filename": "logo.txt",
                }
            ]
        }
    )

    type: str = "about:blank"
    title: str
    status: int
    detail: str
    filename: str | None = None
    results: list[IngestResult] | None = None
    errors: list[dict[str, Any]] | None = None


# For a route's ``responses={404: PROBLEM}``: documents the problem+json body in OpenAPI.
PROBLEM = {"model": Problem, "content": {"application/problem+json": {}}}


def problem(
    status: int, title: str, detail: str, headers: dict[str, str] | None = None, **extra: object
) -> JSONResponse:
    """An RFC 9457 problem+json response."""
    body: dict[str, object] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(
        body, status_code=status, headers=headers, media_type="application/problem+json"
    )


def encodable(value: object) -> object:
    """``value`` with every string UTF-8 can encode: a lone surrogate (a client that cut a
    string mid-emoji) is written ``\\ud800``, so echoing it back cannot fail."""
    if isinstance(value, str):
        return value.encode("utf-8", "backslashreplace").decode("utf-8")
    if isinstance(value, dict):
        return {encodable(k): encodable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [encodable(v) for v in value]
    return value


def jsonable(errors: object) -> object:
    return encodable(jsonable_encoder(errors, custom_encoder={Exception: str}))


HTTP_METHODS = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


def allowed_methods(request: Request) -> str:
    """Every method some route takes at this path (Starlette's own 405 names one route's)."""
    allowed = []
    for method in HTTP_METHODS:
        scope = {**request.scope, "method": method}
        if any(route.matches(scope)[0] is Match.FULL for route in request.app.router.routes):
            allowed.append(method)
    return ", ".join(allowed)


def error_response(
    request: Request,
    status: int,
    title: str,
    detail: str,
    headers: dict[str, str] | None = None,
    **extra: object,
) -> Response:
    """An error page in the site's layout for a browser, problem+json for everyone else; a
    signed-out browser goes to the sign-in page, an API client gets 401 with a challenge."""
    headers = dict(headers or {})
    if status == 401:
        if wants_html(request):
            return signin_redirect(request)
        headers["WWW-Authenticate"] = 'Bearer realm="callmine"'
    elif wants_html(request):
        page = render(
            request,
            "error.html",
            status,
            title=title,
            detail=detail,
            status=status,
            back=came_from(request),
        )
        page.headers.update(headers)
        return page
    return problem(status, title, detail, headers=headers or None, **extra)


_WHERE = {"path": "path parameter", "query": "query parameter", "header": "header"}
DETAILED_ERRORS = 3  # the detail names this many; ``errors`` holds every one


def invalid_detail(errors: object) -> str:
    """What a 422's ``detail`` says of its ``errors`` (``jsonable``): which parameter or field
    is wrong and why, in a line a client can act on ("query parameter 'kind': Input should be
    'objection', 'pain' or 'question'"), not "request did not validate" alone."""
    found = [e for e in errors if isinstance(e, dict)] if isinstance(errors, list) else []
    said = [_invalid(error) for error in found[:DETAILED_ERRORS]]
    more = len(found) - len(said)
    detail = "; ".join(said) or "request did not validate"
    return detail + (f" (and {more} more in errors)" if more > 0 else "")


def _invalid(error: dict[str, Any]) -> str:
    loc = [str(part) for part in error.get("loc") or ()]
    message = str(error.get("msg", "")).removeprefix("Value error, ")
    if error.get("type") == "json_invalid":
        reason = (error.get("ctx") or {}).get("error")
        return "the body is not valid JSON" + (f": {reason}" if reason else "")
    if not loc[1:]:
        where = "the body" if loc[:1] == ["body"] else "the request"
        return f"{where} is required" if error.get("type") == "missing" else f"{where}: {message}"
    where = f"{_WHERE.get(loc[0], 'field')} '{'.'.join(loc[1:])}'"
    return f"{where} is required" if error.get("type") == "missing" else f"{where}: {message}"


def add_problem_handlers(app: FastAPI) -> None:
    """Every ``CallmineError``, HTTP error, validation error and unexpected exception becomes a
    problem response (or an error page, for a browser)."""

    @app.exception_handler(CallmineError)
    async def _callmine_error(request: Request, exc: CallmineError) -> Response:
        return error_response(
            request, exc.status_code, exc.title, exc.detail, filename=exc.filename
        )

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        headers = dict(exc.headers or {})
        if exc.status_code == 404 and "endpoint" not in request.scope and not wants_html(request):
            routes = getattr(request.app.state, "id_routes", [])
            errors = malformed_ids(routes, request.method, request.url.path)
            if errors:  # /api/calls/abc: a bad id, as /api/calls/0 is
                return problem(422, "Invalid request", invalid_detail(errors), errors=errors)
        if exc.status_code == 405:
            headers["Allow"] = allowed_methods(request)
        title = "Not found" if exc.status_code == 404 else "HTTP error"
        return error_response(request, exc.status_code, title, str(exc.detail), headers=headers)

    @app.exception_handler(RequestValidationError)
    async def _validation_error(request: Request, exc: RequestValidationError) -> Response:
        if wants_html(request):  # a mistyped address (/calls/abc): say so, not pydantic's words
            where = {str(e["loc"][0]) for e in exc.errors() if e.get("loc")}
            if where <= {"path"}:
                return error_response(request, 404, "Not found", "There is no such page.")
            names = {str(encodable(e["loc"][-1])) for e in exc.errors() if e.get("loc")}
            fields = ", ".join(sorted(names))
            return error_response(request, 422, "Invalid request", f"Check these fields: {fields}.")
        errors = jsonable(exc.errors())
        return problem(422, "Invalid request", invalid_detail(errors), errors=errors)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
        detail = f"unexpected {type(exc).__name__}; it was logged"
        return error_response(request, 500, "Internal error", detail)
