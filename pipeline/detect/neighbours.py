"""Answers that teach their near neighbours: an unanswered sentence worded almost as an answered
one leans to the answer's kind (and category).

Why: a re-fit on a few answers moves the model along what they share, not to each answer's own
kind, and the sentences that say the same thing in other words kept their old kind. The bar is
measured on labelled data, not chosen: the lowest cosine at which a labelled sentence and its
nearest labelled sentence from another call had the same kind ``AGREEMENT`` of the time (over
every pair that close or closer). Above it the kind probabilities become that agreement on the
answer's kind plus the rest on the model's, so a near neighbour follows the answer; below it, or
with no answers, nothing changes.

A category answer reaches further than the model: an objection worded almost as an answered one
(``category_bar``: where labelled objections and their nearest from another call share a category
as often, and never below the kind's bar) takes the answer's category over the rules' reading,
which the pull alone could not move ("We'd need route optimisation before we move" had kept set-up
time after the user called its twin a missing feature).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

import numpy as np
import numpy.typing as npt

from pipeline.detect.classify import KINDS, Detection
from pipeline.detect.features import Matrix
from pipeline.detect.labels import LabelledSentence, builtin_labelled
from pipeline.detect.model import OBJECTION, Pull
from pipeline.detect.train import shipped_vectors
from pipeline.embed import Embedder

AGREEMENT = 0.9  # a neighbour decides only where neighbours that close agree 9 times in 10
MIN_PAIRS = 20  # fewer pairs above a similarity say nothing about it
NO_BAR = 1.01  # no cosine reaches it: no neighbour pulls
CHUNK = 1024  # rows per block of the similarity matrix (memory stays bounded)
# Fewer words take their topic from what was said around them ("Because they won't."): the same
# words are labelled price on one call and adoption on another, so no answer reaches them.
MIN_WORDS = 5

Floats = npt.NDArray[np.float64]


def nearest_elsewhere(
    vectors: Matrix, groups: Sequence[str]
) -> tuple[Floats, npt.NDArray[np.int64]]:
    """Each row's best cosine to a row of another group (call file), and which row it is."""
    _, names = np.unique(np.asarray(groups), return_inverse=True)  # ints compare faster
    rows = vectors.astype(np.float32)
    columns = rows.T
    best = np.full(len(vectors), -np.inf)
    which = np.zeros(len(vectors), dtype=np.int64)
    for start in range(0, len(vectors), CHUNK):
        block = rows[start : start + CHUNK] @ columns
        block[names[start : start + CHUNK, None] == names[None, :]] = -np.inf
        which[start : start + CHUNK] = block.argmax(axis=1)
        best[start : start + CHUNK] = block.max(axis=1)
    return best, which


def agreement_bar(
    vectors: Matrix,
    kinds: Sequence[int] | npt.NDArray[np.int64],
    groups: Sequence[str],
    target: float = AGREEMENT,
) -> float:
    """The lowest cosine at which labelled sentences and their nearest labelled sentence from
    another call share a kind ``target`` of the time, over every pair that close or closer
    (at least ``MIN_PAIRS``); ``NO_BAR`` when no cosine does."""
    if len(set(groups)) < 2:
        return NO_BAR
    return _bar(*nearest_elsewhere(vectors, groups), kinds, target)


def _bar(
    best: Floats,
    which: npt.NDArray[np.int64],
    kinds: Sequence[int] | npt.NDArray[np.int64],
    target: float,
) -> float:
    labels = np.asarray(kinds)
    order = np.argsort(-best, kind="stable")
    agree = (labels[order] == labels[which[order]]).astype(float)
    rate = np.cumsum(agree) / np.arange(1, len(agree) + 1)
    reached = np.flatnonzero((rate >= target) & (np.arange(1, len(agree) + 1) >= MIN_PAIRS))
    return float(best[order[reached[-1]]]) if len(reached) else NO_BAR


def typical_nearest(vectors: Matrix, groups: Sequence[str]) -> float:
    """The median cosine of a labelled sentence to its nearest labelled sentence from another
    call: how near sentences that say unrelated things typically are (``answer_reach.py``)."""
    if len(set(groups)) < 2:
        return NO_BAR
    best, _ = nearest_elsewhere(vectors, groups)
    return float(np.median(best))


def bar_and_far(
    vectors: Matrix, kinds: Sequence[int] | npt.NDArray[np.int64], groups: Sequence[str]
) -> tuple[float, float]:
    """``agreement_bar`` and ``typical_nearest`` (never above the bar) from one pass over the
    pairs: each pass is a similarity matrix of every labelled sentence against every other."""
    if len(set(groups)) < 2:
        return NO_BAR, NO_BAR
    best, which = nearest_elsewhere(vectors, groups)
    bar = _bar(best, which, kinds, AGREEMENT)
    return bar, min(bar, float(np.median(best)))


_BARS: dict[tuple[str, str], float] = {}  # per embedder and label: the shipped rows are fixed


def builtin_bar(embedder: Embedder) -> float:
    """``agreement_bar`` over the labelled sentences that ship (measured once per embedder;
    their vectors are read from the shipped features where made with this embedder)."""
    if (embedder.name, "kind") not in _BARS:
        labelled = builtin_labelled()
        kinds = [KINDS.index(e.label) for e in labelled]
        bar = agreement_bar(_vectors(embedder, labelled), kinds, [e.group for e in labelled])
        _BARS[embedder.name, "kind"] = bar
    return _BARS[embedder.name, "kind"]


