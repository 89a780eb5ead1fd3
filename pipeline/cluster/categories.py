"""Clustering inside the detector's categories: a cluster of a walled kind (objections, pains)
never mixes categories; each category keeps its tree (for another grain), its automatic k from
the last full run (a near tie holds it) and, at the same k, its k-means seeds."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from pipeline.blas import one_blas_thread
from pipeline.cluster.algorithms import build_tree, cluster_at, groups_of, tree_positions
from pipeline.cluster.criteria import ThemeFloor, min_theme_for
from pipeline.cluster.problems import problem_theme_for
from pipeline.cluster.tree import ThemeTree
from pipeline.embed import Vectors, normalise
from pipeline.store.themes import category_key

# Kinds whose category is only a topic hint, set for some mentions: a prior, not a wall. The
# clusters of every other kind (objections, pains) never mix the detector's categories.
TOPIC_PRIOR_KINDS = frozenset({"question"})
# Kinds the detector gives no category (pains): no wall, and a grain like a topic prior's, cut
# straight from their tree, so "fewer themes" can join two problems.
UNCATEGORISED_KINDS = frozenset({"pain"})
# Weight of a question's topic next to its (unit) text vector when clustering questions.
CATEGORY_WEIGHT = 1.0


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


def walled_kind(kind: str) -> bool:
    """Whether the detector's categories are walls between ``kind``'s themes (objections)."""
    return kind not in TOPIC_PRIOR_KINDS | UNCATEGORISED_KINDS


def theme_floor(kind: str) -> ThemeFloor:
    """The size a theme of ``kind`` needs before its silhouette counts: a problem's few turns for
    pains (``problems``), the intent benchmarks' rows for the other kinds."""
    return problem_theme_for if kind in UNCATEGORISED_KINDS else min_theme_for


def automatic_scale(kind: str) -> float:
    """The grain a kind starts at. A walled kind's categories are its themes (the labelled
    example calls gather each objection category in one cluster: splitting them by their own
    scores scattered a category over five), so it starts at one theme per category and its
    finer grains split categories by their trees. Other kinds start at their trees' k."""
    return 0.0 if walled_kind(kind) else 1.0


def stored_scale(kind: str, last: Mapping[str, object]) -> float:
    """The kind's grain from its cluster state (``last``), automatic when none is kept. A scale
    of 0 on a kind without walls is automatic kept when pains were walled: it would be one theme."""
    automatic = automatic_scale(kind)
    scale = float(str(last.get("scale", automatic)))
    return automatic if scale <= 0 and not walled_kind(kind) else scale


def category_k(tree: ThemeTree, key: str, scale: float, *, walled: bool) -> int:
    """A category's number of themes at ``scale``; rows a walled kind has no category for are
    not one theme, so they never go below their tree's own k."""
    return tree.k_at(max(scale, 1.0) if walled and not key else scale)


@dataclass
class CategoryClusters:
    """Row positions grouped into clusters, and the tree of each category (by ``category_key``)."""

    groups: list[list[int]] = field(default_factory=list)
    trees: dict[str, ThemeTree] = field(default_factory=dict)

    @property
    def automatic_k(self) -> dict[str, int]:
        """Each category's automatic number of clusters (what ``previous_k`` is next time)."""
        return {key: tree.k for key, tree in sorted(self.trees.items())}


def cluster_by_category(
    vectors: Vectors,
    categories: Sequence[str | None],
    keys: Sequence[int],
    *,
    previous_k: Mapping[str, int] | None = None,
    previous_clusters: Sequence[int | None] | None = None,
    trees: Mapping[str, ThemeTree] | None = None,
    scale: float = 1.0,
    walled: bool = True,
    floor: ThemeFloor = min_theme_for,
    turns: Sequence[int] | None = None,
) -> CategoryClusters:
    """Cluster each category on its own, at ``scale`` times its tree's k (``category_k``).

    Why per category: one concern said in different words ("locked into twelve months", "I
    don't sign anything long") shares few words, so text vectors alone split it, and two
    concerns with similar words ("too expensive", "takes too long") would share a cluster.
    ``trees`` (from the last run) are cut again when they still fit the rows: another grain
    without rebuilding them. Otherwise each category's tree is built, and its last automatic k
    (``previous_k``) holds near a tie. With as many clusters as the category's rows had before
    (``previous_clusters``), k-means starts from those clusters, so the boundary between two
    themes does not wander with a few new mentions. ``floor``: the kind's ``theme_floor``,
    counted in distinct ``turns`` (each row's utterance) when given.
    """
    by_category: dict[str, list[int]] = {}
    for position, category in enumerate(categories):
        by_category.setdefault(category_key(category), []).append(position)
    previous = list(previous_clusters or [None] * len(categories))
    home = home_categories(categories, previous)
    out = CategoryClusters()
    with one_blas_thread():  # thousands of small products: see pipeline.blas
        for key in sorted(by_category):
            rows = by_category[key]
            row_keys = [int(keys[p]) for p in rows]
            # One category of every row (a topic prior's space) is the array itself, not a copy.
            row_vectors = vectors if len(rows) == len(vectors) else vectors[rows]
            tree = (trees or {}).get(key)
            if tree is None or tree_positions(tree, row_keys) is None:
                held = (previous_k or {}).get(key)
                groups = None if turns is None else [int(turns[p]) for p in rows]
                tree = build_tree(
                    row_vectors, row_keys, previous_k=held, floor=floor, groups=groups
                )
            k = category_k(tree, key, scale, walled=walled)
            own = [c if c is not None and home.get(c) == (key or None) else None for c in previous]
            seeds = previous_centroids(row_vectors, [own[p] for p in rows], k)
            result = cluster_at(row_vectors, row_keys, tree, k, seeds=seeds)
            out.trees[key] = tree
            out.groups.extend(
                [rows[i] for i in group] for group in groups_of(result.labels, result.k)
            )
    return out


def home_categories(
    categories: Sequence[str | None], previous: Sequence[int | None]
) -> dict[int, str | None]:
    """Each previous cluster's most common category: rows put into another category's cluster
    (by a user's correction, or by an older category-blind assignment) do not count as its
    members."""
    counts: dict[int, Counter[str | None]] = {}
    for category, cluster_id in zip(categories, previous, strict=False):
        if cluster_id is not None:
            counts.setdefault(cluster_id, Counter())[category or None] += 1
    return {cid: c.most_common(1)[0][0] for cid, c in counts.items()}


def previous_centroids(vectors: Vectors, previous: Sequence[int | None], k: int) -> Vectors | None:
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
