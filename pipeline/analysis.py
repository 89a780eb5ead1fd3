"""Runs the insight stages: detect -> store mentions -> embed -> index -> assign or re-cluster.

New calls join existing clusters incrementally (nearest centroid above ``ASSIGN_THRESHOLD``);
a full re-cluster runs when there are no clusters yet or drift warrants it (too many unassigned
mentions, or the corpus grew a lot since the last full run). Cluster ids stay stable across full
runs (membership overlap), and user edits recorded in ``ClusterEdit`` are replayed.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlalchemy import delete, insert, select
from sqlalchemy.orm import Session

from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.recluster import full_cluster
from pipeline.cluster.state import drift_warrants, load_state, save_state
from pipeline.detect import Detection, UtteranceLike, create_detector
from pipeline.embed import CachedEmbedder
from pipeline.index import CLUSTERED_KINDS, mention_vectors, update_index
from pipeline.jobs import ProgressCallback
from pipeline.store import Call, Mention, Utterance
from pipeline.workspace import Workspace

# Utterances per detection call: big enough for full embedding batches, small enough for memory.
DETECT_BATCH = 4096


def _progress(callback: ProgressCallback | None, fraction: float, message: str) -> None:
    if callback is not None:
        callback(fraction, message)


def run_clustering(
    workspace: Workspace,
    *,
    rebuild: bool = False,
    kinds: Sequence[str] = CLUSTERED_KINDS,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Re-cluster every kind in full (``rebuild``) or only the kinds whose drift warrants it;
    returns counts per kind."""
    folder = workspace.settings.data_dir
    summary: dict[str, Any] = {}
    with workspace.session() as session:
        state = load_state(folder)
        for step, kind in enumerate(kinds):
            _progress(progress, step / len(kinds), f"clustering {kind}s")
            if rebuild or drift_warrants(session, kind, state):
                counts = full_cluster(workspace, session, kind, state.get(kind, {}).get("k"))
                state[kind] = {"mentions": counts["mentions"], "k": counts["k_by_category"]}
                summary[kind] = {**counts, "full": True}
            else:
                summary[kind] = {"full": False}
        save_state(folder, state)
    _progress(progress, 1.0, "clustered")
    return summary


def _detect_and_store(
    workspace: Workspace, session: Session, call_ids: Sequence[int]
) -> list[Mention]:
    """Detect in calls sharing a competitor list together: one embedding batch, not one per
    call (batches of a call's 20 sentences embed at half the speed of batches of 64)."""
    detector = create_detector(workspace.settings, CachedEmbedder(session, workspace.embedder))
    session.execute(delete(Mention).where(Mention.call_id.in_(call_ids)))
    calls = list(session.scalars(select(Call).where(Call.id.in_(call_ids)).order_by(Call.id)))
    turns: dict[int, list[UtteranceLike]] = {c.id: [] for c in calls}
    # Plain rows of the columns detection reads: ORM objects cost 50 us each to build.
    columns = (Utterance.id, Utterance.call_id, Utterance.role, Utterance.speaker, Utterance.text)
    for utterance in session.execute(
        select(*columns)
        .where(Utterance.call_id.in_(call_ids))
        .order_by(Utterance.call_id, Utterance.seq)
    ):
        turns[utterance.call_id].append(utterance)
    groups: dict[tuple[str, ...], list[list[UtteranceLike]]] = {}
    for call in calls:
        competitors = tuple(dict.fromkeys([*call.competitors, *workspace.settings.competitors]))
        groups.setdefault(competitors, []).append(turns[call.id])
    found: dict[int, list[Detection]] = {}
    for competitors, call_turns in groups.items():
        batch: list[UtteranceLike] = []
        for index, utterances in enumerate(call_turns):
            batch.extend(utterances)  # whole calls: a buyer line needs the rep line before it
            if len(batch) >= DETECT_BATCH or index == len(call_turns) - 1:
                found.update(detector.detect_utterances(batch, competitors=list(competitors)))
                batch = []
    rows = [
        {
            "utterance_id": utterance.id,
            "call_id": call.id,
            "kind": d.kind,
            "category": d.category,
            "text": d.text,
            "char_start": d.char_start,
            "char_end": d.char_end,
            "competitor": d.competitor,
            "confidence": d.confidence,
        }
        for call in calls
        for utterance in turns[call.id]
        for d in found.get(utterance.id, [])
    ]
    if not rows:
        return []
    # One executemany, then one read back (these calls' old mentions were deleted above). Not
    # an ORM object per row (0.15 ms each) nor INSERT .. RETURNING, which SQLAlchemy splices
    # back row by row in quadratic time (18 s for 10k mentions).
    session.execute(insert(Mention), rows)
    return list(
        session.scalars(select(Mention).where(Mention.call_id.in_(call_ids)).order_by(Mention.id))
    )


def analyse_calls(
    workspace: Workspace,
    call_ids: Sequence[int],
    *,
    progress: ProgressCallback | None = None,
    rebuild: bool = False,
) -> dict[str, int]:
    """Detect mentions in the given calls, index them, and assign them to clusters; re-cluster
    in full where drift warrants it, or every kind when ``rebuild``."""
    ids = sorted(set(call_ids))
    with workspace.session() as session:
        _progress(progress, 0.05, "detecting objections and questions")
        old = [m.id for m in session.scalars(select(Mention).where(Mention.call_id.in_(ids)))]
        stored = _detect_and_store(workspace, session, ids)
        clustered = [m for m in stored if m.kind in CLUSTERED_KINDS]
        _progress(progress, 0.5, "embedding mentions")
        vectors = mention_vectors(workspace, session, clustered)
        update_index(workspace, session, old, clustered, vectors)
        _progress(progress, 0.7, "assigning to clusters")
        joined = assign_incremental(session, clustered, vectors)
        state = load_state(workspace.settings.data_dir)
        due = [k for k in CLUSTERED_KINDS if rebuild or drift_warrants(session, k, state)]
    reclustered = 0
    if due:
        _progress(progress, 0.8, "re-clustering")
        summary = run_clustering(workspace, rebuild=True, kinds=due)
        reclustered = sum(int(v.get("clusters", 0)) for v in summary.values())
    _progress(progress, 1.0, "analysed")
    return {
        "calls": len(ids),
        "mentions": len(stored),
        "clustered_mentions": len(clustered),
        "assigned": joined,
        "reclustered_kinds": len(due),
        "clusters": reclustered,
    }
