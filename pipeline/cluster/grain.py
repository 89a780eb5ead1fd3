"""Fewer or more themes: the grain of one kind's clusters.

The grain is a workspace setting per kind (objections and questions each have their own), kept
in the cluster state as ``scale``: every category gets ``scale`` times the number of themes its
tree scored (``categories.category_k``). The automatic grain is one theme per category for a
walled kind (objections: the detector's categories are the themes) and the trees' own k for the
others (questions; pains, which have no category). It is not a per-user view: clusters are
shared (documents and edits name them), so a change of grain re-clusters the kind from the
saved trees, with no re-embedding and no new tree, and every later full re-cluster keeps it.
Ids follow membership: a coarser theme
takes the id of the old theme it overlaps most (of a renamed one it swallowed whole); the others
retire and are remembered, so going back to a finer grain brings the same ids, names and edits
back. Merges, splits and "not an objection" are replayed as after any re-cluster. A renamed
theme follows the quotes it was named on (``stable_ids.follow_names``): split by a finer grain,
its id and name stay only on a part holding a clear majority of them.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Mapping, Sequence
from typing import Any, Literal

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.cluster.categories import automatic_scale, category_k, stored_scale, walled_kind
from pipeline.cluster.index import CLUSTERED_KINDS
from pipeline.cluster.recluster import full_cluster
from pipeline.cluster.state import (
    counts_to_keep,
    load_state,
    load_trees,
    save_state,
    unthemed_mentions,
)
from pipeline.cluster.tree import GRAIN_STEP, ThemeTree
from pipeline.errors import BadInput
from pipeline.jobs.queue import submit_task, task
from pipeline.jobs.runs import SUMMARY, ProgressCallback
from pipeline.store.models import Cluster
from pipeline.wording import plural
from pipeline.workspace import Workspace

GrainMove = Literal["coarser", "finer", "auto"]
GRAIN_MOVES: tuple[GrainMove, ...] = ("coarser", "finer", "auto")


def parse_grain(value: str | int) -> GrainMove | int:
    """``coarser``, ``finer``, ``auto`` or a number of themes (at least 1)."""
    text = str(value).strip().lower()
    if text in GRAIN_MOVES:
        return text
    if text.isdigit() and int(text) >= 1:
        return int(text)
    raise BadInput(f"grain must be coarser, finer, auto or a number of themes, not {value!r}")


def planned_themes(trees: Mapping[str, ThemeTree], scale: float, *, walled: bool) -> int:
    """How many themes the trees give at ``scale`` (before one-row clusters fold)."""
    return sum(category_k(tree, key, scale, walled=walled) for key, tree in trees.items())


def next_scale(
    trees: Mapping[str, ThemeTree], scale: float, move: GrainMove | int, *, kind: str
) -> float:
    """The scale a move leads to: ``auto`` the kind's automatic scale; ``coarser``/``finer``
    about ``GRAIN_STEP`` times fewer/more themes (at least one fewer/more; unchanged when there
    is none); a number the scale giving the nearest number of themes."""
    walled = walled_kind(kind)
    if move == "auto" or not trees:
        return automatic_scale(kind)
    candidates = {0.0, 1.0, scale} | {
        count / tree.k for tree in trees.values() for count in range(1, tree.finest + 1)
    }
    planned = {s: planned_themes(trees, s, walled=walled) for s in candidates}
    now = planned[scale]
    if isinstance(move, int):
        target, allowed = move, list(candidates)
    elif move == "finer":
        target, allowed = math.ceil(now * GRAIN_STEP), [s for s in candidates if planned[s] > now]
    else:
        target, allowed = math.floor(now / GRAIN_STEP), [s for s in candidates if planned[s] < now]
    if not allowed:
        return scale
    return min(allowed, key=lambda s: (abs(planned[s] - target), abs(s - scale), s))


def grain_info(workspace: Workspace, kind: str, session: Session | None = None) -> dict[str, Any]:
    """The kind's grain: its scale, the themes shown, the automatic number, and whether a
    coarser or finer grain exists (read in ``session`` when given, else in a session of its
    own)."""
    folder = workspace.settings.data_dir
    automatic = automatic_scale(kind)
    scale = stored_scale(kind, load_state(folder).get(kind, {}))
    trees = load_trees(folder, kind)
    walled = walled_kind(kind)
    active = select(func.count(Cluster.id)).where(Cluster.kind == kind, Cluster.status == "active")
    if session is None:
        with workspace.session() as own:
            shown = own.scalar(active)
    else:
        shown = session.scalar(active)
    return {
        "kind": kind,
        "scale": round(scale, 4),
        "automatic": scale == automatic,
        "themes": int(shown or 0),
        "automatic_themes": planned_themes(trees, automatic, walled=walled),
        "walled": walled,
        "can_coarsen": next_scale(trees, scale, "coarser", kind=kind) != scale,
        "can_refine": next_scale(trees, scale, "finer", kind=kind) != scale,
    }


def change_grain(
    workspace: Workspace,
    kind: str,
    grain: str | int,
    progress: Callable[[str], None] | None = None,
) -> dict[str, Any]:
    """Re-cluster ``kind`` at another grain from its saved trees and keep the choice;
    ``progress`` is told once the writer lock is held (a job waiting for it has not begun)."""
    move = parse_grain(grain)
    folder = workspace.settings.data_dir
    with workspace.writer():  # one heavy writer at a time (analysis, re-clusters)
        if progress is not None:
            progress(kind)
        with workspace.session() as session:
            state = load_state(folder)
            last = dict(state.get(kind, {}))
            scale = stored_scale(kind, last)
            if not load_trees(folder, kind):  # clustered before trees were kept: build them
                built = full_cluster(workspace, session, kind, last)
                last.update(counts_to_keep(built, unthemed_mentions(session, kind)))
            new_scale = next_scale(load_trees(folder, kind), scale, move, kind=kind)
            if new_scale != scale:
                last["scale"] = new_scale
                recut = full_cluster(workspace, session, kind, last, reuse_trees=True)
                last.update(counts_to_keep(recut, unthemed_mentions(session, kind)))
            state[kind] = last
        save_state(folder, state)  # after the commit, as run_clustering does
    return grain_info(workspace, kind)


def apply_grain(
    workspace: Workspace, grain: str | int, kinds: Sequence[str] | None = None
) -> list[dict[str, Any]]:
    """``change_grain`` for each of ``kinds`` (every clustered kind by default)."""
    move = parse_grain(grain)
    return [change_grain(workspace, kind, move) for kind in (kinds or CLUSTERED_KINDS)]


@task("grain")
def grain_task(
    workspace: Workspace, args: dict[str, Any], progress: ProgressCallback
) -> dict[str, Any]:
    """``apply_grain`` as a job: behind an upload or a re-cluster it waits minutes for the
    writer lock, longer than a browser or a proxy waits for an answer."""
    kinds = list(args.get("kinds") or CLUSTERED_KINDS)
    move = parse_grain(args["grain"])
    grains = []
    for step, kind in enumerate(kinds):

        def begun(kind: str, step: int = step) -> None:
            progress(step / len(kinds), f"grain: {kind} themes")

        grains.append(change_grain(workspace, kind, move, begun))
    return {"grains": grains, SUMMARY: showing(grains)}


def showing(grains: Sequence[Mapping[str, Any]]) -> str:
    """``Showing 7 themes.`` for one kind; each kind's count for several."""
    if len(grains) == 1:
        return f"Showing {plural(grains[0]['themes'], 'theme')}."
    counts = [plural(info["themes"], f"{info['kind']} theme") for info in grains]
    return f"Showing {', '.join(counts)}."


def submit_grain(
    workspace: Workspace,
    grain: str | int,
    schedule: Callable[..., Any],
    kinds: Sequence[str] | None = None,
) -> str:
    """Start ``grain_task`` as a background job (the grain checked first: a wrong one is
    refused at once); returns the job id to poll. The API and the clusters page start it
    here; each request is a move of its own (two "finer" are two steps), so none joins."""
    move = parse_grain(grain)
    chosen = list(kinds or CLUSTERED_KINDS)
    message = f"{', '.join(chosen)} themes: {move}"
    return submit_task(workspace, "grain", message, {"grain": move, "kinds": chosen}, schedule)


def grain_infos(workspace: Workspace, kinds: Sequence[str] | None = None) -> list[dict[str, Any]]:
    """``grain_info`` for each of ``kinds`` (every clustered kind by default)."""
    return [grain_info(workspace, kind) for kind in (kinds or CLUSTERED_KINDS)]
