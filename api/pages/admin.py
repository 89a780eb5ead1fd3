"""Admin pages: users (add, roles, password, remove, API tokens) and erasing an account."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import ADMIN, PrincipalDep
from api.deps import SessionDep, WorkspaceDep
from api.web import redirect, render
from pipeline.auth import ROLES
from pipeline.auth.users import add_user, issue_token, list_users, remove_user, update_user
from pipeline.calls.erasure import erase_account, list_erasures
from pipeline.errors import CallmineError
from pipeline.wording import plural

router = APIRouter(prefix="/admin")

USERS = "/admin/users"
ERASURES = "/admin/erasures"


def _users_page(
    request: Request, db: SessionDep, *, token: str = "", token_for: str = ""
) -> HTMLResponse:
    return render(
        request,
        "admin_users.html",
        title="Users",
        users=list_users(db),
        roles=ROLES,
        token=token,
        token_for=token_for,
    )


def _then(db: SessionDep, back: str, action: Callable[[], str]) -> RedirectResponse:
    try:
        message = action()
    except CallmineError as exc:
        db.rollback()
        return redirect(back, exc.detail, "error")
    return redirect(back, message)


@router.get("/users", response_class=HTMLResponse, dependencies=[ADMIN])
def users_page(request: Request, db: SessionDep) -> HTMLResponse:
    return _users_page(request, db)


@router.post("/users", dependencies=[ADMIN])
def add(
    db: SessionDep,
    name: Annotated[str, Form()],
    password: Annotated[str, Form()] = "",
    role: Annotated[list[str] | None, Form()] = None,
) -> RedirectResponse:
    def run() -> str:
        user = add_user(db, name, role or [], password=password or None)
        return f"Added {user.name} ({', '.join(user.roles)})."

    return _then(db, USERS, run)


@router.post("/users/{name}/roles", dependencies=[ADMIN])
def set_roles(
    db: SessionDep, name: str, role: Annotated[list[str] | None, Form()] = None
) -> RedirectResponse:
    def run() -> str:
        user = update_user(db, name, roles=role or [])
        return f"{user.name} now holds: {', '.join(user.roles)}."

    return _then(db, USERS, run)


@router.post("/users/{name}/password", dependencies=[ADMIN])
def set_password(
    db: SessionDep, name: str, password: Annotated[str, Form()] = ""
) -> RedirectResponse:
    def run() -> str:
        user = update_user(db, name, password=password)
        return f"New password set for {user.name}; their other sessions are signed out."

    return _then(db, USERS, run)


@router.post("/users/{name}/remove", dependencies=[ADMIN])
def remove(db: SessionDep, name: str) -> RedirectResponse:
    def run() -> str:
        remove_user(db, name)
        return f"Removed {name}."

    return _then(db, USERS, run)


@router.post("/users/{name}/token", response_model=None, dependencies=[ADMIN])
def token(request: Request, db: SessionDep, name: str) -> HTMLResponse | RedirectResponse:
    """The new token is shown on this one page and never again (only its hash is kept)."""
    try:
        issued = issue_token(db, name)
    except CallmineError as exc:
        return redirect(USERS, exc.detail, "error")
    return _users_page(request, db, token=issued, token_for=name)


@router.get("/erasures", response_class=HTMLResponse, dependencies=[ADMIN])
def erasures_page(request: Request, db: SessionDep) -> HTMLResponse:
    return render(request, "admin_erasures.html", title="Erasures", erasures=list_erasures(db))


@router.post("/erasures", dependencies=[ADMIN])
def erase(
    workspace: WorkspaceDep,
    user: PrincipalDep,
    account: Annotated[str, Form()],
    confirm: Annotated[str, Form()] = "",
) -> RedirectResponse:
    if confirm.strip() != account.strip():
        return redirect(ERASURES, "Type the account's name again to confirm.", "error")
    try:
        done = erase_account(workspace, account, actor=user.name)
    except CallmineError as exc:
        return redirect(ERASURES, exc.detail, "error")
    counts = done.counts
    return redirect(
        ERASURES,
        f"Erased {done.account}: {plural(counts['calls'], 'call')}, "
        f"{plural(counts['mentions'], 'mention')}, {plural(counts['documents'], 'document')} "
        "changed.",
    )
