"""Account page: the calls of one account and its industry, which a marketer may set."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import quote

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import MARKETING, READ
from api.deps import SessionDep
from api.web import redirect, render
from pipeline.calls.accounts import get_account, known_industries, set_account_industry
from pipeline.errors import CallmineError

router = APIRouter()


def _page(name: str) -> str:
    return f"/accounts/{quote(name, safe='')}"


@router.get("/accounts/{name:path}", response_class=HTMLResponse, dependencies=[READ])
def account_page(request: Request, db: SessionDep, name: str) -> HTMLResponse:
    account = get_account(db, name)
    return render(
        request,
        "account.html",
        title=account.name,
        account=account,
        industries=known_industries(db),
        action=_page(account.name),
    )


@router.post("/accounts/{name:path}", dependencies=[MARKETING])
def set_industry(
    db: SessionDep, name: str, industry: Annotated[str, Form(max_length=255)] = ""
) -> RedirectResponse:
    try:
        account = set_account_industry(db, name, industry)
    except CallmineError as exc:
        return redirect(_page(name), exc.detail, "error")
    said = f"is in {account.industry}" if account.industry else "has no industry now"
    return redirect(_page(account.name), f"{account.name} {said}.")
