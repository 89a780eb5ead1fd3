"""Objection model: a small logistic model that scores buyer sentences for the detect stage.

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

import csv
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
import numpy.typing as npt
from sklearn.linear_model import LogisticRegression

from pipeline import detect_rules as rules
from pipeline.cluster import label_sums
from pipeline.embed import Embedder, normalise
from pipeline.errors import BadInput
from pipeline.files import locked, write_text_atomically

Matrix = npt.NDArray[np.float32]
FEATURE_VERSION = 2
LABELS_FILENAME = "objection_labels.csv"
MODEL_FILENAME = "objection_model.npz"
CONTEXT_CHARS = 300  # the end of the rep's turn is what the buyer answers
SEED_WEIGHT = 0.3  # seeds are clean but context-free; labelled turns teach more
REGULARISATION = 1.0
LABEL_VALUES = ("objection", "question", "other")
REQUIRED_COLUMNS = ("label", "category", "text")


def context_text(rep_turn: str) -> str:
    """The part of the rep's last turn that the model reads as context."""
    return rep_turn.strip()[-CONTEXT_CHARS:]


@dataclass(frozen=True)
class SentenceInput:
    """One sentence to score: its text, the buyer turn it sits in, the rep turn before it."""

    text: str
    turn: str
    context: str = ""
    competitors: tuple[str, ...] = ()


@dataclass(frozen=True)
class LabelledSentence:
    """A training example; ``group`` names where it came from (a call file, ``seeds``)."""

    sentence: SentenceInput
    label: str
    category: str
    group: str
    weight: float = 1.0


# --- training data ---------------------------------------------------------------------------


def parse_labelled(text: str, *, filename: str) -> list[LabelledSentence]:
    """Read a labels CSV (``label,category,text`` plus optional ``file,utterance,turn,context``).

    A row's turn is its ``turn`` column, else the sentences sharing its ``file`` and
    ``utterance``, in file order.
    """
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise BadInput(f"missing column(s) {', '.join(missing)}", filename=filename)
    rows = list(reader)
    turns: dict[tuple[str, str], list[str]] = {}
    for number, row in enumerate(rows, start=2):
        if row["label"] not in LABEL_VALUES:
            raise BadInput(f"line {number}: label must be one of {LABEL_VALUES}", filename=filename)
        if row["label"] == "objection" and not row["category"]:
            raise BadInput(f"line {number}: an objection needs a category", filename=filename)
        key = (row.get("file") or filename, row.get("utterance") or str(number))
        turns.setdefault(key, []).append(row["text"].strip())
    examples = []
    for number, row in enumerate(rows, start=2):
        key = (row.get("file") or filename, row.get("utterance") or str(number))
        turn = (row.get("turn") or "").strip() or " ".join(turns[key])
        sentence = SentenceInput(row["text"].strip(), turn, context_text(row.get("context") or ""))
        category = row["category"] if row["label"] == "objection" else ""
        examples.append(LabelledSentence(sentence, row["label"], category, key[0]))
    return examples


def seed_examples(
    objection: dict[str, list[str]], not_objection: Sequence[str]
) -> list[LabelledSentence]:
    """Seed phrasings as context-free training sentences with a lower weight."""
    examples = [
        LabelledSentence(SentenceInput(text, text), "objection", category, "seeds", SEED_WEIGHT)
        for category, texts in objection.items()
        for text in texts
    ]
    examples += [
        LabelledSentence(SentenceInput(text, text), "other", "", "seeds", SEED_WEIGHT)
        for text in not_objection
    ]
    return examples


def builtin_labelled() -> list[LabelledSentence]:
    """The labelled example-call sentences that ship with callmine."""
    text = resources.files("pipeline").joinpath("data", LABELS_FILENAME).read_text("utf-8")
    return parse_labelled(text, filename=LABELS_FILENAME)


def user_labelled(data_dir: Path | None) -> list[LabelledSentence]:
    """``<data_dir>/objection_labels.csv`` when a user keeps one, else nothing."""
    path = data_dir / LABELS_FILENAME if data_dir is not None else None
    if path is None or not path.is_file():
        return []
    return parse_labelled(path.read_text("utf-8-sig"), filename=str(path))


USER_LABEL_COLUMNS = ("file", "utterance", "label", "category", "text", "turn", "context")


