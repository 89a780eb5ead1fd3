"""CLI commands that edit themes: rename, merge, split, unsplit, mark "not an objection".

Each says what it did in a line (the themes by id and name); ``--json`` prints the service's
result for scripts, as the other listing commands do."""

from __future__ import annotations

from typing import Annotated

import typer

from api.cli_app import ID_COMMAND, app, id_argument, open_workspace, show_result, theme_named
from pipeline.cluster import edits as cluster_edits
from pipeline.store.models import Cluster

ClusterId = Annotated[int, id_argument("cluster")]
AsJson = Annotated[bool, typer.Option("--json", help="Print the result as JSON.")]


@app.command(**ID_COMMAND)
def rename(cluster_id: ClusterId, name: str, as_json: AsJson = False) -> None:
    """Rename a cluster; the name sticks across re-clusters."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.rename_cluster(session, cluster_id, name)
    show_result(
        result, f"Renamed #{result['id']} to “{result['name']}”; it keeps that name.", as_json
    )


@app.command(**ID_COMMAND)
def merge(
    cluster_ids: Annotated[list[int], id_argument("cluster")],
    name: Annotated[
        str | None, typer.Option("--name", help="Name the merged theme (kept like a rename).")
    ] = None,
    as_json: AsJson = False,
) -> None:
    """Merge clusters into the first id; stays merged across re-clusters. The merged theme keeps
    the name a user typed on the first id, else one typed on another, else gets a new name from
    all its quotes; --name sets it."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.merge_clusters(workspace, session, cluster_ids, name=name)
    merged = ", ".join(f"#{i}" for i in result["merged"])
    line = (
        f"Merged {merged} into #{result['id']} “{result['name']}” ({result['moved']} quotes moved)."
    )
    show_result(result, line, as_json)


@app.command(**ID_COMMAND)
def split(cluster_id: ClusterId, as_json: AsJson = False) -> None:
    """Split a cluster in two (k-means on its mentions)."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.split_cluster(workspace, session, cluster_id)
        halves = " and ".join(theme_named(session.get(Cluster, i), i) for i in result["children"])
    show_result(
        result, f"Split #{result['id']} into {halves} (`callmine unsplit` undoes it).", as_json
    )


@app.command(**ID_COMMAND)
def unsplit(cluster_id: ClusterId, as_json: AsJson = False) -> None:
    """Undo a split, given either half: the theme and its quotes are one again."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.undo_split(session, cluster_id)
    show_result(result, f"#{result['id']} “{result['name']}” is one theme again.", as_json)


@app.command("not-objection", **ID_COMMAND)
def not_objection(
    cluster_id: ClusterId,
    undo: Annotated[bool, typer.Option("--undo", help="Unmark it.")] = False,
    as_json: AsJson = False,
) -> None:
    """Mark a cluster "not an objection": its mentions leave every list."""
    with open_workspace() as workspace, workspace.session() as session:
        result = cluster_edits.mark_cluster(session, cluster_id, not_objection=not undo)
        theme = theme_named(session.get(Cluster, cluster_id), cluster_id)
    line = (
        f"{theme} is back in the lists."
        if result["status"] == "active"
        else f"{theme} is marked not an objection: its quotes leave every list (--undo to unmark)."
    )
    show_result(result, line, as_json)
