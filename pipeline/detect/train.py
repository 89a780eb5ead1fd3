"""The objection model: a small logistic model that scores buyer sentences for the detect stage.

Why a model next to the cue rules: many objections carry no hesitation word and are only clear
from the turn and what the rep just said ("That's nearly nine hundred a year" after a price quote,
"It's fine" after "how do you do it today?"). The model reads four things per sentence: its own
vector, the vector of the whole turn, the vector of the rep's last turn before it, and the cue
rules' evidence. It is trained on the built-in seed phrasings plus labelled buyer sentences
(``data/objection_labels.csv``: the hand labels of ``examples/calls``) and any
``<data_dir>/objection_labels.csv`` a user adds. The fitted weights ship in
``data/objection_model.npz``; they are re-fitted (and cached in the data dir) only when the
training data or the embedder differ from what shipped, so the first call needs no training.
"""

from __future__ import annotations

import dataclasses
import hashlib
import io
import json
import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np
from sklearn.linear_model import LogisticRegression

from pipeline.detect.features import Matrix, feature_matrix
from pipeline.detect.labels import LabelledSentence, builtin_labelled, seed_examples
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.embed import Embedder
from pipeline.errors import BadInput

FEATURE_VERSION = 2
MODEL_FILENAME = "objection_model.npz"
REGULARISATION = 1.0


@dataclass(frozen=True)
class ObjectionModel:
    """Logistic weights: ``objection`` scores P(objection), ``category`` picks its category."""

    key: str
    categories: tuple[str, ...]
    objection_coef: Matrix
    objection_intercept: float
    category_coef: Matrix
    category_intercept: Matrix
    category_names: tuple[str, ...]
    embedder: str = ""
    known_texts: tuple[str, ...] = ()
    known_vectors: Matrix | None = None

    def vectors_for(self, embedder_name: str) -> dict[str, Matrix]:
        """Vectors of texts embedded at fit time (the seed phrasings), by text; only for the
        embedder that made them. Why: a fresh workspace need not embed the seeds again."""
        if embedder_name != self.embedder or self.known_vectors is None:
            return {}
        return dict(zip(self.known_texts, self.known_vectors, strict=True))

    def probability(self, features: Matrix) -> Matrix:
        logits = features @ self.objection_coef + self.objection_intercept
        probability: Matrix = (1.0 / (1.0 + np.exp(-logits))).astype(np.float32)
        return probability

    def category(self, features: Matrix) -> list[str]:
        scores = features @ self.category_coef.T + self.category_intercept
        return [self.category_names[int(i)] for i in np.argmax(scores, axis=1)]

    def save(self, path: Path) -> None:
        """Write atomically: a crash leaves the old file or none, never half a model."""
        path.parent.mkdir(parents=True, exist_ok=True)
        meta = {
            "key": self.key,
            "categories": list(self.categories),
            "category_names": list(self.category_names),
            "objection_intercept": self.objection_intercept,
            "embedder": self.embedder,
            "known_texts": list(self.known_texts),
        }
        known = self.known_vectors
        if known is None:
            known = np.zeros((0, self.objection_coef.shape[0]), dtype=np.float32)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".npz.tmp")
        try:
            with os.fdopen(handle, "wb") as fh:
                np.savez_compressed(
                    fh,
                    meta=np.array(json.dumps(meta)),
                    objection_coef=self.objection_coef,
                    category_coef=self.category_coef,
                    category_intercept=self.category_intercept,
                    known_vectors=known,
                )
            os.chmod(temporary, 0o644)
            os.replace(temporary, path)
        finally:
            Path(temporary).unlink(missing_ok=True)

    @classmethod
    def load(cls, source: Path | io.BytesIO) -> ObjectionModel:
        with np.load(source, allow_pickle=False) as data:
            meta = json.loads(str(data["meta"]))
            return cls(
                key=meta["key"],
                categories=tuple(meta["categories"]),
                objection_coef=data["objection_coef"].astype(np.float32),
                objection_intercept=float(meta["objection_intercept"]),
                category_coef=data["category_coef"].astype(np.float32),
                category_intercept=data["category_intercept"].astype(np.float32),
                category_names=tuple(meta["category_names"]),
                embedder=meta.get("embedder", ""),
                known_texts=tuple(meta.get("known_texts", [])),
                known_vectors=(
                    data["known_vectors"].astype(np.float32) if "known_vectors" in data else None
                ),
            )


