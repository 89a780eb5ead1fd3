"""Routes for the product profile: the facts about us generated content may cite as [Pn]."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import MARKETING, READ
from api.deps import SessionDep
from api.problems import PROBLEM
from pipeline.content import profile
from pipeline.errors import NotFound

router = APIRouter(prefix="/api/product", tags=["product"])


@router.get("", response_model=profile.ProfileRead, responses={404: PROBLEM}, dependencies=[READ])
def get_product(session: SessionDep) -> profile.ProfileRead:
    """The current product profile and its version (404 until one is set)."""
    current = profile.current_profile(session)
    if current is None:
        raise NotFound("no product profile yet: PUT /api/product or `callmine product set FILE`")
    return current


@router.put(
    "", response_model=profile.ProfileRead, responses={422: PROBLEM}, dependencies=[MARKETING]
)
def put_product(body: profile.ProductProfile, session: SessionDep) -> profile.ProfileRead:
    """Save the profile as a new version (an unchanged profile keeps its version)."""
    return profile.set_profile(session, body, author="api")
