"""Builds the FastAPI app: API routers, web pages, problem+json errors."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from api.deps import require_token
from api.routers import calls, clusters, documents, jobs, pages
from pipeline.config import Settings, get_settings
from pipeline.errors import CallmineError
from pipeline.workspace import Workspace

STATIC_DIR = Path(__file__).parent / "static"


def problem(status: int, title: str, detail: str, **extra: object) -> JSONResponse:
    """An RFC 9457 problem+json response."""
    body: dict[str, object] = {
        "type": "about:blank",
        "title": title,
        "status": status,
        "detail": detail,
    }
    body.update({k: v for k, v in extra.items() if v is not None})
    return JSONResponse(body, status_code=status, media_type="application/problem+json")


def create_app(settings: Settings | None = None, *, workspace: Workspace | None = None) -> FastAPI:
    workspace = workspace or Workspace(settings or get_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield

    app = FastAPI(
        title="callmine",
        version="0.1.0",
        summary="Turn what buyers say on sales calls into marketing content.",
        lifespan=lifespan,
    )
    app.state.workspace = workspace

    @app.exception_handler(CallmineError)
    async def _callmine_error(_request: Request, exc: CallmineError) -> JSONResponse:
        return problem(exc.status_code, exc.title, exc.detail, filename=exc.filename)

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
        return problem(exc.status_code, "HTTP error", str(exc.detail))

    @app.exception_handler(RequestValidationError)
    async def _validation_error(_request: Request, exc: RequestValidationError) -> JSONResponse:
        return problem(
            422, "Invalid request", "request did not validate", errors=jsonable(exc.errors())
        )

    protected = [Depends(require_token)]
    for module in (calls, clusters, documents, jobs):
        app.include_router(module.router, dependencies=protected)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def jsonable(errors: object) -> object:
    from fastapi.encoders import jsonable_encoder

    return jsonable_encoder(errors, custom_encoder={Exception: str})
