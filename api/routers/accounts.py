"""Routes for an account (its calls and industry), erasing one (admin) and the erasures."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import ADMIN, MARKETING, READ, PrincipalDep
from api.deps import SessionDep, WorkspaceDep
from api.problems import PROBLEM
from pipeline.calls.accounts import (
    AccountRead,
    AccountUpdate,
    get_account,
    known_industries,
    set_account_industry,
)
from pipeline.calls.erasure import ErasureRead, erase_account, list_erasures

router = APIRouter(tags=["accounts"])


@router.get(
    "/api/accounts/{name:path}",
    summary="An account: its industry and its calls",
    response_model=AccountRead,
    responses={404: PROBLEM},
    dependencies=[READ],
)
def read_account(name: str, db: SessionDep) -> AccountRead:
    return get_account(db, name)


@router.patch(
    "/api/accounts/{name:path}",
    summary="Set an account's industry (on every call of the account)",
    response_model=AccountRead,
    responses={404: PROBLEM, 422: PROBLEM},
    dependencies=[MARKETING],
)
def update_account(name: str, update: AccountUpdate, db: SessionDep) -> AccountRead:
    """Clusters, the dashboard and use cases filter by the industry set here."""
    return set_account_industry(db, name, update.industry)


@router.get("/api/industries", response_model=list[str], dependencies=[READ])
def industries(db: SessionDep) -> list[str]:
    """Every industry named on a call."""
    return known_industries(db)


@router.delete(
    "/api/accounts/{name:path}",
    summary="Erase an account's calls and everything derived from them",
    response_model=ErasureRead,
    responses={404: PROBLEM},
    dependencies=[ADMIN],
)
def erase(name: str, workspace: WorkspaceDep, user: PrincipalDep) -> ErasureRead:
    """Calls, utterances, mentions, their vectors (cache and faiss index), their quotes in
    documents (each document notes what was removed) and labels from those calls; the
    affected clusters are re-clustered. Answers with the audit record."""
    return erase_account(workspace, name, actor=user.name)


@router.get("/api/erasures", response_model=list[ErasureRead], dependencies=[ADMIN])
def erasures(db: SessionDep) -> list[ErasureRead]:
    """Who erased which account, when, and how much went."""
    return list_erasures(db)
