"""What anyone may fetch signed out: a liveness check for a proxy or an orchestrator (it says
nothing else) and the site's icon at the address browsers ask for it."""

from __future__ import annotations

from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

from api.auth import PUBLIC

router = APIRouter(tags=["health"])

FAVICON = Path(__file__).resolve().parent.parent / "static" / "favicon.svg"


@router.get("/favicon.ico", dependencies=[PUBLIC], include_in_schema=False)
def favicon() -> FileResponse:
    """Browsers ask every site for /favicon.ico; the page head names the same SVG."""
    return FileResponse(
        FAVICON, media_type="image/svg+xml", headers={"Cache-Control": "max-age=86400"}
    )


@router.get("/healthz", dependencies=[PUBLIC], include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}
