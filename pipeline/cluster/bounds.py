"""How far from its centre a theme reaches: the bar a new mention must clear to join it, taken
from the theme's own spread when the theme is (re)built and kept with it (``Cluster.join_bound``),
so that assigning a mention reads no members.

Why: one fixed cosine (``ASSIGN_THRESHOLD``) is loose for a tight theme and strict for a loose
one. Dog groomers' "We had four no-shows last week" cleared 0.35 to "How long payroll takes",
whose own quotes sit far closer to each other than that. The fixed value stays the floor.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

from pipeline.cluster.algorithms import ASSIGN_THRESHOLD
from pipeline.embed import Vectors, normalise

FloatArray = npt.NDArray[np.float64]

# The share (in %) of a theme's own members that would not clear its bar: each member counted
# as if it were new (against the centre of the others). Chosen on Banking77 held-out paraphrases
# (``bench/incremental.py``): at 5, 97 % of the paraphrases that joined their own theme before
# still do, and a third of the mentions of a topic no theme holds wait instead of joining a
# wrong one (at 10: 94 % and a half; at 25, a previous try, a quarter of paraphrases waited).
JOIN_PERCENTILE = 5.0
# The same share read off a normal curve (mean less this many standard deviations): a theme of
# six members has no 5th percentile below its weakest member, and "The price is far too expensive
# for a team our size" (0.565) had waited outside a price theme whose weakest sat at 0.574.
JOIN_DEVIATIONS = 1.645


def held_out_similarities(vectors: Vectors) -> FloatArray:
    """Each row's cosine to the centre of the other rows (unit rows): where it would sit as a
    new mention. A member counted in its own centre looks closer than any newcomer can be, most
    of all in a small theme (two rows each sit at 0.8 to a centre they make with a 0.3 cosine)."""
    rows = normalise(vectors).astype(np.float64)
    total = rows.sum(axis=0)
    towards = rows @ total  # each row's dot with the sum, itself included (1.0)
    rest = np.sqrt(np.maximum(float(total @ total) - 2.0 * towards + 1.0, 1e-12))
    out: FloatArray = (towards - 1.0) / rest
    return out


def join_bound(vectors: Vectors) -> float | None:
    """The theme's own bar: ``JOIN_PERCENTILE`` of its members' held-out similarities, counted
    and as a normal curve gives it, the lower of the two (a few members tell little of how far
    the theme reaches). None for a theme of one row (no spread to read: the floor applies)."""
    if len(vectors) < 2:
        return None
    similarities = held_out_similarities(vectors)
    counted = float(np.percentile(similarities, JOIN_PERCENTILE))
    spread = float(similarities.std(ddof=1)) if len(similarities) > 2 else 0.0
    return min(counted, float(similarities.mean()) - JOIN_DEVIATIONS * spread)


def join_bounds(vectors: Vectors, groups: Sequence[Sequence[int]]) -> list[float | None]:
    """``join_bound`` of each group of row positions."""
    return [join_bound(vectors[list(group)]) for group in groups]


def merged_bound(bounds: Sequence[float | None]) -> float | None:
    """The bar of themes a user merged: the loosest of theirs, so a mention that fitted one of
    them fits the merged theme (None, the floor, when one has none)."""
    if not bounds or any(bound is None for bound in bounds):
        return None
    return min(bound for bound in bounds if bound is not None)


def join_bars(
    bounds: Sequence[float | None], floor: float = ASSIGN_THRESHOLD
) -> npt.NDArray[np.float32]:
    """The cosine a mention needs to join each theme: its own bound, never below ``floor``."""
    return np.asarray([floor if b is None else max(floor, b) for b in bounds], dtype=np.float32)


def close_to_each_other(vectors: Vectors, floor: float = ASSIGN_THRESHOLD) -> npt.NDArray[np.bool_]:
    """Which rows of a candidate theme would join the others' centre (held out, at ``floor``):
    those that do not stay waiting. A group of one fits nothing."""
    if len(vectors) < 2:
        return np.zeros(len(vectors), dtype=np.bool_)
    fits: npt.NDArray[np.bool_] = held_out_similarities(vectors) >= floor
    return fits
