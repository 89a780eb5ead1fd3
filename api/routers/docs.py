"""The OpenAPI document and its two viewers, behind sign-in like everything else.

The viewers load their scripts from the jsDelivr CDN (FastAPI's defaults) and Swagger UI starts
with one inline script, so these two pages get their own Content-Security-Policy: the CDN and
that script's hash, nothing else inline.
"""

from __future__ import annotations

import base64
import hashlib
import re
from typing import Any

from fastapi import APIRouter, Request
from fastapi.openapi.docs import get_redoc_html, get_swagger_ui_html
from fastapi.responses import HTMLResponse, JSONResponse

from api.auth import READ

router = APIRouter(include_in_schema=False)

CDN = "https://cdn.jsdelivr.net"
_INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.DOTALL)


def _with_policy(page: HTMLResponse) -> HTMLResponse:
    html = bytes(page.body).decode("utf-8")
    hashes = " ".join(
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in _INLINE_SCRIPT.findall(html)
    )
    page.headers["content-security-policy"] = (
        f"default-src 'self'; script-src 'self' {CDN} {hashes}; "
        f"style-src 'self' 'unsafe-inline' {CDN} https://fonts.googleapis.com; "
        "font-src 'self' https://fonts.gstatic.com; img-src 'self' data: https:; "
        "connect-src 'self'; worker-src 'self' blob:; object-src 'none'; base-uri 'none'; "
        "frame-ancestors 'none'"
    )
    return page


@router.get("/openapi.json", dependencies=[READ])
def openapi(request: Request) -> JSONResponse:
    schema: dict[str, Any] = request.app.openapi()
    return JSONResponse(schema)


@router.get("/docs", dependencies=[READ])
def swagger() -> HTMLResponse:
    return _with_policy(get_swagger_ui_html(openapi_url="/openapi.json", title="callmine API"))


@router.get("/redoc", dependencies=[READ])
def redoc() -> HTMLResponse:
    return _with_policy(get_redoc_html(openapi_url="/openapi.json", title="callmine API"))
