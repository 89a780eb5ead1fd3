"""Routes for users and their API tokens (admin), and who the caller is (anyone signed in)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Response
from pydantic import BaseModel, Field, StrictBool

from api.auth import ADMIN, READ, PrincipalDep
from api.deps import SessionDep
from api.problems import PROBLEM
from pipeline.auth import users as service

router = APIRouter(tags=["users"])

RoleName = Annotated[str, Field(max_length=32)]  # admin, marketing, sales; the service checks


class Me(BaseModel):
    name: str
    roles: list[str]
    via: Literal["open", "session", "token"]


class UserCreate(BaseModel):
    name: str = Field(min_length=1, max_length=64, examples=["sam"])
    roles: list[RoleName] = Field(min_length=1, max_length=8, examples=[["sales"]])
    password: str | None = Field(None, min_length=8, max_length=1024)


class UserPatch(BaseModel):
    roles: list[RoleName] | None = Field(None, max_length=8, examples=[["marketing", "sales"]])
    password: str | None = Field(None, min_length=8, max_length=1024)
    disabled: StrictBool | None = None


class TokenIssued(BaseModel):
    name: str
    token: str = Field(description="Shown once; only its hash is stored.")


@router.get("/api/me", response_model=Me, dependencies=[READ])
def me(user: PrincipalDep) -> Me:
    return Me(name=user.name, roles=sorted(user.roles), via=user.via)


@router.get("/api/users", response_model=list[service.UserRead], dependencies=[ADMIN])
def list_users(db: SessionDep) -> list[service.UserRead]:
    return service.list_users(db)


@router.post(
    "/api/users",
    status_code=201,
    response_model=service.UserRead,
    responses={409: PROBLEM, 422: PROBLEM},
    dependencies=[ADMIN],
)
def add_user(body: UserCreate, db: SessionDep) -> service.UserRead:
    return service.read(service.add_user(db, body.name, body.roles, password=body.password))


@router.patch(
    "/api/users/{name}",
    response_model=service.UserRead,
    responses={404: PROBLEM, 409: PROBLEM},
    dependencies=[ADMIN],
)
def patch_user(name: str, body: UserPatch, db: SessionDep) -> service.UserRead:
    """Roles, a new password (signs out the user's sessions) or disabled."""
    user = service.update_user(
        db, name, roles=body.roles, password=body.password, disabled=body.disabled
    )
    return service.read(user)


@router.delete(
    "/api/users/{name}",
    status_code=204,
    responses={404: PROBLEM, 409: PROBLEM},
    dependencies=[ADMIN],
)
def remove_user(name: str, db: SessionDep) -> Response:
    service.remove_user(db, name)
    return Response(status_code=204)


@router.post(
    "/api/users/{name}/tokens",
    status_code=201,
    response_model=TokenIssued,
    responses={404: PROBLEM},
    dependencies=[ADMIN],
)
def issue_token(name: str, db: SessionDep) -> TokenIssued:
    return TokenIssued(name=name, token=service.issue_token(db, name))


@router.delete(
    "/api/users/{name}/tokens", status_code=204, responses={404: PROBLEM}, dependencies=[ADMIN]
)
def revoke_tokens(name: str, db: SessionDep) -> Response:
    service.revoke_tokens(db, name)
    return Response(status_code=204)
