"""Runs the insight stages: detect -> store mentions -> embed -> index -> assign or re-cluster.

New calls join existing clusters incrementally (nearest centroid above ``ASSIGN_THRESHOLD``);
a full re-cluster runs when there are no clusters yet or drift warrants it (too many unassigned
mentions, or the corpus grew a lot since the last full run). Cluster ids stay stable across full
runs (membership overlap), and user edits recorded in ``ClusterEdit`` are replayed.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import numpy as np
from sqlalchemy import delete, func, insert, select, update
from sqlalchemy.orm import Session

from pipeline.cluster import (
    ASSIGN_THRESHOLD,
    COHESION_TARGET,
    Clustering,
    assign_nearest,
    cluster_vectors,
    groups_of,
    match_clusters,
)
from pipeline.detect import Detection, UtteranceLike, create_detector
from pipeline.embed import CachedEmbedder, Vectors, embed_cached, normalise
from pipeline.files import write_text_atomically
from pipeline.index import COMPACT_SHARE, INDEX_FILENAME, MentionIndex
from pipeline.label import ClusterLabel, label_clusters
from pipeline.llm_names import cluster_labeler
from pipeline.redact import buyer_names
from pipeline.store import Call, Cluster, ClusterEdit, Mention, Utterance
from pipeline.workspace import Workspace

ProgressCallback = Callable[[float, str], None]
CLUSTERED_KINDS = ("objection", "question")
DRIFT_UNASSIGNED = 0.2
DRIFT_GROWTH = 1.5
STATE_FILENAME = "cluster_state.json"
# Utterances per detection call: big enough for full embedding batches, small enough for memory.
DETECT_BATCH = 4096
# Weight of a question's topic next to its (unit) text vector when clustering questions.
CATEGORY_WEIGHT = 1.0
# Auto k inside one detector category: the fewest clusters whose members are, on average, this
# similar to each other (texts with no category use cluster.COHESION_TARGET).
CATEGORY_COHESION_TARGET = 0.18
# A category keeps its number of clusters from the last full run until its cohesion moves this
# far past the target: the examples' competitor category sat 0.0001 from it, so two mentions
# more or less flipped its Staffly / RotaPro split run to run.
CATEGORY_K_MARGIN = 0.01


def _progress(callback: ProgressCallback | None, fraction: float, message: str) -> None:
    if callback is not None:
        callback(fraction, message)


def mention_vectors(workspace: Workspace, session: Session, mentions: Sequence[Mention]) -> Vectors:
    return embed_cached(session, workspace.embedder, [m.text for m in mentions])


def _in_step(index: MentionIndex, session: Session, model: str) -> bool:
    """True when the index holds exactly the database's clustered-kind mentions."""
    ids = session.scalars(
        select(Mention.id).where(Mention.kind.in_(CLUSTERED_KINDS)).order_by(Mention.id)
    ).all()
    return (
        index.model == model
        and len(index) == len(ids)
        and np.array_equal(np.sort(index.ids()), np.asarray(ids, dtype=np.int64))
    )


def rebuild_index(workspace: Workspace, session: Session) -> MentionIndex:
    """A fresh index from the embeddings cache, saved to the data dir."""
    rows = session.execute(  # plain rows: ORM objects for every mention cost 50 us each
        select(Mention.id, Mention.text)
        .where(Mention.kind.in_(CLUSTERED_KINDS))
        .order_by(Mention.id)
    ).all()
    vectors = embed_cached(session, workspace.embedder, [row.text for row in rows])
    dim = int(vectors.shape[1]) if rows else max(workspace.embedder.dim, 1)
    index = MentionIndex.build(
        [row.id for row in rows], vectors, model=workspace.embedder.name, dim=dim
    )
    index.save(workspace.settings.data_dir)
    return index


