"""Pains grouped by the problem they describe, not by the words a workspace shares.

A buyer tells one problem over a few sentences of one turn ("The cars." "LessonLoop books
instructors but not vehicles..." "I end up juggling the car schedule on a whiteboard..."). Alone,
a short one says nothing of the problem, and every pain of one trade shares its nouns (cars,
lessons, pupils), so sentence vectors grouped 26 pains of eight problems into three mixed themes.
Each pain is therefore clustered with its turn's other pains beside it, and a theme of pains
needs a problem's few tellings (turns), not the intent benchmarks' 5-10 rows.
"""

from __future__ import annotations

from collections.abc import Hashable, Sequence

import numpy as np

from pipeline.cluster.criteria import min_theme_for
from pipeline.embed import Vectors, normalise

# Weight of the mean of a pain's turn-mates next to its own (unit) vector. Against a hand
# grouping of five labelled sets' pains (review 25a, hirespark, lettingloop, brewbase,
# nurserynest), 0.5 lifted pairwise F1 from 0.33 to 0.49 (NMI 0.34 to 0.51); 0.3-0.7 gave the
# same themes at a fixed k (0.55-0.59 F1); at 1.0 turn-mates outweigh the sentence itself.
TURN_WEIGHT = 0.5
# Turns a theme of pains needs before its silhouette counts: 2, or a twentieth of a larger sample
# (up to the intent floor of 10 from 200 pains). Counted in turns, not pains: beside its turn-mates
# one turn's pains are always a tight group, so a floor in pains rewarded cutting a problem told
# by four buyers into its turns. On 11 labelled sets' pains grouped by problem by reading
# (``bench/pain_themes.py``), the intent floor made 37 themes of 67 problems told twice or more
# (pairwise F1 0.444); this one makes 62 (0.551), and leave-one-set-out chose it on every fold.
PROBLEM_THEME_SMALL = 2
PROBLEM_SHARE = 20
# Fewer pains than this keep the intent floor, so they stay one theme as before: the benchmark's
# workspaces start at 15 pains, and on a handful the silhouette of a pair or two is noise.
PROBLEM_SPLIT_FROM = 10


def problem_theme_for(rows: int) -> int:
    """Turns a theme needs before its silhouette counts, for a sample of ``rows`` pains."""
    if rows < PROBLEM_SPLIT_FROM:
        return min_theme_for(rows)
    return min_theme_for(rows, smallest=PROBLEM_THEME_SMALL, share=PROBLEM_SHARE)


def with_turn_context(vectors: Vectors, turns: Sequence[Hashable]) -> Vectors:
    """Each row plus ``TURN_WEIGHT`` times the mean of the other rows of its turn (``turns``:
    each row's utterance), renormalised; a row alone in its turn is unchanged."""
    members: dict[Hashable, list[int]] = {}
    for row, turn in enumerate(turns):
        members.setdefault(turn, []).append(row)
    out = np.array(vectors, dtype=np.float32, copy=True)
    for rows in members.values():
        if len(rows) < 2:
            continue
        own = vectors[rows].astype(np.float32)
        others = (own.sum(axis=0, keepdims=True) - own) / (len(rows) - 1)
        out[rows] = own + TURN_WEIGHT * others
    return normalise(out)
