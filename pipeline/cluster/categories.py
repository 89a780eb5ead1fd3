"""Clustering inside the detector's categories: an objection cluster never mixes categories, and
a category keeps its number of clusters (and its k-means seeds) from the last full run."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence

import numpy as np

from pipeline.cluster.algorithms import (
    COHESION_TARGET,
    Clustering,
    cluster_vectors,
    groups_of,
)
from pipeline.embed import Vectors, normalise

# Weight of a question's topic next to its (unit) text vector when clustering questions.
CATEGORY_WEIGHT = 1.0
# Auto k inside one detector category: the fewest clusters whose members are, on average, this
# similar to each other (texts with no category use cluster.COHESION_TARGET).
CATEGORY_COHESION_TARGET = 0.18
# A category keeps its number of clusters from the last full run until its cohesion moves this
# far past the target: the examples' competitor category sat 0.0001 from it, so two mentions
# more or less flipped its Staffly / RotaPro split run to run.
CATEGORY_K_MARGIN = 0.01


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