def training_key(
    examples: Sequence[LabelledSentence], categories: Sequence[str], embedder_name: str
) -> str:
    """Fingerprint of everything a fit depends on: same key, same weights."""
    digest = hashlib.sha256(f"v{FEATURE_VERSION}|{embedder_name}|{'|'.join(categories)}".encode())
    for e in examples:
        s = e.sentence
        row = (s.text, s.turn, s.context, e.label, e.category, e.group, str(e.weight))
        digest.update(json.dumps(row, ensure_ascii=False).encode("utf-8"))
    return digest.hexdigest()[:16]


def fit(
    features: Matrix,
    examples: Sequence[LabelledSentence],
    categories: Sequence[str],
    key: str = "",
) -> ObjectionModel:
    """Fit both heads on ``features`` (rows in the order of ``examples``); deterministic."""
    labels = np.array([e.label == "objection" for e in examples])
    weights = np.array([e.weight for e in examples])
    if labels.all() or not labels.any():
        raise BadInput("training data needs both objections and non-objections")
    binary = LogisticRegression(C=REGULARISATION, max_iter=5000)
    binary.fit(features, labels, sample_weight=weights)
    rows = [i for i, is_objection in enumerate(labels) if is_objection]
    names = sorted({examples[i].category for i in rows})
    if len(names) > 1:
        multi = LogisticRegression(C=REGULARISATION, max_iter=5000)
        multi.fit(features[rows], [examples[i].category for i in rows], sample_weight=weights[rows])
        coef, intercept = multi.coef_, multi.intercept_
        if len(names) == 2:  # sklearn keeps one row for two classes
            coef, intercept = np.vstack([-coef, coef]), np.concatenate([-intercept, intercept])
        names = [str(c) for c in multi.classes_]
    else:
        coef, intercept = np.zeros((1, features.shape[1])), np.zeros(1)
    return ObjectionModel(
        key=key,
        categories=tuple(categories),
        objection_coef=binary.coef_[0].astype(np.float32),
        objection_intercept=float(binary.intercept_[0]),
        category_coef=np.asarray(coef, dtype=np.float32),
        category_intercept=np.asarray(intercept, dtype=np.float32),
        category_names=tuple(names),
    )


def train(
    embedder: Embedder,
    examples: Sequence[LabelledSentence],
    categories: Sequence[str],
    remember: Sequence[str] = (),
) -> ObjectionModel:
    """Embed the examples and fit a model keyed by their fingerprint; the vectors of
    ``remember`` (the seed phrasings) are kept with it for ``vectors_for``."""
    key = training_key(examples, categories, embedder.name)
    features = feature_matrix(embedder, [e.sentence for e in examples], categories)
    model = fit(features, examples, categories, key)
    texts = tuple(dict.fromkeys(remember))
    vectors = embedder.encode(texts) if texts else None
    return dataclasses.replace(
        model, embedder=embedder.name, known_texts=texts, known_vectors=vectors
    )


def builtin_model_path() -> Path:
    return Path(str(resources.files("pipeline").joinpath("data", MODEL_FILENAME)))


def load_or_train(
    embedder: Embedder,
    examples: Sequence[LabelledSentence],
    categories: Sequence[str],
    cache_dir: Path | None,
    remember: Sequence[str] = (),
) -> ObjectionModel:
    """The shipped model when it was fitted on exactly these examples with this embedder,
    else a cached fit from ``cache_dir``, else a fresh fit (saved to ``cache_dir``)."""
    key = training_key(examples, categories, embedder.name)
    candidates = [builtin_model_path()]
    if cache_dir is not None:
        candidates.append(cache_dir / f"objection_model-{key}.npz")
    for path in candidates:
        if path.is_file():
            model = ObjectionModel.load(path)
            if model.key == key:
                return model
    model = train(embedder, examples, categories, remember)
    if cache_dir is not None:
        model.save(candidates[-1])
    return model


def training_examples(
    seeds: SeedSet, users: Sequence[LabelledSentence] = ()
) -> list[LabelledSentence]:
    """What the objection model learns from: seeds, built-in labels, the user's labels."""
    return [*seed_examples(seeds.objection, seeds.not_objection), *builtin_labelled(), *users]


def write_builtin_model(embedder: Embedder) -> Path:
    """Re-fit the shipped objection model (``make detector-model`` after editing the built-in
    seeds or labels); a test fails while the shipped weights are stale."""
    seeds = load_seeds()
    examples = training_examples(seeds)
    model = train(embedder, examples, list(seeds.objection), seeds.texts())
    path = builtin_model_path()
    model.save(path)
    return path
