"""Measuring the detector on labelled sentences, cross-validated by call file.

Used by ``bench/detect_learning.py`` (the learning curve: queue against random answers),
``bench/detect_quality.py`` (per-kind precision and recall on a user's own labels) and the
example-labels test. A file's sentences are always scored by a model fitted without that file's
labels (the seeds stay in every fit); files are dealt round-robin into folds in name order.

A simulated user answers the detector's questions with the true label: an answered sentence
follows its verdict and joins the training set at the weight of an answer, then the model is
re-fitted warm, as in the product.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from pipeline.config import DEFAULT_CONFIDENT_AT, DEFAULT_OBJECTION_THRESHOLD
from pipeline.detect.answer_reach import answers_pull
from pipeline.detect.classify import KINDS
from pipeline.detect.features import Matrix
from pipeline.detect.fit_state import workspace_threshold
from pipeline.detect.labels import ANSWER_WEIGHT, LabelledSentence
from pipeline.detect.model import (
    OBJECTION,
    KindModel,
    KindScore,
    Pull,
    category_margin,
    decide_kind,
    fine_class,
    fit,
)
from pipeline.detect.neighbours import NO_BAR, Answered, bar_and_far, typical_nearest
from pipeline.detect.queue import centres_of, pick, theme_margins
from pipeline.detect.rules import is_direct_question
from pipeline.detect.seeds import SeedSet
from pipeline.detect.train import (
    example_features,
    kind_rows,
    seed_groups,
    seed_vectors,
    shipped_features,
    training_examples,
    training_key,
)
from pipeline.embed import Embedder

FOLDS = 6
BUDGETS = (0, 10, 30, 100)
Floats = npt.NDArray[np.float64]
_Reach = tuple[float, float, KindModel]  # a fold's neighbour bar, far cosine, fit without answers


@dataclass(frozen=True)
class Rates:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    def as_dict(self) -> dict[str, float | int]:
        return {
            "precision": round(self.precision, 3),
            "recall": round(self.recall, 3),
            "tp": self.tp,
            "fp": self.fp,
            "fn": self.fn,
        }


def rates(predicted: npt.NDArray[np.bool_], truth: npt.NDArray[np.bool_]) -> Rates:
    return Rates(
        int((predicted & truth).sum()),
        int((predicted & ~truth).sum()),
        int((~predicted & truth).sum()),
    )


def precision_at_recall(
    scores: Floats, truth: npt.NDArray[np.bool_], target: float = 0.85
) -> float:
    """The best precision over thresholds whose recall reaches ``target`` (pooled scores)."""
    order = np.argsort(-scores, kind="stable")
    hits = truth[order].astype(float)
    tp, fp = np.cumsum(hits), np.cumsum(1 - hits)
    precision = tp / np.maximum(tp + fp, 1)
    recall = tp / max(1, int(truth.sum()))
    reached = recall >= target - 1e-12
    return float(precision[reached].max()) if reached.any() else 0.0


@dataclass
class Dataset:
    """Labelled sentences with their features, folds and utterances; the seeds beside them."""

    examples: list[LabelledSentence]
    features: Matrix
    seed_examples: list[LabelledSentence]
    seed_features: Matrix
    categories: list[str]
    dim: int
    folds: npt.NDArray[np.int64] = field(init=False)
    utterances: npt.NDArray[np.int64] = field(init=False)
    truth: npt.NDArray[np.int64] = field(init=False)
    direct_questions: list[bool] = field(init=False)

    def __post_init__(self) -> None:
        files = sorted({e.group for e in self.examples})
        fold_of = {name: i % FOLDS for i, name in enumerate(files)}
        self.folds = np.array([fold_of[e.group] for e in self.examples], dtype=np.int64)
        keys: dict[tuple[str, str], int] = {}
        self.utterances = np.array(
            [keys.setdefault((e.group, e.sentence.turn), len(keys)) for e in self.examples],
            dtype=np.int64,
        )
        index: dict[str, int] = {kind: i for i, kind in enumerate(KINDS)}
        self.truth = np.array([index[e.label] for e in self.examples], dtype=np.int64)
        self.direct_questions = [is_direct_question(e.sentence.text) for e in self.examples]

    @property
    def vectors(self) -> Matrix:
        """The sentence vectors (the first block of every feature row)."""
        return self.features[:, : self.dim]


def build_dataset(
    embedder: Embedder, labelled: Sequence[LabelledSentence], seeds: SeedSet
) -> Dataset:
    """Features for ``labelled`` and for the seed phrasings, embedded once (or, for exactly
    the built-in rows, read from the features shipped with the model)."""
    seed_rows = [e for e in training_examples(seeds) if e.group == "seeds"]
    shipped = shipped_features(training_key([*seed_rows, *labelled], seeds, embedder.name))
    if shipped is not None:
        cut = len(seed_rows)
        categories = list(seeds.objection)
        return Dataset(
            list(labelled), shipped[cut:], seed_rows, shipped[:cut], categories, embedder.dim
        )
    vectors = seed_vectors(seeds, embedder, {})
    dim = len(next(iter(vectors.values())))
    groups = seed_groups(seeds, vectors, dim)
    seed_features = example_features(embedder, seed_rows, [], seeds, groups)
    features = example_features(embedder, list(labelled), [], seeds, groups)
    return Dataset(list(labelled), features, seed_rows, seed_features, list(seeds.objection), dim)


def _fit(
    data: Dataset, rows: Sequence[int], answers: dict[int, int], warm: KindModel | None
) -> KindModel:
    """Fit on the seeds, ``rows`` of the labelled set, and answered rows at answer weight."""
    answered = sorted(answers)
    x = np.vstack([data.seed_features, data.features[list(rows)], data.features[answered]])
    seen = [*data.seed_examples, *(data.examples[i] for i in [*rows, *answered])]
    told = len(seen) - len(answered)  # the seeds' and rows' own weights, then the answers'
    weights = [e.weight for e in seen[:told]] + [ANSWER_WEIGHT] * len(answered)
    return fit(
        x,
        [fine_class(e.label, e.category) for e in seen],
        weights,
        data.categories,
        warm_from=warm,
        tol=1e-3 if warm else 1e-4,
        kind_rows=kind_rows(seen),  # as the shipped fit: seed-only categories in the head alone
    )


@dataclass
class Curve:
    """Out-of-fold kind probabilities after each answer budget, per strategy."""

    probabilities: dict[str, dict[int, Floats]] = field(default_factory=dict)
    # The threshold each row is decided at, per strategy and budget: ``threshold``, or with
    # ``auto`` its fold's workspace threshold measured after the last re-fit (``fit_state``).
    thresholds: dict[str, dict[int, Floats]] = field(default_factory=dict)


def learning_curve(
    data: Dataset,
    budgets: Sequence[int] = BUDGETS,
    strategies: Sequence[str] = ("queue", "random"),
    *,
    threshold: float = DEFAULT_OBJECTION_THRESHOLD,
    seed: int = 0,
    auto: bool = False,
    neighbours: bool = True,
) -> Curve:
    """For each held-out fold (one user's calls): score it, then answer ``budgets`` questions
    picked by each strategy in batches (10 at a time up to 30, then 35), re-fitting warm after
    each batch; answered sentences follow their verdict. ``auto``: after each re-fit the fold's
    threshold is measured on its probabilities as the product measures a workspace's
    (``fit_state.workspace_threshold``, ``threshold`` the floor); the queue asks near it.
    ``neighbours``: answers pull their near neighbours, the bar measured on the training rows
    (``neighbours.py``)."""
    curve = Curve(
        {s: {b: np.zeros((len(data.examples), len(KINDS))) for b in budgets} for s in strategies},
        {s: {b: np.full(len(data.examples), threshold) for b in budgets} for s in strategies},
    )
    for fold in range(FOLDS):
        train = [i for i in range(len(data.examples)) if data.folds[i] != fold]
        test = [i for i in range(len(data.examples)) if data.folds[i] == fold]
        if not test:
            continue
        base = _fit(data, train, {}, None)
        groups = [data.examples[i].group for i in train]
        vectors = data.vectors[train]
        if neighbours:  # the bar and how far unrelated sentences sit, from one pass
            bar, far = bar_and_far(vectors, data.truth[train], groups)
        else:
            bar, far = NO_BAR, min(NO_BAR, typical_nearest(vectors, groups))
        reach = (bar, far, base)
        for strategy in strategies:
            model, answers = base, dict[int, int]()
            rng = random.Random(seed + fold)
            done, limit = 0, threshold
            for budget in sorted(budgets):
                while done < budget:
                    step = min(budget - done, 10 if done < 30 else 35)
                    new = _choose(data, model, test, answers, step, strategy, rng, limit, reach)
                    if not new:
                        break
                    answers.update({i: int(data.truth[i]) for i in new})
                    done += len(new)
                    model = _fit(data, train, answers, model)
                    if auto:
                        scored = _scored(data, model, test, answers, reach)
                        limit = workspace_threshold(scored[:, 0], threshold)
                probabilities = _scored(data, model, test, answers, reach)
                curve.probabilities[strategy][budget][test] = probabilities
                curve.thresholds[strategy][budget][test] = limit
    return curve


def _pull(
    data: Dataset, rows: Sequence[int], answers: dict[int, int], reach: _Reach
) -> Pull | None:
    """The answers' pull on ``rows`` as the product's (``answer_reach.answers_pull``)."""
    done, chosen = sorted(answers), list(rows)
    said = tuple(data.examples[i].category for i in done)
    answered = Answered(
        data.vectors[done], tuple(answers[i] for i in done), said, reach[0], far=reach[1]
    )
    return answers_pull(answered, reach[2], data.features[chosen], data.vectors[chosen])


def _scored(
    data: Dataset, model: KindModel, rows: Sequence[int], answers: dict[int, int], reach: _Reach
) -> Floats:
    """The kind probabilities of ``rows``, an answered row one-hot on its answer, the others
    pulled by their near answers."""
    probabilities = model.kind_probabilities(data.features[list(rows)])
    pull = _pull(data, rows, answers, reach)
    if pull is not None:
        probabilities, _ = pull(probabilities, [], np.zeros((len(rows), 0)))
    for row, i in enumerate(rows):
        if i in answers:
            probabilities[row] = np.eye(len(KINDS))[answers[i]]
    return probabilities


def _choose(
    data: Dataset,
    model: KindModel,
    test: Sequence[int],
    answers: dict[int, int],
    count: int,
    strategy: str,
    rng: random.Random,
    threshold: float,
    reach: _Reach,
) -> list[int]:
    open_rows = [i for i in test if i not in answers]
    if strategy == "random":
        return rng.sample(open_rows, min(count, len(open_rows)))
    scores = model.predict(
        data.features[open_rows],
        threshold,
        [data.direct_questions[i] for i in open_rows],
        pull=_pull(data, open_rows, answers, reach),
    )
    calls = [data.examples[i].group for i in open_rows]
    done = data.vectors[sorted(answers)] if answers else None
    chosen = pick(
        [s.objection_probability for s in scores],
        calls,
        data.vectors[open_rows],
        count,
        threshold,
        done,
        confidences=[s.confidence for s in scores],
        theme_doubts=_theme_doubts(data, test, open_rows, scores, answers),
        category_margins=[
            category_margin(s.category_probabilities, s.category) if s.kind == OBJECTION else None
            for s in scores
        ],
        sure_at=DEFAULT_CONFIDENT_AT,
    )
    return [open_rows[j] for j in chosen]


def _theme_doubts(
    data: Dataset,
    test: Sequence[int],
    open_rows: Sequence[int],
    scores: Sequence[KindScore],
    answers: dict[int, int],
) -> list[float | None]:
    """Each open row's ``queue.theme_margins`` with one theme per objection category, as the
    product clusters a user's objections: the fold's objections (answered ones by their true
    category) around their categories' centres."""
    decided = {i: s.category for i, s in zip(open_rows, scores, strict=True) if s.kind == OBJECTION}
    told = {i: data.examples[i].category for i in answers if data.examples[i].label == OBJECTION}
    category = {**decided, **told}
    rows = [i for i in test if category.get(i)]
    centres = centres_of(data.vectors[rows], [category[i] for i in rows])
    return theme_margins(
        data.vectors[list(open_rows)],
        [decided.get(i) for i in open_rows],
        centres,
        {c: str(c) for c in centres},
    )


def decide(
    data: Dataset, probabilities: Floats, threshold: float | Floats = DEFAULT_OBJECTION_THRESHOLD
) -> npt.NDArray[np.int64]:
    """The kind index per row, decided as the detector decides (``decide_kind``) at
    ``threshold`` (one, or one per row)."""
    limits = np.broadcast_to(np.asarray(threshold, dtype=np.float64), (len(probabilities),))
    return np.array(
        [
            KINDS.index(decide_kind(p, float(limit), direct))
            for p, limit, direct in zip(probabilities, limits, data.direct_questions, strict=True)
        ],
        dtype=np.int64,
    )


def summary(
    data: Dataset, probabilities: Floats, threshold: float | Floats = DEFAULT_OBJECTION_THRESHOLD
) -> dict[str, object]:
    """Objection precision at recall 0.85 (per sentence and per utterance, best threshold) and
    per-kind precision and recall at ``threshold`` (one, or one per row)."""
    truth = data.truth
    objection = truth == 0
    per_utterance_score = np.full(int(data.utterances.max()) + 1, -np.inf)
    np.maximum.at(per_utterance_score, data.utterances, probabilities[:, 0])
    per_utterance_truth = np.zeros(len(per_utterance_score), dtype=bool)
    np.logical_or.at(per_utterance_truth, data.utterances, objection)
    decided = decide(data, probabilities, threshold)
    return {
        "objection_p_at_r85_sentence": round(
            precision_at_recall(probabilities[:, 0], objection), 3
        ),
        "objection_p_at_r85_utterance": round(
            precision_at_recall(per_utterance_score, per_utterance_truth), 3
        ),
        "kinds": {kind: rates(decided == k, truth == k).as_dict() for k, kind in enumerate(KINDS)},
    }


def product_of(example: LabelledSentence) -> str:
    """The labelled set a built-in row comes from (``<set>/<file>``; the example calls have no
    set): one product or a few, written by one hand."""
    return example.group.split("/")[0] if "/" in example.group else ""


def leave_one_set_out(data: Dataset) -> tuple[list[str], Floats]:
    """Kind probabilities of every row from a model fitted without the row's labelled set: what
    the detector makes of a product it never saw (cross-validation by call file keeps a
    product's other calls in the fit)."""
    sets = sorted({product_of(e) for e in data.examples})
    of = [product_of(e) for e in data.examples]
    probabilities = np.zeros((len(data.examples), len(KINDS)))
    for name in sets:
        train = [i for i, s in enumerate(of) if s != name]
        test = [i for i, s in enumerate(of) if s == name]
        probabilities[test] = _fit(data, train, {}, None).kind_probabilities(data.features[test])
    return of, probabilities


def recall_threshold(scores: Floats, truth: npt.NDArray[np.bool_], target: float = 0.85) -> float:
    """The highest threshold whose recall over ``scores`` reaches ``target``."""
    ranked = np.sort(scores[truth])[::-1]
    if not len(ranked):
        return 1.0
    return float(ranked[min(len(ranked) - 1, int(np.ceil(target * len(ranked))) - 1)])
