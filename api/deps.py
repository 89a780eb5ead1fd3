"""Dependency providers for the routes, with ``Annotated`` aliases."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Annotated

from fastapi import Depends, Request
from sqlalchemy.orm import Session

from pipeline.config import Settings
from pipeline.embed import Embedder
from pipeline.workspace import Workspace


def get_workspace(request: Request) -> Workspace:
    workspace: Workspace = request.app.state.workspace
    return workspace


WorkspaceDep = Annotated[Workspace, Depends(get_workspace)]


def get_settings_dep(workspace: WorkspaceDep) -> Settings:
    return workspace.settings


SettingsDep = Annotated[Settings, Depends(get_settings_dep)]


def get_embedder(workspace: WorkspaceDep) -> Embedder:
    return workspace.embedder


EmbedderDep = Annotated[Embedder, Depends(get_embedder)]


def get_db(workspace: WorkspaceDep) -> Iterator[Session]:
    with workspace.session() as session:
        yield session


# Committed when the route returns, before the response leaves: a client told "saved" (or
# redirected to the page that shows it) never reads the data before it is there, and a commit
# that fails is the client's error page, not a lost write after a 200.
SessionDep = Annotated[Session, Depends(get_db, scope="function")]
