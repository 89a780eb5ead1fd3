"""Runs the insight stages: detect -> store mentions -> embed -> index -> assign or re-cluster.

New calls join existing clusters incrementally (the nearest, when as close as its own members:
``cluster.bounds``); those that fit none wait, and become a theme of their own once enough are
close to each other (``cluster.waiting``); a full re-cluster runs when there are no clusters yet
or drift warrants it (too many unassigned mentions, the corpus grew a lot since the last full
run, or a small kind without walls grew at all: ``state.SMALL_KIND``). Cluster ids stay stable
across full runs (membership overlap), and user edits recorded in ``ClusterEdit`` are replayed.

Calls are analysed in batches of about ``analysis_batch_utterances`` utterances (a setting), one
heavy writer at a time (``Workspace.writer``). Detection runs outside any write transaction; each
batch's mentions, cluster assignments and its calls' ``analysed`` state are written in one short
transaction, the
faiss index after it commits. A batch that fails is retried call by call, so one bad call is
marked ``failed`` (with its error) without costing its neighbours their analysis; a crash leaves
the calls not yet written ``pending``, and ``analyse_pending`` picks them up again.
"""

from __future__ import annotations

import logging
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from pipeline.analysis.detect_rows import detected_rows
from pipeline.blas import one_blas_thread
from pipeline.claims import unclaimed
from pipeline.cluster.incremental import assign_incremental
from pipeline.cluster.index import CLUSTERED_KINDS, mention_vectors, update_index
from pipeline.cluster.recluster import full_cluster
from pipeline.cluster.state import (
    counts_to_keep,
    drift_warrants,
    load_state,
    save_state,
    unthemed_mentions,
)
from pipeline.cluster.topic_vectors import grouping_vectors
from pipeline.cluster.views import warm_views
from pipeline.cluster.waiting import new_waiting, theme_waiting, waiting_mentions
from pipeline.detect import Detector, create_detector
from pipeline.embed import CachedEmbedder
from pipeline.jobs.runs import ProgressCallback
from pipeline.memory import return_freed_memory
from pipeline.store.models import AnalysisState, Call, Mention, Utterance
from pipeline.workspace import Workspace

log = logging.getLogger(__name__)

# Shares of a job's progress: detection and storing, then the re-cluster.
DETECT_SHARE = 0.85


# A result's count of one kind of sentence found ("found_objection": 5).
FOUND = "found_"


def _progress(callback: ProgressCallback | None, fraction: float, message: str) -> None:
    if callback is not None:
        callback(fraction, message)


def _scaled(callback: ProgressCallback | None, start: float, end: float) -> ProgressCallback:
    def report(fraction: float, message: str) -> None:
        _progress(callback, start + (end - start) * fraction, message)

    return report


def run_clustering(
    workspace: Workspace,
    *,
    rebuild: bool = False,
    kinds: Sequence[str] = CLUSTERED_KINDS,
    progress: ProgressCallback | None = None,
    warm: bool = True,
) -> dict[str, Any]:
    """Re-cluster every kind in full (``rebuild``) or only the kinds whose drift warrants it,
    and make themes of the others' waiting mentions where enough are close (``theme_waiting``);
    returns counts per kind. One at a time: a second caller waits for the first. ``warm``:
    compute the pages' cluster views ahead, after the lock is released."""
    folder = workspace.settings.data_dir
    summary: dict[str, Any] = {}
    with workspace.writer():
        with workspace.session() as session:
            state = load_state(folder)
            for step, kind in enumerate(kinds):
                _progress(progress, step / len(kinds), f"cluster: {kind}s")
                if rebuild or drift_warrants(session, kind, state):
                    last = state.get(kind, {})
                    counts = full_cluster(workspace, session, kind, last)
                    unthemed = unthemed_mentions(session, kind)
                    left = len(waiting_mentions(session, kind))
                    state[kind] = {**last, **counts_to_keep(counts, unthemed, left)}
                    summary[kind] = {**counts, "full": True, "unthemed": unthemed}
                    return_freed_memory()  # the next kind's peak does not stack on this one's
                else:
                    last = state.get(kind, {})
                    done = theme_waiting(workspace, session, kind, last)
                    summary[kind] = {
                        "full": False,
                        "unthemed": unthemed_mentions(session, kind),
                        "new_themes": done.themes,
                        "placed": done.placed,
                        "waiting": new_waiting(done.waiting, last),
                        "theme_needs": done.needs,
                    }
        if any(counts.get("full") for counts in summary.values()):
            save_state(folder, state)  # after the commit: a crash before it re-clusters again
    if warm:
        warm_views(workspace)
    _progress(progress, 1.0, "cluster: done")
    return summary


