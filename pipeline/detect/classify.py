"""The detect stage's contract: what a detector takes (``UtteranceLike``) and gives back
(``Detection``), the categories, and what it shares with its optional second opinion (an LLM):
the sentence to score and the classifier protocol, with ``UNDECIDED`` for "no verdict"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, Protocol

DetectionKind = Literal["objection", "question", "competitor", "why_now"]
OBJECTION_CATEGORIES = (
    "price",
    "contract",
    "switching",
    "setup_time",
    "integrations",
    "security",
    "adoption",
    "authority_timing",
    "status_quo",
    "competitor",
)
WHY_NOW_CATEGORIES = ("deadline", "cost", "risk", "event")
DETECTED_ROLES = ("buyer", "unknown", "rep_note")


@dataclass(frozen=True)
class Detection:
    """One detected unit inside an utterance; ``text == utterance.text[char_start:char_end]``."""

    kind: DetectionKind
    category: str | None
    text: str
    char_start: int
    char_end: int
    competitor: str | None = None
    confidence: float = 1.0


class UtteranceLike(Protocol):
    """Anything with an id, a speaker role and a text (ORM rows, parsed utterances, tuples)."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def text(self) -> str: ...


class Detector(Protocol):
    """A detect stage: every implementation returns detections keyed by utterance id."""

    name: str

    def detect(
        self, text: str, *, role: str = "buyer", competitors: Sequence[str] = ()
    ) -> list[Detection]: ...

    def detect_utterances(
        self, utterances: Sequence[UtteranceLike], *, competitors: Sequence[str] = ()
    ) -> dict[int, list[Detection]]: ...


@dataclass(frozen=True)
class SentenceInput:
    """One sentence to score: its text, the buyer turn it sits in, the rep turn before it."""

    text: str
    turn: str
    context: str = ""
    competitors: tuple[str, ...] = ()


UNDECIDED = ""  # an ObjectionClassifier's "no verdict": the objection model decides


class ObjectionClassifier(Protocol):
    """Optional second opinion (e.g. an LLM) on borderline sentences.

    Per sentence: a category (an objection), None (not one) or ``UNDECIDED`` (keep the model's
    decision). ``names`` are the speakers of the calls, to redact before text leaves. Raising
    ``LLMError`` leaves every sentence of the batch to the model.
    """

    def classify(
        self,
        sentences: Sequence[SentenceInput],
        categories: Sequence[str],
        *,
        names: Sequence[str] = (),
    ) -> list[str | None]: ...
