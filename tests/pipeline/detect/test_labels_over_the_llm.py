"""A sentence the rep's own label sorted ("Pain: …", "Objection: …", "Next steps: …") is never
sent to the LLM for a second opinion: the rep heard the call and said what it was; an unlabelled
sentence beside it still goes."""

from __future__ import annotations

from collections.abc import Sequence

import pytest

from pipeline.config import Settings
from pipeline.detect import KindVerdict, RuleEmbeddingDetector
from pipeline.detect.classify import SentenceInput
from pipeline.embed import Embedder
from pipeline.redact import Redactor
from tests.pipeline.detect.lines import Line


class CallsEverythingOther:
    """A second opinion that calls every sentence small talk, and records what it was sent."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def check(
        self, sentences: Sequence[SentenceInput], categories: Sequence[str], *, redactor: Redactor
    ) -> list[KindVerdict | None]:
        self.seen.extend(s.text for s in sentences)
        return [KindVerdict("other", None, 0.9, "small talk") for _ in sentences]


@pytest.mark.parametrize(
    ("labelled", "kind", "unlabelled"),
    [
        ("the kennel rota is redone every Sunday night.", "pain",
         "They might look again in spring."),
        ("the pickers won't learn another handheld app.", "objection",
         "Their ops lead is unsure about the handhelds."),
        ("can the deposit go straight to Stripe?", "question",
         "She is comparing two other tools."),
    ],
)  # fmt: skip
def test_a_labelled_sentence_keeps_the_reps_kind(
    embedder: Embedder, labelled: str, kind: str, unlabelled: str
) -> None:
    checker = CallsEverythingOther()
    detector = RuleEmbeddingDetector.from_settings(
        Settings(_env_file=None, data_dir="unused"), embedder
    )
    detector.checker = checker
    lines = [
        Line(1, "rep_note", labelled, note_kind=kind),
        Line(2, "rep_note", unlabelled),
        Line(3, "rep_note", "send the case study", note_kind="plan"),
    ]
    found = detector.detect_utterances(lines)
    [said] = [d for d in found[1] if d.kind not in ("competitor", "why_now")]
    assert (said.kind, said.source) == (kind, "model")
    assert labelled not in checker.seen and "send the case study" not in checker.seen
    assert unlabelled in checker.seen
