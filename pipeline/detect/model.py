"""The kind model: one multinomial logistic model over *fine classes* (``objection:<category>``
for each objection category some labelled sentence has, then ``pain``, ``question``,
``current_setup``, ``other``), and a category head over every objection category.

A kind's probability is the sum of its classes, so P(objection) sums the categories: a mixture
of categories fits the many faces of an objection better than one "objection" direction. A
sentence is an ``objection`` when P(objection) reaches the operating threshold (low, for recall:
confident mentions are shown first), else the most probable other kind; ``confidence`` is the
calibrated probability of the kind shown (cross-validated calibration error about 0.02).

The weights are plain arrays (saved with ``numpy.savez``, no pickle); scikit-learn only fits.
"""

from __future__ import annotations

import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import numpy.typing as npt

from pipeline.blas import one_blas_thread
from pipeline.config import DEFAULT_OBJECTION_THRESHOLD
from pipeline.detect.classify import KINDS, Kind
from pipeline.detect.features import Matrix
from pipeline.errors import BadInput

OBJECTION: Kind = "objection"
QUESTION: Kind = "question"
REGULARISATION = 3.0  # C of the logistic model (1, 3 and 10 were within fold noise)
EXPECTED_RECALL = 0.9

Floats = npt.NDArray[np.float64]
_KIND_INDEX: dict[str, int] = {kind: i for i, kind in enumerate(KINDS)}
# Moves rows' kind probabilities and category shares before the kinds are decided: the user's
# answers pulling their near neighbours (``neighbours.py``).
Pull = Callable[[Floats, Sequence[str], Floats], tuple[Floats, Floats]]


def decide_kind(probabilities: Floats, threshold: float, direct_question: bool) -> Kind:
    """``objection`` from ``threshold`` up; else a question in form ("Can staff swap shifts
    without me?") is a ``question`` whatever the model leans to; else the likeliest other kind."""
    if probabilities[0] >= threshold:
        return OBJECTION
    if direct_question:
        return QUESTION
    return KINDS[1 + int(np.argmax(probabilities[1:]))]


def kind_confidence(probabilities: Floats, kind: Kind, direct_question: bool) -> float:
    """The model's probability of ``kind``; a question in form that is not an objection is as
    sure as "not an objection" is."""
    if kind == QUESTION and direct_question:
        return max(float(probabilities[KINDS.index(kind)]), 1.0 - float(probabilities[0]))
    return float(probabilities[KINDS.index(kind)])


def category_margin(probabilities: Mapping[str, float], category: str | None) -> float | None:
    """How far ``category`` leads the likeliest other category (``KindScore.
    category_probabilities``): near 0 a tie, negative when the rules chose a category the model
    ranks lower. None without a category or a second one to compare."""
    if not category or len(probabilities) < 2:
        return None
    other = max(p for name, p in probabilities.items() if name != category)
    return round(probabilities.get(category, 0.0) - other, 4)


def category_confidence(margin: float | None) -> float | None:
    """How sure of its category an objection is, for people (0..1, 0.5 a tie): ``(1 + lead) /
    2`` of its ``category_margin``. Why this: it is the category's probability against the
    runner-up alone, p / (p + q), when the two hold all of it, and nearer 0.5 when others hold
    some, so it never claims more than the model says; it keeps the margin's order, and a lead
    the rules gave against the model (negative) reads below 0.5, not as a negative number."""
    return None if margin is None else round(min(1.0, max(0.0, (1.0 + margin) / 2.0)), 3)


def _softmax(scores: Floats) -> Floats:
    shifted = np.exp(scores - scores.max(axis=1, keepdims=True))
    out: Floats = shifted / shifted.sum(axis=1, keepdims=True)
    return out


def fine_class(kind: str, category: str = "") -> str:
    """``objection:<category>`` for objections, else the kind itself."""
    return f"{OBJECTION}:{category}" if kind == OBJECTION else kind


