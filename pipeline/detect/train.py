"""Fitting the kind model: from seeds, the built-in labels and a user's verdicts to weights.

Why a model next to the cue rules: many objections carry no hesitation word and are only clear
from the turn and what the rep said before and after ("That's nearly nine hundred a year" after
a price quote), and pains read like objections to word lists. The model (``model.py``) reads
the features of ``features.py``. It is trained on the built-in seed phrasings, the labelled
sentences of the example calls and of the other products' calls (``data/objection_labels.csv``,
from ``examples/labels.csv`` and ``examples/labelled/*/labels.csv``) and any
verdicts a user records (``<data_dir>/objection_labels.csv``, at ten times the weight). The fitted
weights ship in ``data/kind_model.npz``; a workspace whose training data differ gets its own fit,
cached in ``<data_dir>/models/`` and warm-started from the nearest earlier fit, so a few more
answers cost a second or two, not a cold fit.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import io
import json
import tempfile
from collections.abc import Sequence
from importlib import resources
from pathlib import Path

import numpy as np

from pipeline.detect.features import REP_TURN_SCALE, Matrix, SeedGroups, feature_matrix
from pipeline.detect.labels import LabelledSentence, builtin_labelled, seed_examples
from pipeline.detect.model import KindModel, fine_class, fit
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.embed import Embedder, Vectors
from pipeline.embed.memo import MemoEmbedder
from pipeline.store.files import write_atomically

FEATURE_VERSION = 4
MODEL_FILENAME = "kind_model.npz"
FEATURES_FILENAME = "kind_features.npz"  # the built-in rows' features, for a user's re-fits
CACHE_PREFIX = "kind_model-"
KEEP_CACHED = 5  # older fits in <data_dir>/models are removed beyond this many


def training_examples(
    seeds: SeedSet, users: Sequence[LabelledSentence] = ()
) -> list[LabelledSentence]:
    """What the kind model learns from: seeds, built-in labels, the user's labels."""
    return [*seed_examples(seeds.objection, seeds.kinds), *builtin_labelled(), *users]


def training_key(examples: Sequence[LabelledSentence], seeds: SeedSet, embedder_name: str) -> str:
    """Fingerprint of everything a fit depends on: same key, same weights."""
    head = f"v{FEATURE_VERSION}|{embedder_name}|{json.dumps(seeds.kind_groups())}"
    digest = hashlib.sha256(head.encode())
    for _, texts in seeds.groups():
        digest.update(json.dumps(texts, ensure_ascii=False).encode("utf-8"))
    for e in examples:
        digest.update(_row_fingerprint(e).encode("utf-8"))
    return digest.hexdigest()[:16]


def labelled_key(embedder_name: str) -> str:
    """Fingerprint of the built-in labelled rows' texts (what their vectors depend on)."""
    digest = hashlib.sha256(f"v{FEATURE_VERSION}|{embedder_name}".encode())
    for e in builtin_labelled():
        digest.update(_row_fingerprint(e).encode("utf-8"))
    return digest.hexdigest()[:16]


@functools.lru_cache(maxsize=1 << 16)  # every detector's creation keys the same built-in rows
def _row_fingerprint(e: LabelledSentence) -> str:
    s = e.sentence
    row = (
        s.text, s.turn, s.context, s.reply, s.position, s.index_in_turn, s.turn_size,
        list(s.competitors), e.label, e.category, e.group, e.weight,
    )  # fmt: skip
    return json.dumps(row, ensure_ascii=False)


def seed_vectors(seeds: SeedSet, embedder: Embedder, known: dict[str, Matrix]) -> dict[str, Matrix]:
    """Every seed phrasing's vector; texts in ``known`` are not embedded again."""
    texts = list(dict.fromkeys(seeds.texts()))
    missing = [t for t in texts if t not in known]
    vectors = {t: known[t] for t in texts if t in known}
    if missing:
        vectors.update(zip(missing, embedder.encode(missing), strict=True))
    return vectors


def seed_groups(seeds: SeedSet, vectors: dict[str, Matrix], dim: int) -> SeedGroups:
    """The seed vectors per kind group (``SeedSet.kind_groups``)."""
    by_name = dict(seeds.groups())
    blocks = []
    for name in seeds.kind_groups():
        texts = by_name.get(name, [])
        rows = [vectors[t] for t in texts]
        blocks.append(
            np.vstack(rows).astype(np.float32) if rows else np.zeros((0, dim), dtype=np.float32)
        )
    return SeedGroups(tuple(seeds.kind_groups()), tuple(blocks))


