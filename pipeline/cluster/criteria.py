"""How many themes: two scale-free scores of a dendrogram's cuts, and the rule that combines them.

Measured on Banking77, HWU64 and SNIPS (different sizes and granularities) and 46 sub-samples of
them; the figures are in the README and ``bench/cluster_quality.py --all``:

* a **size-aware cosine silhouette**: the exact mean silhouette, where rows of clusters smaller
  than ``min_theme`` score 0. The plain silhouette keeps rising with k, because a pair of
  near-duplicate sentences scores about 1; with the floor, splitting into fragments earns nothing.
* the **modularity** of the cut on the sample's ``NEIGHBOURS``-nearest-neighbour graph.

Neither uses a similarity level, so neither depends on how tight a corpus is (an absolute cosine
target put Banking77 at 84 clusters and SNIPS at 1,142). Their biases run in opposite directions:
modularity has a resolution limit and merges fine themes (0.4-0.6x the labels on Banking77 and
HWU64); the silhouette compares global averages and merges themes that are distinct locally but
close on average (SNIPS' AddToPlaylist and PlayMusic). ``k = max(k_silhouette, k_modularity)``
keeps every theme either one separates.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipeline.embed import Vectors, label_sums

Labels = npt.NDArray[np.int64]
FloatArray = npt.NDArray[np.float64]
ThemeFloor = Callable[[int], int]  # rows of a sample -> rows a theme needs (``min_theme_for``)

NEIGHBOURS = 10  # k of the nearest-neighbour graph modularity is measured on
GRID_POINTS = 60  # candidate k on a geometric grid from 2, about 10 % apart
GRID_TOP = 800
# A theme needs ``min_theme`` rows of the sample before its silhouette counts: 10, the value
# leave-one-dataset-out chose in 49 of 52 folds (5 splits Banking77 into near-duplicate
# fragments), or a sixth of a smaller sample but at least 5 (fewer than 10 texts are one theme),
# so that 18 texts on three topics still make three themes. A floor falling with the sample
# from 4,000 rows on (sqrt(n)/6, down to 3) finds more of the labels of 500-1,000-row benchmark
# samples, but splits a sales corpus' small categories into fragments of 3-5 mentions (the
# README has the figures), so it is not used.
MIN_THEME = 10
MIN_THEME_SMALL = 5
SMALL_SHARE = 6
# Ties go to the last run's k: a cut scoring within this share of the best counts as the best.
K_HOLD = 0.02


def min_theme_for(rows: int, *, smallest: int = MIN_THEME_SMALL, share: int = SMALL_SHARE) -> int:
    """Rows a cluster needs before its silhouette counts, for a sample of ``rows`` rows: a
    ``share``-th of them, at least ``smallest`` and at most ``MIN_THEME``."""
    return min(MIN_THEME, max(smallest, rows // share))


def k_grid(rows: int, min_theme: int, extra: Sequence[int] = ()) -> list[int]:
    """Candidate k: geometric from 2, at most ``rows // min_theme`` (more clusters than that
    cannot all hold ``min_theme`` rows), plus ``extra`` values inside that range."""
    top = max(2, min(rows // 2, GRID_TOP))
    cap = rows // max(min_theme, 1)
    grid = {int(k) for k in np.round(np.geomspace(2, top, GRID_POINTS))} | set(extra)
    return sorted(k for k in grid if 2 <= k <= cap and k < rows)


def silhouette_rows(vectors: Vectors, labels: Labels) -> tuple[FloatArray, Labels]:
    """Exact cosine-distance silhouette of every row, and the size of its cluster.

    For unit vectors the mean distance from a row to a cluster is ``1 - x . sum / size``, so the
    whole silhouette costs one (n x k) product with the cluster sums instead of n^2 distances.
    """
    n = len(vectors)
    k = int(labels.max()) + 1
    sums = label_sums(vectors, labels, k)
    sizes = np.bincount(labels, minlength=k).astype(np.float64)
    sims = vectors.astype(np.float64) @ sums.T
    rows = np.arange(n)
    own = sizes[labels]
    inside = np.where(own > 1, 1.0 - (sims[rows, labels] - 1.0) / np.maximum(own - 1, 1), 0.0)
    sims /= np.maximum(sizes, 1.0)[None, :]
    sims[rows, labels] = -np.inf
    nearest = 1.0 - sims.max(axis=1) if k > 1 else np.zeros(n)
    score = np.where(
        own > 1, (nearest - inside) / np.maximum(np.maximum(inside, nearest), 1e-12), 0.0
    )
    return score, own.astype(np.int64)


def groups_per_cluster(labels: Labels, groups: Labels) -> Labels:
    """How many distinct ``groups`` (e.g. turns) the rows of each cluster ``0..k-1`` come from."""
    pairs = np.unique(np.stack([labels, groups], axis=1), axis=0)
    return np.bincount(pairs[:, 0], minlength=int(labels.max()) + 1).astype(np.int64)


def size_aware_silhouette(
    vectors: Vectors, labels: Labels, min_theme: int, groups: Labels | None = None
) -> float:
    """Mean silhouette where rows of clusters under ``min_theme`` rows count 0; with ``groups``
    (each row's turn), under ``min_theme`` groups: one turn's rows are one telling."""
    score, size = silhouette_rows(vectors, labels)
    if groups is not None:
        size = groups_per_cluster(labels, groups)[labels]
    return float(np.where(size >= min_theme, score, 0.0).mean())


@dataclass(frozen=True)
class NeighbourGraph:
    """Undirected, unweighted union k-nearest-neighbour graph (cosine) as an edge list."""

    heads: Labels
    tails: Labels
    degree: FloatArray

    @classmethod
    def build(cls, vectors: Vectors, neighbours: int = NEIGHBOURS) -> NeighbourGraph:
        n = len(vectors)
        near_count = max(1, min(neighbours, n - 1))
        heads, tails = [], []
        for start in range(0, n, 1024):
            sims = vectors[start : start + 1024] @ vectors.T
            rows = np.arange(sims.shape[0])
            sims[rows, rows + start] = -np.inf
            near = np.argpartition(-sims, near_count - 1, axis=1)[:, :near_count]
            heads.append(np.repeat(rows + start, near_count))
            tails.append(near.ravel())
        a, b = np.concatenate(heads), np.concatenate(tails)
        low, high = np.minimum(a, b).astype(np.int64), np.maximum(a, b).astype(np.int64)
        edges = np.unique(low * n + high)
        head, tail = edges // n, edges % n
        degree = np.bincount(np.concatenate([head, tail]), minlength=n).astype(np.float64)
        return cls(head, tail, degree)

    def modularity(self, labels: Labels) -> float:
        """Newman's modularity of a partition of the graph's nodes."""
        twice_edges = 2.0 * len(self.heads)
        if not twice_edges:
            return 0.0
        inside = 2.0 * np.count_nonzero(labels[self.heads] == labels[self.tails])
        volume = np.bincount(labels, weights=self.degree)
        return float(inside / twice_edges - np.sum((volume / twice_edges) ** 2))


def best_k(grid: Sequence[int], scores: Sequence[float], previous_k: int | None = None) -> int:
    """The grid k with the highest score; the last run's k when it scores within ``K_HOLD``."""
    best = int(np.argmax(scores))
    if previous_k is not None and previous_k in grid:
        held = scores[list(grid).index(previous_k)]
        if held >= scores[best] - K_HOLD * abs(scores[best]):
            return previous_k
    return int(grid[best])
