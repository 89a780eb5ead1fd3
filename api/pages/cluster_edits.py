"""A user's edits to one theme from its page: rename, merge (confirmed first, undoable), split
(undoable), and "not an objection" for the theme or one quote."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

from fastapi import APIRouter, Form, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from api.auth import LABELLERS, MARKETING, READ
from api.deps import SessionDep, WorkspaceDep
from api.pages.clusters import KIND_WORDS
from api.web import redirect, render
from pipeline.analysis.corrections import label_mention
from pipeline.cluster.edits import (
    mark_cluster,
    merge_clusters,
    merge_preview,
    rename_cluster,
    split_cluster,
    undo_merge,
    undo_split,
)
from pipeline.errors import CallmineError
from pipeline.store.models import Cluster
from pipeline.types import RowId
from pipeline.wording import plural, with_article

router = APIRouter()


def _act(cluster_id: int, action: Callable[[], str | None], done: str) -> RedirectResponse:
    try:
        target = action()
    except CallmineError as exc:
        return redirect(f"/clusters/{cluster_id}", exc.detail, "error")
    return redirect(target or f"/clusters/{cluster_id}", done)


@router.post("/clusters/{cluster_id}/rename", dependencies=[MARKETING])
def rename(
    db: SessionDep, cluster_id: RowId, name: Annotated[str, Form()] = ""
) -> RedirectResponse:
    def run() -> None:
        rename_cluster(db, cluster_id, name)

    return _act(cluster_id, run, "Renamed.")


@router.get(
    "/clusters/{cluster_id}/merge",
    response_class=HTMLResponse,
    response_model=None,
    dependencies=[READ],
)
def confirm_merge(
    request: Request, db: SessionDep, cluster_id: RowId, other: RowId | None = None
) -> HTMLResponse | RedirectResponse:
    """The step before a merge: what moves where, and which name the merged theme keeps."""
    if other is None:
        choose = "Choose a theme to merge into this one."
        return redirect(f"/clusters/{cluster_id}", choose, "error")
    try:
        preview = merge_preview(db, cluster_id, other)
    except CallmineError as exc:
        return redirect(f"/clusters/{cluster_id}", exc.detail, "error")
    return render(request, "merge.html", title="Merge themes", **preview)


@router.post("/clusters/{cluster_id}/merge", dependencies=[MARKETING])
def merge(
    db: SessionDep,
    workspace: WorkspaceDep,
    cluster_id: RowId,
    other: Annotated[list[RowId] | None, Form()] = None,
    keep: Annotated[str, Form()] = "",
    new_name: Annotated[str, Form()] = "",
) -> RedirectResponse:
    """``keep``: ``this`` or ``other`` theme's name, or ``new`` (``new_name``); ``auto`` or
    none: the service's choice (a typed name survives, else a name from all its quotes)."""
    others = other or []
    if keep == "new" and not new_name.strip():
        return redirect(
            f"/clusters/{cluster_id}/merge?other={others[0] if others else ''}",
            "Type the new name, or keep one of the two names.",
            "error",
        )
    name_of = {"this": cluster_id, "other": others[0] if others else None}.get(keep)
    try:
        result = merge_clusters(
            workspace,
            db,
            [cluster_id, *others],
            name=new_name if keep == "new" else None,
            name_of=name_of,
        )
    except CallmineError as exc:
        return redirect(f"/clusters/{cluster_id}", exc.detail, "error")
    done = f"Merged: {plural(result['moved'], 'quote')} moved into “{result['name']}”."
    return redirect(f"/clusters/{result['id']}", done)


@router.post("/clusters/{cluster_id}/undo-merge", dependencies=[MARKETING])
def undo(db: SessionDep, cluster_id: RowId) -> RedirectResponse:
    def run() -> None:
        undo_merge(db, cluster_id)

    return _act(cluster_id, run, "Merge undone: the themes and their quotes are back as before.")


@router.post("/clusters/{cluster_id}/split", dependencies=[MARKETING])
def split(db: SessionDep, workspace: WorkspaceDep, cluster_id: RowId) -> RedirectResponse:
    """To the first half; its page names and links both (``split_with``)."""
    try:
        first, second = split_cluster(workspace, db, cluster_id)["children"][:2]
    except CallmineError as exc:
        return redirect(f"/clusters/{cluster_id}", exc.detail, "error")
    return redirect(f"/clusters/{first}?split_with={second}")


@router.post("/clusters/{cluster_id}/undo-split", dependencies=[MARKETING])
def unsplit(db: SessionDep, cluster_id: RowId) -> RedirectResponse:
    """To the theme put back together."""

    def run() -> str:
        return f"/clusters/{undo_split(db, cluster_id)['id']}"

    return _act(cluster_id, run, "Split undone: the two halves are one theme again.")


@router.post("/clusters/{cluster_id}/quotes/{mention_id}/not-objection", dependencies=[LABELLERS])
def quote_not_objection(
    db: SessionDep, workspace: WorkspaceDep, cluster_id: RowId, mention_id: RowId
) -> RedirectResponse:
    def run() -> None:
        label_mention(workspace, db, mention_id, label="other")

    done = "Removed from the cluster; the detector learns from it on the next upload."
    return _act(cluster_id, run, done)


@router.post("/clusters/{cluster_id}/mark", dependencies=[MARKETING])
def mark(
    db: SessionDep, cluster_id: RowId, not_objection: Annotated[str, Form()] = "yes"
) -> RedirectResponse:
    hide = not_objection == "yes"
    theme = db.get(Cluster, cluster_id)
    # The theme's own kind: a pain marked hidden had been "Marked as not an objection."
    kind = KIND_WORDS.get(theme.kind, "theme") if theme is not None else "theme"

    def run() -> str | None:
        mark_cluster(db, cluster_id, not_objection=hide)
        return "/" if hide else None

    return _act(cluster_id, run, f"Marked as not {with_article(kind)}." if hide else "Restored.")
