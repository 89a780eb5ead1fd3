"""Detect stage: one kind per buyer sentence (objection, pain, question, current set-up, other)
with an objection category and a calibrated confidence, plus competitor and why-now tags.

- ``detector``: the ``Detector`` protocol's default ``RuleEmbeddingDetector`` and the
  ``DETECTORS`` registry.
- ``rules``: the cue rules; the cue phrases themselves are data in ``pipeline/data/cues.toml``.
- ``sentences``: the sentence spans detection scores and quotes cite.
- ``seeds``, ``labels``, ``features``, ``model``, ``train``: the kind model, from the seed
  phrasings and labelled sentences (built in, and the verdicts a user records) to the weights.
- ``queue``: which sentences a user's verdict would teach the detector most.
- ``classify``: the contract (kinds, ``Detection``, the ``KindChecker`` seam);
  ``llm_check``: the LLM's check through that seam.
"""

from __future__ import annotations

from pipeline.config import DEFAULT_OBJECTION_THRESHOLD as DEFAULT_THRESHOLD
from pipeline.detect.classify import (
    DETECTED_ROLES,
    KIND_LABELS,
    KINDS,
    OBJECTION_CATEGORIES,
    TAGS,
    WHY_NOW_CATEGORIES,
    Detection,
    Detector,
    Kind,
    KindChecker,
    KindVerdict,
    SentenceInput,
    UtteranceLike,
)
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.detect.registry import DETECTORS, create_detector
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.detect.sentences import split_sentences
from pipeline.detect.train import training_examples, write_builtin_model

__all__ = [
    "DEFAULT_THRESHOLD",
    "DETECTED_ROLES",
    "DETECTORS",
    "KINDS",
    "KIND_LABELS",
    "OBJECTION_CATEGORIES",
    "TAGS",
    "WHY_NOW_CATEGORIES",
    "Detection",
    "Detector",
    "Kind",
    "KindChecker",
    "KindVerdict",
    "RuleEmbeddingDetector",
    "SeedSet",
    "SentenceInput",
    "UtteranceLike",
    "create_detector",
    "load_seeds",
    "split_sentences",
    "training_examples",
    "write_builtin_model",
]
