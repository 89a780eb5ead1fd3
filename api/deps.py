"""Dependency providers for the routes, with ``Annotated`` aliases."""

from __future__ import annotations

import secrets
from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Header, HTTPException, Request
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.workspace import Workspace


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]


def get_settings_dep(workspace: WorkspaceDep) -> Settings:
    return workspace.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_db(workspace: WorkspaceDep) -> Iterator[Session]:
    with workspace.session() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]


def require_token(
    settings: SettingsDep, authorization: Annotated[str | None, Header()] = None
) -> None:
    """Bearer-token check, active only when ``CALLMINE_API_TOKEN`` is set."""
    if settings.api_token is None:
        return
    expected = f"Bearer {settings.api_token.get_secret_value()}"
    if authorization is None or not secrets.compare_digest(authorization, expected):
        raise HTTPException(status_code=401, detail="missing or wrong bearer token")
