"""Builds the FastAPI app: API routers, web pages, problem+json errors."""

from __future__ import annotations

import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import Depends, FastAPI
from fastapi.staticfiles import StaticFiles

from api.deps import require_token
from api.openapi import install_openapi
from api.problems import add_problem_handlers
from api.routers import calls, clusters, dashboard, documents, jobs, pages
from pipeline.config import Settings, get_settings
from pipeline.recovery import recover_at_start
from pipeline.workspace import Workspace

STATIC_DIR = Path(__file__).parent / "static"


def _in_thread(function: Any, *args: Any) -> None:
    threading.Thread(target=function, args=args, daemon=True).start()


def create_app(settings: Settings | None = None, *, workspace: Workspace | None = None) -> FastAPI:
    workspace = workspace or Workspace(settings or get_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # What a crash left behind is recovered in the background: the server answers at once.
        threading.Thread(
            target=recover_at_start, args=(workspace, _in_thread), name="recover", daemon=True
        ).start()
        yield

    app = FastAPI(
        title="callmine",
        version="0.1.0",
        summary="Turn what buyers say on sales calls into marketing content.",
        lifespan=lifespan,
    )
    app.state.workspace = workspace

    add_problem_handlers(app)
    install_openapi(app)
    protected = [Depends(require_token)]
    for module in (calls, clusters, dashboard, documents, jobs):
        app.include_router(module.router, dependencies=protected)
    app.include_router(pages.router)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app
