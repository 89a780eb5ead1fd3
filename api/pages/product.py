"""Product page: our product's profile, the only facts about us a document may state."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import MARKETING, READ
from api.deps import SessionDep
from api.web import redirect, render
from pipeline.content import profile
from pipeline.errors import CallmineError

router = APIRouter()


@router.get("/product", response_class=HTMLResponse, dependencies=[READ])
def product_page(request: Request, db: SessionDep) -> HTMLResponse:
    current = profile.current_profile(db)
    return render(
        request,
        "product.html",
        title="Product",
        current=current,
        sections=profile.SECTIONS,
        facts=profile.profile_facts(current.profile if current else None),
    )


@router.post("/product", dependencies=[MARKETING])
async def save_product(
    request: Request,
    db: SessionDep,
    name: Annotated[str, Form()] = "",
) -> RedirectResponse:
    form = await request.form()
    data = {key: str(form.get(key) or "") for key in ("name", "pitch", "cta")}
    data["name"] = name
    lists = {
        section: [
            line.strip() for line in str(form.get(section) or "").splitlines() if line.strip()
        ]
        for section in profile.SECTIONS
    }
    try:
        saved = profile.set_profile(db, profile.parse_profile(data | lists), author="web")
    except CallmineError as exc:
        return redirect("/product", exc.detail, "error")
    return redirect("/product", f"Product profile saved (version {saved.version}).")
