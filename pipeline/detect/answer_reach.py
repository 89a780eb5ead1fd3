"""How far a re-fit on a user's answers reaches: its change to a sentence's kind and category
probabilities counts in full near an answer and not at all far from every answer.

Why: a re-fit weighs each answer as ten labels, and five answers from one product bent the
whole model along what that product's sentences share: pains about failed payments at cosine
0.2-0.45 from every answer became objections and set-ups (walk 7 snag 6). Its reach by
nearness is measured, not chosen: 0 at or below ``far`` (how close a labelled sentence typically
is to its nearest labelled sentence from another call, the median: no nearer than unrelated
sentences are), 1 at the neighbour bar (``neighbours.py``: where neighbours agree on their
kind), linear between. A sentence's probabilities are the model's without answers plus the
reach times the re-fit's change; as answers cover more of a workspace, more of its sentences
are in reach. Every sentence is also reached by a share that grows as the square of the
answers, in full from ``FULL_REACH_AT``: what many answers agree on holds across the workspace
(the learning bench on the example calls: re-fits on 30 answers lift the queue's precision at
recall 0.85 from 0.72 to 0.90 by sentences far from every answer too; a reach bounded by
nearness alone gave 0.88), and five answers' share (1/36) leaves a near tie as it was (a pain
at 0.48 against a set-up at 0.46 had turned set-up at a linear 1/6).
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from pipeline.detect.features import Matrix
from pipeline.detect.model import Floats, KindModel, Pull
from pipeline.detect.neighbours import Answered

FULL_REACH_AT = 30  # answers from which a re-fit's change counts everywhere (see above)


def reach(similarity: Floats, far: float, bar: float, answers: int = 0) -> Floats:
    """Per row, how much of the re-fit's change it takes from its best cosine to an answer and
    the number of ``answers`` (see the module docstring)."""
    if bar <= far:
        near: Floats = (similarity >= bar).astype(np.float64)
    else:
        near = np.clip((similarity - far) / (bar - far), 0.0, 1.0)
    out: Floats = np.maximum(near, min(1.0, answers / FULL_REACH_AT) ** 2)
    return out


def bounded(base: KindModel, features: Matrix, reached: Floats) -> Pull:
    """Moves a re-fit model's kind probabilities and category shares back toward ``base``'s
    (the model fitted without answers) where ``reached`` is under 1."""
    base_kinds = base.kind_probabilities(features)
    base_names, base_shares = base.category_shares(features)
    weight = reached[:, None]

    def moved(kinds: Floats, names: Sequence[str], shares: Floats) -> tuple[Floats, Floats]:
        kinds = base_kinds + weight * (kinds - base_kinds)
        if list(names) == list(base_names):
            shares = base_shares + weight * (shares - base_shares)
        return kinds, shares

    return moved


def answers_pull(
    answered: Answered,
    base: KindModel | None,
    features: Matrix,
    vectors: Matrix,
) -> Pull | None:
    """What a user's answers do to these sentences' probabilities beyond the re-fit model's
    own: the re-fit's change bounded by its reach (when ``base``, the fit without answers, is
    known), then the near neighbours' pull (``Answered.pull``)."""
    pull = answered.pull(vectors)
    if base is None or not answered.kinds or not len(vectors):
        return pull
    within = bounded(
        base,
        features,
        reach(answered.nearest(vectors), answered.far, answered.bar, len(answered.kinds)),
    )
    if pull is None:
        return within

    def both(kinds: Floats, names: Sequence[str], shares: Floats) -> tuple[Floats, Floats]:
        assert pull is not None
        kinds, shares = within(kinds, names, shares)
        return pull(kinds, names, shares)

    return both