def example_features(
    embedder: Embedder,
    base: Sequence[LabelledSentence],
    users: Sequence[LabelledSentence],
    seeds: SeedSet,
    groups: SeedGroups,
    cache_dir: Path | None = None,
    *,
    shipped: bool = True,
) -> Matrix:
    """Feature rows of ``base`` then ``users``; the rows of ``base`` (seeds and built-in
    labels: most of every fit, the same between a user's answers) come from the package when
    they were shipped for exactly these rows and this embedder (``shipped``), else are cached
    per embedder in ``cache_dir``."""
    categories = list(seeds.objection)
    key = training_key(base, seeds, embedder.name)
    cached = shipped_features(key) if shipped else None
    path = None
    if cache_dir is not None and cached is None:
        path = cache_dir / f"features-{key}.npy"
        if path.is_file():
            cached = np.load(path, allow_pickle=False)
    if cached is None:
        known = shipped_vectors(embedder) if shipped else None
        reader = MemoEmbedder(embedder, known) if known else embedder
        cached = feature_matrix(reader, [e.sentence for e in base], categories, groups)
        if path is not None:
            buffer = io.BytesIO()
            np.save(buffer, cached, allow_pickle=False)
            data = buffer.getvalue()
            write_atomically(path, lambda temporary: temporary.write_bytes(data))
    if not users:
        return cached
    extra = feature_matrix(embedder, [e.sentence for e in users], categories, groups)
    return np.vstack([cached, extra])


def train(
    embedder: Embedder,
    seeds: SeedSet,
    users: Sequence[LabelledSentence] = (),
    *,
    cache_dir: Path | None = None,
    warm_from: KindModel | None = None,
    shipped: bool = True,
) -> KindModel:
    """Embed the training examples and fit a model keyed by their fingerprint; the seed
    phrasings' vectors are kept with it (``vectors_for``)."""
    base = training_examples(seeds)
    examples = [*base, *users]
    known = warm_from.vectors_for(embedder.name) if warm_from is not None else {}
    vectors = seed_vectors(seeds, embedder, known)
    dim = len(next(iter(vectors.values()))) if vectors else 0
    groups = seed_groups(seeds, vectors, dim)
    features = example_features(embedder, base, users, seeds, groups, cache_dir, shipped=shipped)
    model = fit(
        features,
        [fine_class(e.label, e.category) for e in examples],
        [e.weight for e in examples],
        list(seeds.objection),
        key=training_key(examples, seeds, embedder.name),
        warm_from=warm_from,
        tol=1e-3 if warm_from is not None else 1e-4,
        kind_rows=kind_rows(examples),
    )
    texts = tuple(vectors)
    return dataclasses.replace(
        model,
        embedder=embedder.name,
        known_texts=texts,
        known_vectors=np.vstack([vectors[t] for t in texts]).astype(np.float32) if texts else None,
    )


def kind_rows(examples: Sequence[LabelledSentence]) -> list[bool]:
    """Which rows the kind softmax learns from: all but the seed phrasings of a category no
    labelled sentence has. Why: a dozen context-free phrasings as a class of their own moved
    every sentence's P(objection) (questions near the threshold became objections); such a
    category's sentences were objections of other categories already, and the category head
    still learns it from them."""
    labelled = {e.category for e in examples if e.label == "objection" and e.group != "seeds"}
    return [
        not (e.group == "seeds" and e.label == "objection" and e.category not in labelled)
        for e in examples
    ]


def builtin_model_path() -> Path:
    return Path(str(resources.files("pipeline").joinpath("data", MODEL_FILENAME)))


def builtin_features_path() -> Path:
    return Path(str(resources.files("pipeline").joinpath("data", FEATURES_FILENAME)))


def shipped_features(key: str) -> Matrix | None:
    """The built-in rows' features shipped beside the model (half precision), when made for the
    rows and embedder of ``key``. Why: a user's first answer re-fits the model, and embedding
    2,800 labelled sentences and their turns first took ten seconds more than the fit."""
    path = builtin_features_path()
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        if str(data["key"]) != key:
            return None
        features: Matrix = data["features"].astype(np.float32)
        return features


