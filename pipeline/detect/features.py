"""The objection model's features: the sentence's vector, its turn's, the rep's turn before it,
and the cue rules' evidence as numbers."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from pipeline.detect import rules
from pipeline.detect.classify import SentenceInput
from pipeline.embed import Embedder, label_sums, normalise

Matrix = npt.NDArray[np.float32]


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
