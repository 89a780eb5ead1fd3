"""Detect stage: objections (with category and confidence), questions, competitor mentions and
why-now triggers in the buyer's sentences.

- ``detector``: the ``Detector`` protocol, the default ``RuleEmbeddingDetector`` and the
  ``DETECTORS`` registry.
- ``rules``: the cue rules; the cue phrases themselves are data in ``pipeline/data/cues.toml``.
- ``sentences``: the sentence spans detection scores and quotes cite.
- ``seeds``, ``labels``, ``features``, ``train``: the objection model, from the seed phrasings
  and labelled sentences (built in, and the verdicts a user records) to the fitted weights.
- ``classify``: what the optional second opinion shares with the detector (``UNDECIDED``);
  ``llm_check``: that second opinion through an LLM.
"""

from __future__ import annotations

from pipeline.detect.classify import (
    DETECTED_ROLES,
    OBJECTION_CATEGORIES,
    UNDECIDED,
    WHY_NOW_CATEGORIES,
    Detection,
    Detector,
    ObjectionClassifier,
    SentenceInput,
    UtteranceLike,
)
from pipeline.detect.detector import (
    DEFAULT_THRESHOLD,
    DETECTORS,
    RuleEmbeddingDetector,
    create_detector,
)
from pipeline.detect.seeds import SeedSet, load_seeds
from pipeline.detect.sentences import split_sentences
from pipeline.detect.train import training_examples, write_builtin_model

__all__ = [
    "DEFAULT_THRESHOLD",
    "DETECTED_ROLES",
    "DETECTORS",
    "OBJECTION_CATEGORIES",
    "UNDECIDED",
    "WHY_NOW_CATEGORIES",
    "Detection",
    "Detector",
    "ObjectionClassifier",
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