def shipped_vectors(embedder: Embedder) -> dict[str, Vectors] | None:
    """The built-in labelled sentences' vectors and their rep turns', read back from the shipped
    features (their first four blocks) when those were made for today's labelled rows and this
    embedder. Why: a workspace with its own seed file re-fits on different seeds but the same
    labelled rows; embedding those again took half a minute before the fit's few seconds."""
    path = builtin_features_path()
    if not path.is_file():
        return None
    with np.load(path, allow_pickle=False) as data:
        if "labelled_key" not in data or str(data["labelled_key"]) != labelled_key(embedder.name):
            return None
        features = data["features"]
    labelled = builtin_labelled()
    rows = features[len(features) - len(labelled) :].astype(np.float32)
    dim = embedder.dim
    known: dict[str, Vectors] = {}
    for e, row in zip(labelled, rows, strict=True):
        s = e.sentence
        known.setdefault(s.text, row[:dim])
        if s.context:  # the rep's turns are stored scaled (features.REP_TURN_SCALE)
            known.setdefault(s.context, row[2 * dim : 3 * dim] / REP_TURN_SCALE)
        if s.reply:
            known.setdefault(s.reply, row[3 * dim : 4 * dim] / REP_TURN_SCALE)
    return known


def _cached_fits(cache_dir: Path | None) -> list[Path]:
    if cache_dir is None or not cache_dir.is_dir():
        return []
    return sorted(cache_dir.glob(f"{CACHE_PREFIX}*.npz"), key=lambda p: p.stat().st_mtime)


def load_or_train(
    embedder: Embedder,
    seeds: SeedSet,
    users: Sequence[LabelledSentence],
    cache_dir: Path | None,
) -> KindModel:
    """The shipped model when it was fitted on exactly these examples with this embedder,
    else a cached fit from ``cache_dir``, else a fit warm-started from the newest cached one
    (or the shipped one), saved to ``cache_dir``."""
    key = training_key(training_examples(seeds, users), seeds, embedder.name)
    builtin = builtin_model_path()
    candidates = [builtin]
    if cache_dir is not None:
        candidates.append(cache_dir / f"{CACHE_PREFIX}{key}.npz")
    for path in candidates:
        if path.is_file():
            model = KindModel.load(path)
            if model.key == key:
                return model
    start = None
    for path in [builtin, *_cached_fits(cache_dir)][::-1]:
        try:
            start = KindModel.load(path)
        except (OSError, ValueError):
            continue
        break
    model = train(embedder, seeds, users, cache_dir=cache_dir, warm_from=start)
    if cache_dir is not None:
        model.save(candidates[-1])
        for old in _cached_fits(cache_dir)[:-KEEP_CACHED]:
            old.unlink(missing_ok=True)
    return model


def write_builtin_model(embedder: Embedder) -> Path:
    """Re-fit the shipped kind model (``make detector-model`` after editing the built-in seeds,
    cues or labels); a test fails while the shipped weights are stale."""
    seeds = load_seeds()
    with tempfile.TemporaryDirectory() as folder:
        model = train(embedder, seeds, cache_dir=Path(folder), shipped=False)
        key = training_key(training_examples(seeds), seeds, embedder.name)
        features = np.load(Path(folder) / f"features-{key}.npy", allow_pickle=False)
    buffer = io.BytesIO()
    np.savez_compressed(
        buffer,
        key=np.array(key),
        labelled_key=np.array(labelled_key(embedder.name)),
        features=features.astype(np.float16),
    )
    data = buffer.getvalue()

    def readable(temporary: Path) -> None:  # package data, like the model
        temporary.write_bytes(data)
        temporary.chmod(0o644)

    write_atomically(builtin_features_path(), readable)
    path = builtin_model_path()
    model.save(path)
    return path


def group_similarities(
    seeds: SeedSet, vectors: dict[str, Vectors], sentence_vectors: Vectors
) -> dict[str, Vectors]:
    """Best cosine of each sentence to each seed group (objection categories, why-now)."""
    out: dict[str, Vectors] = {}
    for name, texts in seeds.groups():
        if texts and (name.startswith("objection:") or name.startswith("why_now:")):
            block = np.vstack([vectors[t] for t in texts]).astype(np.float32)
            out[name] = (sentence_vectors @ block.T).max(axis=1)
    return out


def similarities_by_row(sims: dict[str, Vectors], prefix: str, rows: int) -> list[dict[str, float]]:
    """Each sentence's best cosines of the groups named ``<prefix><category>``, by category:
    one conversion of the columns, not one numpy scalar per sentence and group."""
    names = [name for name in sims if name.startswith(prefix)]
    if not names:
        return [{} for _ in range(rows)]
    categories = [name.split(":", 1)[1] for name in names]
    columns = np.stack([sims[name] for name in names], axis=1).tolist()
    return [dict(zip(categories, row, strict=True)) for row in columns]
