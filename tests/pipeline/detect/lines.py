"""A transcript line as the detector reads it (``classify.UtteranceLike``), for tests that
detect a few sentences without a database."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pipeline.detect import RuleEmbeddingDetector


@dataclass(frozen=True)
class Line:
    id: int
    role: str
    text: str
    call_id: int = 1
    note_kind: str | None = None  # the rep's label in a note (``Utterance.note_kind``)


def buyer_kinds(detector: RuleEmbeddingDetector, sentences: list[str]) -> dict[str, str]:
    """Each sentence said alone by a buyer, and the kind the detector gives it (tags aside)."""
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(sentences)])
    return {
        text: next(d.kind for d in found[i] if d.kind not in ("competitor", "why_now"))
        for i, text in enumerate(sentences)
    }


def kinds_after_the_rep(
    detector: RuleEmbeddingDetector, turns: list[tuple[str, str]]
) -> dict[str, str]:
    """Each buyer line said right after its rep's turn (a call of two lines), and the kind the
    detector gives it (tags aside)."""
    found: dict[str, str] = {}
    for rep, buyer in turns:
        detected = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
        found[buyer] = next(d.kind for d in detected if d.kind not in ("competitor", "why_now"))
    return found


def sentence_kinds(detector: RuleEmbeddingDetector, turns: list[str]) -> dict[str, str]:
    """Each sentence of each buyer turn (turns said one after another in a call), and the kind
    the detector gives it (tags aside)."""
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(turns)])
    return {
        d.text: d.kind
        for detections in found.values()
        for d in detections
        if d.kind not in ("competitor", "why_now")
    }


def buyer_verdicts(
    detector: RuleEmbeddingDetector, lines: list[Line]
) -> dict[str, tuple[str, str | None]]:
    """Each buyer sentence of ``lines`` and the kind and category the detector gives it (tags
    aside)."""
    found = detector.detect_utterances(lines)
    return {
        d.text: (d.kind, d.category)
        for line in lines
        if line.role == "buyer"
        for d in found[line.id]
        if d.kind not in ("competitor", "why_now")
    }
