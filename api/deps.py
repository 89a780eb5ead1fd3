"""Dependency providers for the routes, with ``Annotated`` aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
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
