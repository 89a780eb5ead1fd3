"""The review queue page: one buyer sentence at a time in its context, answered by key."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import LABELLERS, READ
from api.deps import SessionDep, WorkspaceDep
from api.web import redirect, render
from pipeline.analysis.corrections import label_sentence
from pipeline.detect import KIND_LABELS, KINDS, load_seeds
from pipeline.detect import learning as detections
from pipeline.errors import CallmineError

router = APIRouter()
KEYS = {"objection": "o", "pain": "p", "question": "q", "current_setup": "c", "other": "x"}


@router.get("/review", response_class=HTMLResponse, dependencies=[READ])
def review_page(request: Request, db: SessionDep, workspace: WorkspaceDep) -> HTMLResponse:
    entries = detections.review_queue(workspace, db, limit=1)
    seeds = load_seeds(workspace.settings.data_dir)
    return render(
        request,
        "review.html",
        title="Review queue",
        entry=entries[0] if entries else None,
        progress=detections.queue_progress(workspace, db),
        kinds=[(kind, KIND_LABELS[kind], KEYS[kind]) for kind in KINDS],
        categories=[
            (name, seeds.labels.get(name, name.replace("_", " "))) for name in seeds.objection
        ],
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
    """One answer; back to the queue at once (the re-fit, when due, runs in the background)."""
    if kind not in KINDS:
        return redirect("/review", f"Unknown kind {kind!r}.", "error")
    try:
        label_sentence(
            workspace,
            db,
            utterance_id,
            text=text,
            label=kind,
            category=category or None,
        )
    except CallmineError as exc:
        return redirect("/review", exc.detail, "error")
    refit = detections.schedule_refit(workspace, db, background.add_task)
    said = KIND_LABELS[kind] + (f" ({category})" if kind == "objection" else "")
    more = " The detector is re-fitting on your answers." if refit else ""
    return redirect("/review", f"Saved as {said}.{more}")