@dataclass(frozen=True)
class KindScore:
    """The model's verdict on one sentence."""

    kind: Kind
    category: str | None  # the likeliest objection category (also when another kind wins)
    confidence: float  # calibrated probability of ``kind``
    objection_probability: float
    probabilities: dict[str, float] = field(default_factory=dict)  # per kind
    # The likeliest category other than "competitor": a worry that names no rival is about
    # something else ("Because that's non-negotiable." had been a competitor objection).
    without_rival: str | None = None
    # Per objection category, how likely the sentence's worry is that one (they sum to 1).
    category_probabilities: dict[str, float] = field(default_factory=dict)


@dataclass(frozen=True)
class KindModel:
    """Softmax weights over fine classes, what they were fitted on, and the seed vectors."""

    key: str
    classes: tuple[str, ...]
    coef: Matrix  # classes x features
    intercept: Matrix  # classes
    categories: tuple[str, ...]  # objection categories the cue features count
    # The category head: a softmax over the objection categories, fitted on objections only.
    # Why a head of its own: a category seen only in the seed phrasings (no labelled call)
    # competes with every kind in the fine classes and loses; here only with categories. Such
    # a category is no fine class at all (``train.kind_rows``): the head alone knows it.
    category_coef: Matrix | None = None
    category_intercept: Matrix | None = None
    category_names: tuple[str, ...] = ()
    embedder: str = ""
    known_texts: tuple[str, ...] = ()
    known_vectors: Matrix | None = None

    def vectors_for(self, embedder_name: str) -> dict[str, Matrix]:
        """Vectors of texts embedded at fit time (the seed phrasings), by text; only for the
        embedder that made them. Why: a fresh workspace need not embed the seeds again."""
        if embedder_name != self.embedder or self.known_vectors is None:
            return {}
        return dict(zip(self.known_texts, self.known_vectors, strict=True))

    def fine_probabilities(self, features: Matrix) -> Floats:
        logits = features.astype(np.float64) @ self.coef.T.astype(np.float64) + self.intercept
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probabilities: Floats = exp / exp.sum(axis=1, keepdims=True)
        return probabilities

    def kind_probabilities(self, features: Matrix) -> Floats:
        """N x 5 probabilities in ``KINDS`` order (a kind sums its fine classes)."""
        fine = self.fine_probabilities(features)
        out = np.zeros((len(features), len(KINDS)))
        for j, name in enumerate(self.classes):
            out[:, _KIND_INDEX[name.split(":", 1)[0]]] += fine[:, j]
        return out

    def category_scores(self, features: Matrix) -> Floats | None:
        if self.category_coef is None or self.category_intercept is None:
            return None
        scores: Floats = features.astype(np.float64) @ self.category_coef.T.astype(
            np.float64
        ) + self.category_intercept.astype(np.float64)
        return scores

    def predict(
        self,
        features: Matrix,
        threshold: float | Sequence[float] = DEFAULT_OBJECTION_THRESHOLD,
        direct_questions: Sequence[bool] | None = None,
        *,
        pull: Pull | None = None,
    ) -> list[KindScore]:
        """One verdict per row: ``objection`` from ``threshold`` (one, or one per row) up; see
        :func:`decide_kind` for the rest. ``pull`` moves the probabilities first."""
        if not len(features):
            return []
        thresholds = (
            [float(threshold)] * len(features)
            if isinstance(threshold, int | float)
            else list(threshold)
        )
        direct = list(direct_questions) if direct_questions is not None else [False] * len(features)
        fine = self.fine_probabilities(features)
        kinds = self.kind_probabilities(features)
        names, shares = self.category_shares(features, fine)
        if pull is not None:
            kinds, shares = pull(kinds, names, shares)
        out = []
        for row in range(len(features)):
            p = kinds[row]
            kind = decide_kind(p, thresholds[row], direct[row])
            ranked = [names[int(j)] for j in np.argsort(-shares[row], kind="stable")]
            category = ranked[0] if ranked else None
            out.append(
                KindScore(
                    kind=kind,
                    category=category,
                    confidence=round(kind_confidence(p, kind, direct[row]), 3),
                    objection_probability=round(float(p[0]), 4),
                    probabilities={k: round(float(v), 4) for k, v in zip(KINDS, p, strict=True)},
                    without_rival=next((c for c in ranked if c != "competitor"), None),
                    category_probabilities={
                        n: round(float(v), 4) for n, v in zip(names, shares[row], strict=True)
                    },
                )
            )
        return out

    def category_shares(
        self, features: Matrix, fine: Floats | None = None
    ) -> tuple[list[str], Floats]:
        """The objection categories and, per row, their probabilities: the category head's
        softmax, else the objection classes' shares of P(objection) (``fine``: the rows' fine
        probabilities, when already computed)."""
        fine = self.fine_probabilities(features) if fine is None else fine
        head = self.category_scores(features)
        if head is not None:
            return list(self.category_names), _softmax(head)
        columns = [j for j, c in enumerate(self.classes) if c.startswith(f"{OBJECTION}:")]
        names = [self.classes[j].split(":", 1)[1] for j in columns]
        shares = fine[:, columns]
        total = shares.sum(axis=1, keepdims=True)
        return names, np.divide(shares, total, out=np.zeros_like(shares), where=total > 0)

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old file or none, never half a model."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "key": self.key,
            "classes": list(self.classes),
            "categories": list(self.categories),
            "embedder": self.embedder,
            "known_texts": list(self.known_texts),
            "category_names": list(self.category_names),
        }
        known = self.known_vectors
        if known is None:
            known = np.zeros((0, 0), dtype=np.float32)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as fh:
                np.savez_compressed(
                    fh,
                    meta=np.array(json.dumps(meta)),
                    coef=self.coef.astype(np.float32),
                    intercept=self.intercept.astype(np.float32),
                    known_vectors=known.astype(np.float32),
                    category_coef=_or_empty(self.category_coef),
                    category_intercept=_or_empty(self.category_intercept),
                )
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)

    @classmethod
    def load(cls, source: Path | io.BytesIO) -> KindModel:
        with np.load(source, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            if "classes" not in meta:
                raise BadInput(f"{source} is not a kind model (an older objection model?)")
            known = data["known_vectors"].astype(np.float32)
            head = data["category_coef"].astype(np.float32)
            return cls(
                key=meta["key"],
                classes=tuple(meta["classes"]),
                coef=data["coef"].astype(np.float32),
                intercept=data["intercept"].astype(np.float32),
                categories=tuple(meta["categories"]),
                embedder=meta.get("embedder", ""),
                known_texts=tuple(meta.get("known_texts", [])),
                known_vectors=known if known.size else None,
                category_coef=head if head.size else None,
                category_intercept=(
                    data["category_intercept"].astype(np.float32) if head.size else None
                ),
                category_names=tuple(meta.get("category_names", [])),
            )


def fit(
    features: Matrix,
    labels: Sequence[str],
    weights: Sequence[float] | Floats,
    categories: Sequence[str],
    *,
    key: str = "",
    warm_from: KindModel | None = None,
    tol: float = 1e-4,
    kind_rows: Sequence[bool] | None = None,
) -> KindModel:
    """Fit the softmax over fine classes (``labels``, the rows of ``kind_rows`` only: all
    when None) and the category head over every objection row; deterministic.

    A cold fit of ~1,000 rows takes 5-15 s on two busy cores; ``warm_from`` a model with the
    same classes starts from its weights and converges in a second or two (answers re-fit so).
    BLAS runs on one thread here: SciPy's L-BFGS-B (C since 1.15) makes many tiny BLAS calls,
    and a pool of two threads on two busy cores made a fit six times slower (SciPy #23191).
    """
    from sklearn.linear_model import LogisticRegression

    keep = np.ones(len(labels), dtype=bool) if kind_rows is None else np.asarray(kind_rows, bool)
    kind_labels = [label for label, k in zip(labels, keep, strict=True) if k]
    classes = sorted(set(kind_labels))
    if len(classes) < 2 or not any(c.startswith("objection:") for c in classes):
        raise BadInput("training data needs objections and at least one other kind")
    warm = (
        warm_from is not None
        and tuple(classes) == warm_from.classes
        and warm_from.coef.shape[1] == features.shape[1]  # a seed group more: a column more
        and len(classes) > 2
    )
    estimator = LogisticRegression(C=REGULARISATION, max_iter=3000, tol=tol, warm_start=warm)
    if warm and warm_from is not None:
        estimator.coef_ = warm_from.coef.astype(np.float64).copy()
        estimator.intercept_ = warm_from.intercept.astype(np.float64).copy()
    with one_blas_thread():
        estimator.fit(
            features[keep],
            np.asarray(kind_labels),
            sample_weight=np.asarray(weights, dtype=float)[keep],
        )
        head = _category_head(features, labels, weights)
    coef, intercept = _rows(estimator.coef_, estimator.intercept_)
    return KindModel(
        key=key,
        classes=tuple(str(c) for c in estimator.classes_),
        coef=np.asarray(coef, dtype=np.float32),
        intercept=np.asarray(intercept, dtype=np.float32),
        categories=tuple(categories),
        category_coef=head[0],
        category_intercept=head[1],
        category_names=head[2],
    )


def _rows(coef: Floats, intercept: Floats) -> tuple[Floats, Floats]:
    """sklearn keeps one row for two classes: the softmax of (0, w) is its sigmoid."""
    if len(coef) == 1:
        return np.vstack([np.zeros_like(coef), coef]), np.concatenate([[0.0], intercept])
    return coef, intercept


def _category_head(
    features: Matrix,
    labels: Sequence[str],
    weights: Sequence[float] | Floats,
) -> tuple[Matrix | None, Matrix | None, tuple[str, ...]]:
    from sklearn.linear_model import LogisticRegression

    rows = [i for i, label in enumerate(labels) if label.startswith("objection:")]
    names = sorted({labels[i].split(":", 1)[1] for i in rows})
    if len(names) < 2:
        return None, None, tuple(names)
    # Balanced: a category known from a dozen seed phrasings still wins its own sentences.
    head = LogisticRegression(C=1.0, max_iter=3000, class_weight="balanced")
    targets = np.asarray([labels[i].split(":", 1)[1] for i in rows])
    head.fit(features[rows], targets, sample_weight=np.asarray(weights, dtype=float)[rows])
    coef, intercept = _rows(head.coef_, head.intercept_)
    return (
        np.asarray(coef, dtype=np.float32),
        np.asarray(intercept, dtype=np.float32),
        tuple(str(c) for c in head.classes_),
    )


def _or_empty(matrix: Matrix | None) -> Matrix:
    return matrix if matrix is not None else np.zeros((0, 0), dtype=np.float32)


def expected_recall_threshold(
    objection_probabilities: Sequence[float] | Floats, target: float = EXPECTED_RECALL
) -> float:
    """The highest threshold whose *expected* objection recall over a workspace's own sentences
    (the calibrated P(objection) above it over the sum of all) reaches ``target``. Uses no
    labels; answered sentences count with probability 1 or 0."""
    ordered = np.sort(np.asarray(objection_probabilities, dtype=np.float64))[::-1]
    if not len(ordered) or ordered.sum() == 0:
        return DEFAULT_OBJECTION_THRESHOLD
    cumulative = np.cumsum(ordered) / ordered.sum()
    return float(ordered[min(int(np.searchsorted(cumulative, target)), len(ordered) - 1)])
