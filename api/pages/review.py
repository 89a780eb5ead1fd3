"""The review queue page: one buyer sentence at a time in its context, answered by key; the
answer just given can be taken back."""

from __future__ import annotations

from typing import Annotated
from urllib.parse import urlencode

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import LABELLERS, MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.web import redirect, render
from pipeline.analysis.corrections import label_sentence, submit_redetect, undo_label
from pipeline.detect import KIND_LABELS, KINDS, load_seeds
from pipeline.detect import learning as detections
from pipeline.errors import CallmineError

router = APIRouter()
KEYS = {"objection": "o", "pain": "p", "question": "q", "current_setup": "c", "other": "x"}


def category_keys(categories: list[str]) -> dict[str, str]:
    """The number key of each of the first ten categories ("1" … "9", then "0"), so an
    objection and its category take one key."""
    return {name: str(number % 10) for number, name in enumerate(categories[:10], start=1)}


@router.get("/review", response_class=HTMLResponse, dependencies=[READ])
def review_page(request: Request, db: SessionDep, workspace: WorkspaceDep) -> HTMLResponse:
    entries = detections.review_queue(workspace, db, limit=1)
    seeds = load_seeds(workspace.settings.data_dir)
    saved = request.query_params
    return render(
        request,
        "review.html",
        title="Review queue",
        entry=entries[0] if entries else None,
        progress=detections.queue_progress(workspace, db),
        kinds=[(kind, KIND_LABELS[kind], KEYS[kind]) for kind in KINDS],
        kind_labels=KIND_LABELS,
        categories={name: seeds.category_label(name) for name in seeds.objection},
        category_keys=category_keys(list(seeds.objection)),
        confident_at=workspace.settings.confident_at,
        learn_every=workspace.settings.refit_every,
        saved=(
            {
                "utterance_id": saved["saved"],
                "text": saved.get("text", ""),
                "as": saved.get("as"),
                "kind": saved.get("kind", ""),
            }
            if saved.get("saved", "").isdigit()
            else None
        ),
    )


@router.post("/review/answer", dependencies=[LABELLERS])
def answer(
    db: SessionDep,
    workspace: WorkspaceDep,
    background: BackgroundTasks,
    utterance_id: Annotated[int, Form()],
    text: Annotated[str, Form()],
    kind: Annotated[str, Form()],
    category: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """One answer; back to the queue at once, saying what was saved with an Undo (the re-fit,
    when due, runs in the background)."""
    if kind not in KINDS:
        return redirect("/review", f"Unknown kind {kind!r}.", "error")
    if kind == "objection" and not category:
        return redirect("/review", "Choose the objection's category first.", "error")
    try:
        done = label_sentence(
            workspace,
            db,
            utterance_id,
            text=text,
            label=kind,
            category=category or None,
        )
    except CallmineError as exc:
        return redirect("/review", exc.detail, "error")
    detections.schedule_refit(workspace, db, background.add_task)
    seeds = load_seeds(workspace.settings.data_dir)
    said = KIND_LABELS[kind] + (
        f" ({seeds.category_label(category)})" if kind == "objection" else ""
    )
    saved = urlencode({"saved": utterance_id, "text": done["text"], "as": said, "kind": kind})
    return RedirectResponse(f"/review?{saved}", status_code=303)


@router.post("/review/undo", dependencies=[LABELLERS])
def undo(
    db: SessionDep,
    workspace: WorkspaceDep,
    utterance_id: Annotated[int, Form()],
    text: Annotated[str, Form()],
) -> RedirectResponse:
    """Take back the answer just given: the sentence gets its kind back and returns to the
    queue."""
    try:
        done = undo_label(workspace, db, utterance_id, text=text)
    except CallmineError as exc:
        return redirect("/review", exc.detail, "error")
    return redirect("/review", f"Undone: “{done['text']}” is back in the queue.")


@router.post("/review/redetect", dependencies=[MARKETING])
def redetect(workspace: WorkspaceDep, background: BackgroundTasks) -> RedirectResponse:
    """Detect again in every call, so sentences analysed before kinds get scored and queued."""
    submit_redetect(workspace, background.add_task)
    return redirect("/review", "Detecting again in every call; the queue fills when it is done.")
