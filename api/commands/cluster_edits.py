"""CLI commands that edit themes: rename, merge, split, unsplit, mark "not an objection"."""

from __future__ import annotations

from typing import Annotated, Any

import typer

from api.cli_app import ID_COMMAND, app, console, id_argument, open_workspace
from pipeline.cluster import edits as cluster_edits

ClusterId = Annotated[int, id_argument("cluster")]


def _edit(action: str, *args: Any) -> None:
    with open_workspace() as workspace, workspace.session() as session:
        if action == "split_cluster":  # it names the themes it makes
            result = getattr(cluster_edits, action)(workspace, session, *args)
        else:
            result = getattr(cluster_edits, action)(session, *args)
    console.print_json(data=result)


@app.command(**ID_COMMAND)
def rename(cluster_id: ClusterId, name: str) -> None:
    """Rename a cluster; the name sticks across re-clusters."""
    _edit("rename_cluster", cluster_id, name)


@app.command(**ID_COMMAND)
def merge(
    cluster_ids: Annotated[list[int], id_argument("cluster")],
    name: Annotated[
        str | None, typer.Option("--name", help="Name the merged theme (kept like a rename).")
    ] = None,
) -> None:
    """Merge clusters into the first id; stays merged across re-clusters. The merged theme keeps
    the name a user typed on the first id, else one typed on another, else gets a new name from
    all its quotes; --name sets it."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.merge_clusters(workspace, session, cluster_ids, name=name)
    console.print_json(data=result)


@app.command(**ID_COMMAND)
def split(cluster_id: ClusterId) -> None:
    """Split a cluster in two (k-means on its mentions)."""
    _edit("split_cluster", cluster_id)


@app.command(**ID_COMMAND)
def unsplit(cluster_id: ClusterId) -> None:
    """Undo a split, given either half: the theme and its quotes are one again."""
    _edit("undo_split", cluster_id)


@app.command("not-objection", **ID_COMMAND)
def not_objection(
    cluster_id: ClusterId, undo: Annotated[bool, typer.Option("--undo", help="Unmark it.")] = False
) -> None:
    """Mark a cluster "not an objection": its mentions leave every list."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.mark_cluster(session, cluster_id, not_objection=not undo)
    console.print_json(data=result)