@dataclass
class _Batch:
    call_ids: list[int]
    utterances: int


def _batches(session: Session, call_ids: Sequence[int], size: int) -> list[_Batch]:
    """Whole calls, about ``size`` utterances per batch: full embedding batches, bounded
    memory, progress every few seconds."""
    sizes = dict(
        session.execute(
            select(Utterance.call_id, func.count())
            .where(Utterance.call_id.in_(call_ids))
            .group_by(Utterance.call_id)
        ).all()
    )
    batches: list[_Batch] = []
    current = _Batch([], 0)
    for call_id in call_ids:
        current.call_ids.append(call_id)
        current.utterances += int(sizes.get(call_id, 0))
        if current.utterances >= size:
            batches.append(current)
            current = _Batch([], 0)
    if current.call_ids:
        batches.append(current)
    return batches


def _store(
    workspace: Workspace, call_ids: Sequence[int], rows: list[dict[str, Any]]
) -> tuple[Counter[str], list[int], list[Mention], Any]:
    """Replace these calls' mentions, assign them and mark the calls analysed, in one
    transaction; returns the counts, the removed and the new clustered mentions, their vectors."""
    with workspace.session() as session:
        old = list(
            session.scalars(
                select(Mention.id).where(
                    Mention.call_id.in_(call_ids), Mention.kind.in_(CLUSTERED_KINDS)
                )
            )
        )
        session.execute(delete(Mention).where(Mention.call_id.in_(call_ids)))
        # One executemany, then one read back. Not an ORM object per row (0.15 ms each) nor
        # INSERT .. RETURNING, which SQLAlchemy splices back row by row in quadratic time.
        if rows:
            session.execute(insert(Mention), rows)
        clustered = list(
            session.scalars(
                select(Mention)
                .where(Mention.call_id.in_(call_ids), Mention.kind.in_(CLUSTERED_KINDS))
                .order_by(Mention.id)
            )
        )
        vectors = mention_vectors(workspace, session, clustered)
        # Indexed (searched) by their own words, grouped as a re-cluster groups them.
        grouping = grouping_vectors(session, workspace.embedder, clustered, vectors)
        joined = assign_incremental(session, clustered, grouping, own_words=vectors)
        session.execute(
            update(Call)
            .where(Call.id.in_(call_ids))
            .values(analysis_state=AnalysisState.analysed, analysis_error=None)
        )
    counts = Counter(
        calls=len(call_ids), mentions=len(rows), clustered_mentions=len(clustered), assigned=joined
    )
    counts.update(f"{FOUND}{row['kind']}" for row in rows)  # the upload page says them by kind
    return counts, old, clustered, vectors


def _analyse_batch(
    workspace: Workspace, detector: Detector, cache: Session, call_ids: Sequence[int]
) -> Counter[str]:
    rows = detected_rows(workspace, detector, cache, call_ids)
    counts, old, clustered, vectors = _store(workspace, call_ids, rows)
    with workspace.session() as session:  # after the commit: a crash before it rebuilds it
        update_index(workspace, session, old, clustered, vectors)
    return counts


def _mark_failed(workspace: Workspace, call_id: int, exc: Exception) -> None:
    with workspace.session() as session:
        session.execute(
            update(Call)
            .where(Call.id == call_id)
            .values(
                analysis_state=AnalysisState.failed, analysis_error=f"{type(exc).__name__}: {exc}"
            )
        )


