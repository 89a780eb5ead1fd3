"""The detectors a workspace may pick by name (``rules`` by default): a plug-in registers its
factory in ``DETECTORS``."""

from __future__ import annotations

from collections.abc import Callable

from pipeline.config import Settings
from pipeline.detect.classify import Detector
from pipeline.detect.detector import RuleEmbeddingDetector
from pipeline.embed import Embedder
from pipeline.errors import BadInput

DetectorFactory = Callable[[Settings, Embedder], Detector]
DETECTORS: dict[str, DetectorFactory] = {"rules": RuleEmbeddingDetector.from_settings}


def create_detector(settings: Settings, embedder: Embedder, name: str = "rules") -> Detector:
    """The detector registered under ``name`` (``rules`` by default)."""
    try:
        factory = DETECTORS[name]
    except KeyError:
        raise BadInput(f"unknown detector {name!r}; choose from {sorted(DETECTORS)}") from None
    return factory(settings, embedder)
