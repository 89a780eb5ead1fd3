"""Routes for erasing an account's calls (admin) and the record of erasures."""

from __future__ import annotations

from fastapi import APIRouter

from api.auth import ADMIN, PrincipalDep
from api.deps import SessionDep, WorkspaceDep
from api.problems import PROBLEM
from pipeline.erasure import ErasureRead, erase_account, list_erasures

router = APIRouter(tags=["accounts"])


@router.delete(
    "/api/accounts/{name}",
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
