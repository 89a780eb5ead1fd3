"""What the detector and its optional second opinion (an LLM) share: the sentence to score and
the classifier protocol, with ``UNDECIDED`` for "no verdict"."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


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