def open_index(workspace: Workspace, session: Session) -> MentionIndex:
    """The saved index when it matches the database, else one rebuilt from the embeddings."""
    index = MentionIndex.load(workspace.settings.data_dir)
    if index is not None and _in_step(index, session, workspace.embedder.name):
        return index
    return rebuild_index(workspace, session)


def update_index(
    workspace: Workspace,
    session: Session,
    removed: Sequence[int],
    mentions: Sequence[Mention],
    vectors: Vectors,
) -> None:
    """Record removals and additions in the index's delta; fold it in when it grows large."""
    folder = workspace.settings.data_dir
    meta = folder / f"{INDEX_FILENAME}.json"
    if not meta.exists():
        rebuild_index(workspace, session)
        return
    pending = MentionIndex.append(folder, removed, [m.id for m in mentions], vectors)
    indexed = int(json.loads(meta.read_text()).get("count", 0))
    if pending > COMPACT_SHARE * max(indexed, 1):
        open_index(workspace, session).save(folder)


def _load_state(folder: Path) -> dict[str, Any]:
    try:
        state: dict[str, Any] = json.loads((folder / STATE_FILENAME).read_text())
        return state
    except (OSError, ValueError):
        return {}


def _save_state(folder: Path, state: dict[str, Any]) -> None:
    write_text_atomically(folder / STATE_FILENAME, json.dumps(state))


def _centroid(cluster: Cluster) -> Vectors | None:
    if cluster.centroid is None:
        return None
    return np.frombuffer(cluster.centroid, dtype=np.float32).copy()


def assign_incremental(
    session: Session,
    mentions: Sequence[Mention],
    vectors: Vectors,
    *,
    only: Collection[int] | None = None,
    threshold: float = ASSIGN_THRESHOLD,
) -> int:
    """Give each mention its nearest cluster's id when similar enough; returns how many joined.

    A mention nearest to a cluster marked "not an objection" is excluded with it. ``only``
    limits the clusters it may join.
    """
    by_kind: dict[str, list[int]] = {}
    for position, mention in enumerate(mentions):
        by_kind.setdefault(mention.kind, []).append(position)
    joined = 0
    for kind, positions in by_kind.items():
        clusters = [
            c
            for c in session.scalars(
                select(Cluster)
                .where(Cluster.kind == kind, Cluster.status.in_(("active", "excluded")))
                .order_by(Cluster.id)
            )
            if c.centroid is not None and (only is None or c.id in only)
        ]
        if not clusters:
            continue
        centroids = normalise(np.vstack([_centroid(c) for c in clusters]))  # type: ignore[misc]
        nearest, sims = assign_nearest(vectors[positions], centroids)
        for position, label, sim in zip(positions, nearest, sims, strict=True):
            mention = mentions[position]
            if sim < threshold:
                mention.cluster_id = None
                continue
            cluster = clusters[int(label)]
            mention.cluster_id = cluster.id
            mention.excluded = cluster.status == "excluded"
            joined += 1
    session.flush()
    return joined


def drift_warrants(session: Session, kind: str, state: dict[str, Any]) -> bool:
    """No clusters yet, too many unassigned mentions, or much growth since the last full run."""
    live = select(func.count(Mention.id)).where(Mention.kind == kind, Mention.excluded.is_(False))
    total = session.scalar(live) or 0
    if not total:
        return False
    unassigned = session.scalar(live.where(Mention.cluster_id.is_(None))) or 0
    last = int(state.get(kind, {}).get("mentions", 0))
    return last == 0 or unassigned / total > DRIFT_UNASSIGNED or total > DRIFT_GROWTH * last


def _edits(session: Session, action: str) -> list[ClusterEdit]:
    return list(
        session.scalars(
            select(ClusterEdit).where(ClusterEdit.action == action).order_by(ClusterEdit.id)
        )
    )


