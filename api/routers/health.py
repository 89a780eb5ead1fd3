"""A liveness check for a proxy or an orchestrator: public, and it says nothing else."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import PUBLIC

router = APIRouter(tags=["health"])


@router.get("/healthz", dependencies=[PUBLIC], include_in_schema=False)
def healthz() -> dict[str, str]:
    return {"status": "ok"}