def builtin_far(embedder: Embedder) -> float:
    """``typical_nearest`` over the labelled sentences that ship, never above ``builtin_bar``:
    how near an answer's unrelated sentences typically are (``answer_reach.py``)."""
    if (embedder.name, "far") not in _BARS:
        labelled = builtin_labelled()
        kinds = [KINDS.index(e.label) for e in labelled]
        vectors, groups = _vectors(embedder, labelled), [e.group for e in labelled]
        _BARS[embedder.name, "kind"], _BARS[embedder.name, "far"] = bar_and_far(
            vectors, kinds, groups
        )
    return _BARS[embedder.name, "far"]


def builtin_category_bar(embedder: Embedder) -> float:
    """``agreement_bar`` over the categories of the shipped labelled objections that say enough
    alone (``MIN_WORDS``, their words labelled once), never below ``builtin_bar``."""
    if (embedder.name, "category") not in _BARS:
        labelled = builtin_labelled()
        said = Counter(e.sentence.text for e in labelled)
        rows = [
            e
            for e in labelled
            if e.label == OBJECTION and e.category and said[e.sentence.text] == 1
        ]
        rows = [e for e in rows if says_enough(e.sentence.text)]
        names = sorted({e.category for e in rows})
        categories = [names.index(e.category) for e in rows]
        bar = agreement_bar(_vectors(embedder, rows), categories, [e.group for e in rows])
        _BARS[embedder.name, "category"] = max(bar, builtin_bar(embedder))
    return _BARS[embedder.name, "category"]


def says_enough(text: str) -> bool:
    """Whether a sentence has words enough to carry its own topic (``MIN_WORDS``)."""
    return len(text.split()) >= MIN_WORDS


def _vectors(embedder: Embedder, labelled: Sequence[LabelledSentence]) -> Matrix:
    known = shipped_vectors(embedder) or {}
    missing = sorted({e.sentence.text for e in labelled} - known.keys())
    if missing:
        known = {**known, **dict(zip(missing, embedder.encode(missing), strict=True))}
    return np.vstack([known[e.sentence.text] for e in labelled]).astype(np.float32)


@dataclass(frozen=True)
class Answered:
    """The sentences a user answered: their vectors, kinds (``KINDS`` index) and categories."""

    vectors: Matrix
    kinds: tuple[int, ...]
    categories: tuple[str, ...]
    bar: float
    # Per answer, whether its category reaches its near twins (an objection saying enough).
    reaching: tuple[bool, ...] = ()
    category_bar: float = NO_BAR
    far: float = NO_BAR  # no nearer than unrelated sentences (``typical_nearest``)

    def nearest(self, vectors: Matrix) -> Floats:
        """Each row's best cosine to an answer."""
        similarity = vectors.astype(np.float32) @ self.vectors.T.astype(np.float32)
        best: Floats = similarity.max(axis=1).astype(np.float64)
        return best

    def pull(self, vectors: Matrix, weight: float = AGREEMENT) -> Pull | None:
        """What moves the kind (and category) probabilities of the sentences with ``vectors``
        toward their nearest answer above the bar; None when none is that near."""
        if not self.kinds or not len(vectors):
            return None
        similarity = vectors.astype(np.float32) @ self.vectors.T.astype(np.float32)
        nearest = similarity.argmax(axis=1)
        near = similarity[np.arange(len(vectors)), nearest] >= self.bar
        if not near.any():
            return None
        rows = np.flatnonzero(near)
        answers = nearest[rows]

        def moved(kinds: Floats, names: Sequence[str], shares: Floats) -> tuple[Floats, Floats]:
            kinds, shares = kinds.copy(), shares.copy()
            for row, answer in zip(rows, answers, strict=True):
                kinds[row] = (1 - weight) * kinds[row]
                kinds[row, self.kinds[answer]] += weight
                category = self.categories[answer]
                if self.kinds[answer] == KINDS.index(OBJECTION) and category in names:
                    shares[row] = (1 - weight) * shares[row]
                    shares[row, list(names).index(category)] += weight
            return kinds, shares

        return moved

    def with_categories(self, vectors: Matrix, found: Sequence[Detection]) -> list[Detection]:
        """``found`` (one detection per sentence with ``vectors``), each objection the detector
        decided that is worded almost as an answered objection (``category_bar``) in the
        answer's category; other kinds, short sentences and rivals' worries keep theirs."""
        if not any(self.reaching) or not len(vectors):
            return list(found)
        similarity = vectors.astype(np.float32) @ self.vectors.T.astype(np.float32)
        similarity[:, ~np.asarray(self.reaching)] = -np.inf
        nearest = similarity.argmax(axis=1)
        out = list(found)
        for row, detection in enumerate(found):
            answer = int(nearest[row])
            if (
                detection.kind == OBJECTION
                and detection.source != "user"
                and detection.category != "competitor"
                and says_enough(detection.text)
                and similarity[row, answer] >= self.category_bar
            ):
                out[row] = replace(detection, category=self.categories[answer])
        return out


def answered_of(
    embedder: Embedder, verdicts: Mapping[tuple[str, str], tuple[str, str]]
) -> Answered:
    """A user's verdicts (``labels.user_verdicts``) as ``Answered``; no verdicts, no bar."""
    if not verdicts:
        return Answered(np.zeros((0, embedder.dim), dtype=np.float32), (), (), NO_BAR)
    said = list(verdicts.values())
    reaching = tuple(
        kind == OBJECTION and category not in ("", "competitor") and says_enough(text)
        for (text, _), (kind, category) in zip(verdicts, said, strict=True)
    )
    return Answered(
        embedder.encode([text for text, _ in verdicts]),
        tuple(KINDS.index(kind) for kind, _ in said),
        tuple(category for _, category in said),
        builtin_bar(embedder),
        reaching,
        builtin_category_bar(embedder) if any(reaching) else NO_BAR,
        far=builtin_far(embedder),
    )