def _respect_splits(
    session: Session, groups: list[list[int]], previous: dict[int, int | None], vectors: Vectors
) -> list[list[int]]:
    """Re-split a new group that swallowed two or more children of a user split."""
    active = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.status == "active"))}
    families = [
        [cid for cid in edit.payload.get("children", []) if cid in active]
        for edit in _edits(session, "split")
    ]
    out: list[list[int]] = []
    for group in groups:
        parents = [previous.get(p) for p in group]
        pieces = None
        for family in families:
            shares = [sum(1 for p in parents if p == child) for child in family]
            present = [
                c for c, s in zip(family, shares, strict=True) if s >= max(2, 0.2 * len(group))
            ]
            if len(present) >= 2:
                centroids = normalise(np.vstack([_centroid(active[c]) for c in present]))  # type: ignore[misc]
                nearest, _ = assign_nearest(vectors[group], centroids)
                pieces = [
                    [p for p, n in zip(group, nearest, strict=True) if n == i]
                    for i in range(len(present))
                ]
                break
        out.extend(piece for piece in (pieces or [group]) if piece)
    return out


def with_category(vectors: Vectors, categories: Sequence[str | None]) -> Vectors:
    """Text vectors plus a weighted one-hot of the category, renormalised: a prior that pulls
    questions on one topic together ("What does it cost?", "What's list for us?") without
    walling off those the detector gave no topic. Texts without a category are unaffected."""
    names = sorted({c for c in categories if c})
    if not names:
        return vectors
    column = {name: j for j, name in enumerate(names)}
    onehot = np.zeros((len(categories), len(names)), dtype=np.float32)
    for i, category in enumerate(categories):
        if category:
            onehot[i, column[category]] = CATEGORY_WEIGHT
    return normalise(np.hstack([vectors, onehot]))


def cluster_by_category(
    vectors: Vectors,
    categories: Sequence[str | None],
    keys: Sequence[int],
    category_cohesion: float | None = None,
    previous_k: Mapping[str, int] | None = None,
    previous_clusters: Sequence[int | None] | None = None,
) -> list[list[int]]:
    """Row positions grouped into clusters; a cluster never mixes the detector's categories.

    Why per category: one concern said in different words ("locked into twelve months", "I
    don't sign anything long") shares few words, so text vectors alone split it (29 clusters
    for the examples' 10 concerns). Inside a category a split needs a much looser theme
    (``category_cohesion``) than across texts with no category (``COHESION_TARGET``), and a
    category's number of clusters last time (``previous_k``) holds near the target; with the
    same number, k-means starts from the rows' previous clusters (``previous_clusters``), so
    the boundary between two themes does not wander with a few new mentions.
    """
    within = CATEGORY_COHESION_TARGET if category_cohesion is None else category_cohesion
    by_category: dict[str | None, list[int]] = {}
    for position, category in enumerate(categories):
        by_category.setdefault(category or None, []).append(position)
    previous = list(previous_clusters or [None] * len(categories))
    home = home_categories(categories, previous)
    groups: list[list[int]] = []
    for category in sorted(by_category, key=lambda c: (c is not None, c or "")):
        rows = by_category[category]
        row_keys = [keys[p] for p in rows]
        if category is None:
            result = cluster_vectors(vectors[rows], keys=row_keys, cohesion_target=COHESION_TARGET)
        else:
            before = (previous_k or {}).get(category)
            result = _category_clusters(vectors[rows], row_keys, within, before)
            last = [previous[p] for p in rows]
            own = [c if c is not None and home.get(c) == category else None for c in last]
            seeds = _previous_centroids(vectors[rows], own, result.k)
            if seeds is not None:
                result = cluster_vectors(vectors[rows], keys=row_keys, seeds=seeds)
        groups.extend([rows[i] for i in group] for group in groups_of(result.labels, result.k))
    return groups


def home_categories(
    categories: Sequence[str | None], previous: Sequence[int | None]
) -> dict[int, str | None]:
    """Each previous cluster's most common category: rows a category-blind incremental
    assignment put into another category's cluster do not count as its members."""
    counts: dict[int, Counter[str | None]] = {}
    for category, cluster_id in zip(categories, previous, strict=False):
        if cluster_id is not None:
            counts.setdefault(cluster_id, Counter())[category or None] += 1
    return {cid: c.most_common(1)[0][0] for cid, c in counts.items()}