def record_user_label(data_dir: Path, example: LabelledSentence, *, utterance: str) -> Path:
    """Add a user's verdict on one sentence to ``<data_dir>/objection_labels.csv``.

    A newer verdict on the same sentence (same ``group``, utterance and text) replaces the
    older one; the user's other rows and columns are kept. Written atomically, under a lock.
    """
    if example.label not in LABEL_VALUES:
        raise BadInput(f"label must be one of {LABEL_VALUES}")
    path = data_dir / LABELS_FILENAME
    sentence = example.sentence
    new = {
        "file": example.group,
        "utterance": utterance,
        "label": example.label,
        "category": example.category if example.label == "objection" else "",
        "text": sentence.text.strip(),
        "turn": sentence.turn.strip(),
        "context": sentence.context,
    }

    def where(row: dict[str, str]) -> tuple[str, str, str]:
        return row.get("file") or "", row.get("utterance") or "", (row.get("text") or "").strip()

    with locked(path):
        rows: list[dict[str, str]] = []
        columns = list(USER_LABEL_COLUMNS)
        if path.is_file():
            reader = csv.DictReader(io.StringIO(path.read_text("utf-8-sig")))
            columns += [c for c in reader.fieldnames or [] if c not in columns]
            rows = list(reader)
        rows = [r for r in rows if where(r) != where(new)]
        rows.append(new)
        out = io.StringIO()
        writer = csv.DictWriter(out, fieldnames=columns, restval="", lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
        write_text_atomically(path, out.getvalue())
    return path


def sentence_key(text: str, context: str) -> tuple[str, str]:
    """What identifies a labelled sentence where it was said: its words and the end of the
    rep's turn before it (spacing ignored, so a re-read transcript still matches)."""
    return " ".join(text.split()), " ".join(context.split())[-200:]


# --- features ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class RuleEvidence:
    """What the cue rules found in a sentence that the detector needs too (found once)."""

    hits: tuple[rules.CompetitorHit, ...]
    question: bool


def rule_evidence(sentence: SentenceInput, *, ignore: Sequence[str] = ()) -> RuleEvidence:
    """Competitor hits (names in ``ignore`` skipped) and whether the sentence is a question."""
    hits = rules.find_competitors(sentence.text, sentence.competitors, ignore=ignore)
    return RuleEvidence(tuple(hits), rules.is_question(sentence.text))


def cue_features(
    sentence: SentenceInput, categories: Sequence[str], evidence: RuleEvidence | None = None
) -> list[float]:
    """Rule evidence as numbers: hesitation, praise, question, length, rivals, topic cues."""
    cues = rules.cue_scores(sentence.text)
    found = evidence if evidence is not None else rule_evidence(sentence)
    hits = found.hits
    relations = {h.relation for h in hits if h.known}
    return [
        cues.concern,
        float(cues.positive),
        float(found.question),
        min(len(sentence.text.split()), 40) / 20,
        float("current" in relations),
        float("evaluated" in relations),
        float(bool(hits)),
        *(min(cues.categories.get(c, 0), 2) / 2 for c in categories),
    ]


def _embed_unique(embedder: Embedder, texts: Sequence[str], dim: int) -> Matrix:
    """Vectors for ``texts`` with each distinct text embedded once; empty text is a zero row."""
    unique = sorted({t for t in texts if t})
    out = np.zeros((len(texts), dim), dtype=np.float32)
    if unique:
        vectors = embedder.encode(unique)
        row = {t: i for i, t in enumerate(unique)}
        for i, text in enumerate(texts):
            if text:
                out[i] = vectors[row[text]]
    return out


def _turn_vectors(sentences: Sequence[SentenceInput], own: Matrix) -> Matrix:
    """Each sentence's turn vector: the normalised mean of its turn's sentence vectors.

    Why not embed the turn: that would cost a second encoder pass for every multi-sentence
    turn (a seventh of the embedding time on short texts) for a small gain in cross-validation
    (README). Sentences of a turn must all be in ``sentences`` (detection and training both
    pass them).
    """
    turn_of: dict[str, int] = {}
    labels = np.array(
        [turn_of.setdefault(s.turn.strip() or s.text, len(turn_of)) for s in sentences],
        dtype=np.int64,
    )
    turn: Matrix = normalise(label_sums(own, labels, len(turn_of)))[labels]
    return turn


def feature_matrix(
    embedder: Embedder,
    sentences: Sequence[SentenceInput],
    categories: Sequence[str],
    sentence_vectors: Matrix | None = None,
    evidence: Sequence[RuleEvidence] | None = None,
) -> Matrix:
    """One row per sentence: sentence, turn and context vectors, then the cue features.

    Pass ``sentence_vectors`` and ``evidence`` when the caller has them already; then only the
    rep contexts cost extra embedding.
    """
    if not sentences:
        return np.zeros((0, 0), dtype=np.float32)
    own = (
        sentence_vectors
        if sentence_vectors is not None
        else embedder.encode([s.text for s in sentences])
    )
    dim = int(own.shape[1])
    turn = _turn_vectors(sentences, own)
    context = _embed_unique(embedder, [s.context for s in sentences], dim)
    found = evidence if evidence is not None else [None] * len(sentences)
    cues = np.array(
        [cue_features(s, categories, e) for s, e in zip(sentences, found, strict=True)],
        dtype=np.float32,
    )
    return np.hstack([own, turn, context, cues]).astype(np.float32)


# --- the model --------------------------------------------------------------------------------


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
