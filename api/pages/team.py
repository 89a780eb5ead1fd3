"""Team page: the roster of our people, whose lines on every call uploaded after are the rep's."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import ADMIN, READ
from api.deps import SessionDep, SettingsDep
from api.web import redirect, render
from pipeline.errors import CallmineError
from pipeline.ingest import team
from pipeline.types import RowId

router = APIRouter()


@router.get("/team", response_class=HTMLResponse, dependencies=[READ])
def team_page(request: Request, db: SessionDep, settings: SettingsDep) -> HTMLResponse:
    return render(
        request,
        "team.html",
        title="Team",
        members=team.list_members(db),
        our_company=settings.our_company,
    )


@router.post("/team", dependencies=[ADMIN])
def add_member(
    db: SessionDep,
    name: Annotated[str, Form()] = "",
    company: Annotated[str, Form()] = "",
) -> RedirectResponse:
    try:
        member = team.add_member(db, name, company=company or None)
    except CallmineError as exc:
        return redirect("/team", exc.detail, "error")
    return redirect("/team", f"{member.name} is on the team.")


@router.post("/team/{member_id:int}/remove", dependencies=[ADMIN])
def remove_member(db: SessionDep, member_id: RowId) -> RedirectResponse:
    try:
        removed = team.remove_member(db, member_id)
    except CallmineError as exc:
        return redirect("/team", exc.detail, "error")
    return redirect("/team", f"{removed.name} is no longer on the team.")