def _analyse_one_by_one(
    workspace: Workspace, detector: Detector, cache: Session, call_ids: Sequence[int]
) -> Counter[str]:
    """After a batch failed: each call alone, so only the calls that fail are lost to it."""
    counts: Counter[str] = Counter()
    for call_id in call_ids:
        try:
            counts += _analyse_batch(workspace, detector, cache, [call_id])
        except Exception as exc:  # noqa: BLE001 - recorded on the call, the others go on
            log.exception("analysing call %s failed", call_id)
            cache.rollback()
            _mark_failed(workspace, call_id, exc)
            counts["failed"] += 1
    return counts


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
    totals: Counter[str] = Counter(calls=0, mentions=0, clustered_mentions=0, assigned=0)
    # detection's and clustering's many small products: see pipeline.blas
    with one_blas_thread(), workspace.writer():
        with workspace.session() as cache:
            batches = _batches(cache, ids, workspace.settings.analysis_batch_utterances)
            total = max(sum(b.utterances for b in batches), 1)
            detector = create_detector(
                workspace.settings, CachedEmbedder(cache, workspace.embedder, commit=True)
            )
            done = 0
            for batch in batches:
                _progress(
                    progress,
                    DETECT_SHARE * done / total,
                    f"detect: {done:,} of {total:,} utterances in {len(ids):,} "
                    + ("call" if len(ids) == 1 else "calls"),
                )
                try:
                    totals += _analyse_batch(workspace, detector, cache, batch.call_ids)
                except Exception:  # noqa: BLE001 - retried call by call just below
                    log.exception("analysing calls %s together failed", batch.call_ids)
                    cache.rollback()
                    totals += _analyse_one_by_one(workspace, detector, cache, batch.call_ids)
                cache.info.clear()  # the batch's vectors: memory stays bounded by one batch
                return_freed_memory()
                done += batch.utterances
        # Kinds whose drift warrants it re-cluster in full; the others theme their waiting ones.
        _progress(progress, DETECT_SHARE, "cluster: re-clustering or theming waiting mentions")
        summary = run_clustering(
            workspace, rebuild=rebuild, progress=_scaled(progress, DETECT_SHARE, 1.0), warm=False
        )
        due = [kind for kind, counts in summary.items() if counts.get("full")]
        reclustered = sum(int(v.get("clusters", 0)) for v in summary.values())
        new_themes = sum(int(v.get("new_themes", 0)) for v in summary.values())
    warm_views(workspace)  # outside the lock: the next writer need not wait for it
    _progress(progress, 1.0, "finishing up")  # the job is marked done next
    return {
        **{key: int(value) for key, value in totals.items()},
        "calls": len(ids),
        "reclustered_kinds": len(due),
        "clusters": reclustered,
        "new_themes": new_themes,
    }


def has_calls(workspace: Workspace) -> bool:
    with workspace.session() as session:
        return session.scalar(select(Call.id).limit(1)) is not None


def pending_call_ids(workspace: Workspace) -> list[int]:
    """The pending calls no other ingest is about to analyse (``pipeline.claims``)."""
    with workspace.session() as session:
        return unclaimed(session, workspace.calls_in_flight)


def mark_pending(workspace: Workspace, call_ids: Sequence[int] | None = None) -> int:
    """Queue calls (all of them when ``call_ids`` is None) for analysis by whoever runs next;
    returns how many."""
    statement = update(Call).values(
        analysis_state=AnalysisState.pending, analysis_error=None, claimed_by=None
    )
    if call_ids is not None:
        statement = statement.where(Call.id.in_(list(call_ids)))
    with workspace.session() as session:
        return int(session.execute(statement).rowcount)  # type: ignore[attr-defined]


def analyse_pending(
    workspace: Workspace, *, progress: ProgressCallback | None = None, rebuild: bool = False
) -> dict[str, int]:
    """Analyse every call still pending (stored but not analysed: a crash, a killed job, a
    redetect); with ``rebuild`` re-cluster in full even when none is."""
    with workspace.writer():  # the pending set is read under the lock another run may hold
        ids = pending_call_ids(workspace)
        if ids or rebuild:
            return analyse_calls(workspace, ids, progress=progress, rebuild=rebuild)
    _progress(progress, 1.0, "nothing pending")
    return {"calls": 0, "mentions": 0, "clustered_mentions": 0, "assigned": 0, "clusters": 0}
