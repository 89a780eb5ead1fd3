"""Question themes at the grain of an FAQ entry.

The automatic k is measured for themes of many mentions: a theme needs 5-10 sampled rows before
its silhouette counts, so 17 questions on 15 subjects gave 2 themes, and one of them held
hosting, Spanish, e-sign, SOC 2 and API questions under the name of one. A buyer's question is
answered one subject at a time, so after the tree's cut a question theme is refined:

* split by topic: questions whose words name different topics (the objection categories' cue
  words: price, contract, security, integrations...) are different entries;
* kept cohesive: a question stays only while it is as close to the rest of its theme as a new
  question must be to join a theme (``ASSIGN_THRESHOLD``, the incremental bar);
* a question that left, or is alone in its piece, joins the closest theme of the topic its own
  words name, whatever the distance ("Is it per location?" is a pricing question: one FAQ
  entry; the demo had seven price themes of one question); any other (a topic only the
  detector's category gave, or none) joins a theme it is that close to, else starts its own.
  None is dropped: a question like no other is a theme of one.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipeline.cluster.algorithms import ASSIGN_THRESHOLD
from pipeline.embed import Vectors


def split_by_topic(group: Sequence[int], topics: Sequence[str | None]) -> list[list[int]]:
    """The group's rows per topic (rows with none together), in order of first row."""
    pieces: dict[str | None, list[int]] = {}
    for row in group:
        pieces.setdefault(topics[row], []).append(row)
    return list(pieces.values())


def _closeness(vectors: Vectors, rows: Sequence[int], total: np.ndarray) -> np.ndarray:
    """Each row's cosine with the normalised sum of the group's other rows."""
    own = vectors[list(rows)].astype(np.float64)
    dots = own @ total - np.einsum("ij,ij->i", own, own)
    rest = np.sqrt(np.maximum(total @ total - 2.0 * (own @ total) + 1.0, 1e-12))
    out: np.ndarray = dots / rest
    return out


def cohesive_core(
    vectors: Vectors, group: Sequence[int], bar: float = ASSIGN_THRESHOLD
) -> tuple[list[int], list[int]]:
    """The group less the rows farthest from the rest, one at a time, until every row left is
    within ``bar`` of the others: (core, the rows that left)."""
    core = list(group)
    left: list[int] = []
    total = vectors[core].astype(np.float64).sum(axis=0)
    while len(core) > 1:
        close = _closeness(vectors, core, total)
        worst = int(np.argmin(close))
        if close[worst] >= bar:
            break
        row = core.pop(worst)
        total -= vectors[row]
        left.append(row)
    return core, left


def refine_question_groups(
    vectors: Vectors,
    topics: Sequence[str | None],
    groups: Sequence[Sequence[int]],
    bar: float = ASSIGN_THRESHOLD,
    worded: Sequence[bool] | None = None,
) -> list[list[int]]:
    """Question groups (rows of unit ``vectors``) split by topic and made cohesive; every row
    ends in exactly one group. ``worded[row]``: its topic is named by its own words (default:
    every topic is)."""
    said = [topic is not None for topic in topics] if worded is None else list(worded)
    themes: list[list[int]] = []
    strays: list[int] = []
    for group in groups:
        pieces = split_by_topic(group, topics)
        for piece in pieces:
            if len(pieces) > 1 and topics[piece[0]] is None:
                strays.extend(piece)  # beside topics: each joins the one it is close to
                continue
            core, left = cohesive_core(vectors, piece, bar)
            if len(core) == 1 and said[core[0]]:
                strays.extend(core)  # alone: it joins its topic's theme, if there is one
            else:
                themes.append(core)
            strays.extend(left)
    sums = [vectors[theme].astype(np.float64).sum(axis=0) for theme in themes]
    held = [{topics[r] for r in theme} - {None} for theme in themes]
    for row in sorted(strays):
        topic = topics[row]
        same = [i for i in range(len(themes)) if said[row] and held[i] == {topic}]
        fits = same or [i for i in range(len(themes)) if topic is None or held[i] <= {topic}]
        if fits:
            centres = np.vstack([sums[i] for i in fits])
            close = (centres @ vectors[row]) / np.maximum(np.linalg.norm(centres, axis=1), 1e-12)
            best = int(np.argmax(close))
        if fits and (same or close[best] >= bar):
            home = fits[best]
            themes[home].append(row)
            sums[home] = sums[home] + vectors[row]
            held[home] |= {topic} - {None}
        else:
            themes.append([row])
            sums.append(vectors[row].astype(np.float64))
            held.append({topic} - {None})
    return [sorted(theme) for theme in themes if theme]
