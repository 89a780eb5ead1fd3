"""Builds the FastAPI app: API routers, web pages, problem+json errors, sign-in, CSRF checks
and security headers."""

from __future__ import annotations

import gc
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp

from api.middleware import Authenticate, BodyLimit, FileNameLimit, SecurityHeaders
from api.openapi import install_openapi
from api.path_ids import id_routes
from api.problems import add_problem_handlers
from api.routers import (
    accounts,
    calls,
    clusters,
    dashboard,
    detections,
    docs,
    documents,
    health,
    jobs,
    pages,
    product,
    regroup,
    team,
    users,
)
from api.web import Fragments
from pipeline.analysis.recovery import recover_at_start
from pipeline.auth.throttle import LoginThrottle
from pipeline.cluster.search import warm_search
from pipeline.config import Settings, get_settings
from pipeline.ingest.deferred import remove_orphan_spools
from pipeline.ingest.resume import resume_interrupted_uploads
from pipeline.memory import collect_garbage_less_often
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

STATIC_DIR = Path(__file__).parent / "static"
ROUTERS = (
    calls,
    clusters,
    regroup,
    dashboard,
    detections,
    documents,
    jobs,
    product,
    team,
    users,
    accounts,
    docs,
    health,
    pages,
)


class CallmineApp(FastAPI):
    def build_middleware_stack(self) -> ASGIApp:
        """Security headers outermost, so error responses carry them too."""
        return SecurityHeaders(super().build_middleware_stack())


def _in_thread(function: Any, *args: Any) -> None:
    threading.Thread(target=function, args=args, daemon=True).start()


def warm_up(workspace: Workspace) -> None:
    """Load the model and the index a first search needs, then freeze what is loaded by then
    (``gc.freeze``): a full collection walked every object of torch and transformers, and
    under load stopped every request for 190 ms about once a second (measured at 100k
    mentions); frozen, it walks only what requests allocate."""
    try:
        warm_search(workspace)
    except Exception:  # noqa: BLE001 - the first search loads them instead
        log.exception("loading the search model ahead failed")
    gc.freeze()


def create_app(
    settings: Settings | None = None, *, workspace: Workspace | None = None, serving: bool = False
) -> FastAPI:
    """The web UI and API over ``workspace``; ``serving`` (a long-running server, not a test
    or an embedded client) also loads the search model at start (``warm_up``)."""
    workspace = workspace or Workspace(settings or get_settings())

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        # What a crash left behind is recovered in the background: the server answers at once.
        # The warm-up follows it: it loads the index the recovery may have had to rebuild.
        def start() -> None:
            recover_at_start(workspace, _in_thread)
            resume_interrupted_uploads(workspace, _in_thread)  # once the stale jobs are failed
            remove_orphan_spools(workspace)  # ... and the interrupted uploads taken up again
            if serving:
                warm_up(workspace)

        threading.Thread(target=start, name="recover", daemon=True).start()
        yield

    app = CallmineApp(
        title="callmine",
        version="0.1.0",
        summary="Turn what buyers say on sales calls into marketing content.",
        lifespan=lifespan,
        docs_url=None,  # served by api.routers.docs, behind sign-in
        redoc_url=None,
        openapi_url=None,
    )
    app.state.workspace = workspace
    app.state.login_throttle = LoginThrottle()
    app.state.fragments = Fragments()

    add_problem_handlers(app)
    install_openapi(app)
    app.add_middleware(FileNameLimit)  # inside Authenticate: a signed-out body is not read
    app.add_middleware(Authenticate)
    app.add_middleware(BodyLimit)  # outermost of the two: a huge body is refused before sign-in
    for module in ROUTERS:
        app.include_router(module.router)
    app.state.id_routes = id_routes(route for module in ROUTERS for route in module.router.routes)
    app.mount("/static", StaticFiles(directory=STATIC_DIR), name="static")
    return app


def serving_app() -> FastAPI:
    """The app each of several server processes builds (``uvicorn --factory``): a process of
    its own, so it sets the collector's pace as ``callmine`` does."""
    collect_garbage_less_often()
    return create_app(serving=True)