def _previous_centroids(vectors: Vectors, previous: Sequence[int | None], k: int) -> Vectors | None:
    """Centroids of the rows' previous clusters when there were exactly ``k`` of them, else
    None. A cluster counts from a tenth of the rows (and two): a few strays that joined a
    neighbouring cluster between full runs do not make a cluster of their own."""
    members: dict[int, list[int]] = {}
    for row, cluster_id in enumerate(previous):
        if cluster_id is not None:
            members.setdefault(cluster_id, []).append(row)
    least = max(2, len(previous) // 10)
    groups = [rows for _, rows in sorted(members.items()) if len(rows) >= least]
    if k < 2 or len(groups) != k:
        return None
    return normalise(np.vstack([vectors[rows].mean(axis=0) for rows in groups]))


def _category_clusters(
    vectors: Vectors, keys: Sequence[int], target: float, previous_k: int | None
) -> Clustering:
    """Auto k on ``target``, unless the last run's k still sits within ``CATEGORY_K_MARGIN``:
    its clusters are cohesive enough and one fewer would not clear the target by the margin."""
    result = cluster_vectors(vectors, keys=keys, cohesion_target=target)
    if previous_k is None or previous_k == result.k or previous_k > len(vectors) // 2:
        return result
    kept = cluster_vectors(vectors, keys=keys, k=previous_k)
    if kept.k != previous_k or kept.cohesion < target - CATEGORY_K_MARGIN:
        return result
    if previous_k > 1:
        coarser = cluster_vectors(vectors, keys=keys, k=previous_k - 1)
        if coarser.cohesion >= target + CATEGORY_K_MARGIN:
            return result
    return kept


def label_groups(
    workspace: Workspace,
    session: Session,
    texts: Sequence[Sequence[str]],
    centroids: Vectors,
    vectors: Sequence[Vectors],
    call_ids: Iterable[int],
) -> list[ClusterLabel]:
    """Built-in cluster names, or the LLM's where ``llm_labels`` is on (buyer names redacted)."""
    labeler = (
        cluster_labeler(workspace.settings, buyer_names(session, call_ids))
        if workspace.settings.llm_labels
        else None
    )
    try:
        return label_clusters(texts, centroids, vectors, labeler)
    finally:
        if labeler is not None:
            labeler.close()


def full_cluster(
    workspace: Workspace,
    session: Session,
    kind: str,
    previous_k: Mapping[str, int] | None = None,
) -> dict[str, Any]:
    """Re-cluster every mention of ``kind``, keep ids by overlap, replay user edits.
    ``k_by_category`` in the result is what ``previous_k`` should be next time."""
    rows = session.execute(
        select(Mention.id, Mention.text, Mention.cluster_id, Mention.category, Mention.call_id)
        .where(Mention.kind == kind, Mention.excluded.is_(False))
        .order_by(Mention.id)
    ).all()
    ids = [int(r[0]) for r in rows]
    texts = [str(r[1]) for r in rows]
    previous: dict[int, int | None] = {p: r[2] for p, r in enumerate(rows)}
    vectors = embed_cached(session, workspace.embedder, texts)
    categories = [r[3] for r in rows]
    if kind == "objection":
        last = [previous[p] for p in range(len(ids))]
        raw_groups = cluster_by_category(vectors, categories, ids, None, previous_k, last)
        k_by_category = Counter(str(categories[g[0]]) for g in raw_groups if categories[g[0]])
    else:  # a question's category is only a topic hint, set for some: a prior, not a wall
        result = cluster_vectors(with_category(vectors, categories), keys=ids)
        raw_groups = groups_of(result.labels, result.k)
        k_by_category = Counter()
    groups = _respect_splits(session, raw_groups, previous, vectors)
    old_clusters = {
        c.id: c
        for c in session.scalars(
            select(Cluster).where(Cluster.kind == kind, Cluster.status == "active")
        )
    }
    old_members: dict[int, set[int]] = {cid: set() for cid in old_clusters}
    for position, cluster_id in previous.items():
        if cluster_id in old_members:
            old_members[cluster_id].add(ids[position])
    matched = match_clusters(old_members, [{ids[p] for p in g} for g in groups])
    _keep_merges(session, groups, matched, previous)
    kept = [(i, g) for i, g in enumerate(groups) if g]
    if not kept:
        return {"clusters": 0, "created": 0, "retired": 0, "mentions": 0, "k_by_category": {}}
    centroids = normalise(np.vstack([vectors[g].sum(axis=0) for _, g in kept]))
    labels = label_groups(
        workspace,
        session,
        [[texts[p] for p in g] for _, g in kept],
        centroids,
        [vectors[g] for _, g in kept],
        {int(r[4]) for r in rows},
    )
    created = 0
    changes: list[dict[str, int]] = []
    kept_ids: set[int] = set()
    for (i, group), centroid, label in zip(kept, centroids, labels, strict=True):
        cluster = old_clusters.get(matched[i]) if i in matched else None
        if cluster is None:
            cluster = Cluster(kind=kind, name=label.name, status="active")
            session.add(cluster)
            created += 1
        cluster.auto_name = label.name
        if not cluster.name_locked:
            cluster.name = label.name
        cluster.keywords = label.keywords
        cluster.centroid = centroid.astype(np.float32).tobytes()
        session.flush()
        kept_ids.add(cluster.id)
        changes.extend(
            {"id": ids[p], "cluster_id": cluster.id} for p in group if previous[p] != cluster.id
        )
    if changes:
        session.execute(update(Mention), changes)
    retired = 0
    for cid, cluster in old_clusters.items():
        if cid not in kept_ids:
            cluster.status = "retired"
            retired += 1
    session.flush()
    return {
        "clusters": len(kept),
        "created": created,
        "retired": retired,
        "mentions": len(ids),
        "k_by_category": dict(sorted(k_by_category.items())),
    }


def _keep_merges(
    session: Session,
    groups: list[list[int]],
    matched: dict[int, int],
    previous: dict[int, int | None],
) -> None:
    """Merged stays merged: an unmatched group mostly from a merge target folds into it."""
    targets = {int(e.cluster_id) for e in _edits(session, "merge") if e.cluster_id is not None}
    group_of = {cluster_id: i for i, cluster_id in matched.items()}
    for i, group in enumerate(groups):
        if i in matched:
            continue
        parents = Counter(previous[p] for p in group if previous[p] is not None)
        if not parents:
            continue
        top, count = min(parents.items(), key=lambda item: (-item[1], item[0] or 0))
        if top in targets and top in group_of and 2 * count >= sum(parents.values()):
            groups[group_of[top]].extend(group)
            groups[i] = []


def run_clustering(
    workspace: Workspace,
    *,
    rebuild: bool = True,
    kinds: Sequence[str] = CLUSTERED_KINDS,
    progress: ProgressCallback | None = None,
) -> dict[str, Any]:
    """Full re-cluster (``rebuild``) or only where drift warrants, per kind; returns counts."""
    folder = workspace.settings.data_dir
    summary: dict[str, Any] = {}
    with workspace.session() as session:
        state = _load_state(folder)
        for step, kind in enumerate(kinds):
            _progress(progress, step / len(kinds), f"clustering {kind}s")
            if rebuild or drift_warrants(session, kind, state):
                counts = full_cluster(workspace, session, kind, state.get(kind, {}).get("k"))
                state[kind] = {"mentions": counts["mentions"], "k": counts["k_by_category"]}
                summary[kind] = {**counts, "full": True}
            else:
                summary[kind] = {"full": False}
        _save_state(folder, state)
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
        state = _load_state(workspace.settings.data_dir)
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
