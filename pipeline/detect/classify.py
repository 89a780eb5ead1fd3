"""The detect stage's contract: what a detector takes (``UtteranceLike``) and gives back
(``Detection``), the kinds and categories, and what it shares with its optional second opinion
(an LLM): the sentence to score with its surroundings and the checker protocol."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal, Protocol

if TYPE_CHECKING:
    from pipeline.redact import Redactor

# Every buyer sentence gets exactly one of these kinds.
Kind = Literal["objection", "pain", "question", "current_setup", "other"]
KINDS: tuple[Kind, ...] = ("objection", "pain", "question", "current_setup", "other")
# What a rep's own label in a note may say of its words besides a kind (``note_kind``): the
# rep's plan ("Next steps:"), a field of the deal's record ("Competitor:"), the buyer's reason
# to act now ("Why now:", "Trigger:"; a why-now tag, no kind).
PLAN_NOTE = "plan"
RECORD_NOTE = "record"
WHY_NOW_NOTE = "why_now"
NOTE_KINDS: tuple[str, ...] = (*KINDS[:-1], PLAN_NOTE, RECORD_NOTE, WHY_NOW_NOTE)
# Tags ride on a sentence of any kind: a competitor named, a reason to act now.
Tag = Literal["competitor", "why_now"]
TAGS: tuple[Tag, ...] = ("competitor", "why_now")
DetectionKind = Literal[
    "objection", "pain", "question", "current_setup", "other", "competitor", "why_now"
]
KIND_LABELS: dict[str, str] = {
    "objection": "objection",
    "pain": "pain",
    "question": "question",
    "current_setup": "current set-up",
    "other": "other",
}
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
    # Last, so the first ten keep their review-page number keys (``api/pages/review.py``).
    "missing_feature",
    "vendor_trust",
)
WHY_NOW_CATEGORIES = ("deadline", "cost", "risk", "event")
DETECTED_ROLES = ("buyer", "unknown", "rep_note")
# Roles whose sentences are the buyer's words: said by them, or quoted in a rep's note about them.
# An unknown speaker may be the rep.
SAID_BY_THE_BUYER = ("buyer", "rep_note")


@dataclass(frozen=True)
class Detection:
    """One detected unit inside an utterance; ``text == utterance.text[char_start:char_end]``.

    A sentence has one detection of a ``KINDS`` kind (``confidence`` is that kind's calibrated
    probability, ``objection_probability`` what the review queue ranks by) and any number of
    tag detections (competitor, why-now) on the same span.
    """

    kind: DetectionKind
    category: str | None
    text: str
    char_start: int
    char_end: int
    competitor: str | None = None
    confidence: float = 1.0
    objection_probability: float | None = None
    source: str = "model"  # model | user | llm
    # An objection's category lead over the next (``model.category_margin``): the queue asks
    # the near ties. None on other kinds, tags and a user's verdicts.
    category_margin: float | None = None


class UtteranceLike(Protocol):
    """Anything with an id, a speaker role and a text (ORM rows, parsed utterances, tuples)."""

    @property
    def id(self) -> int: ...

    @property
    def role(self) -> str: ...

    @property
    def text(self) -> str: ...


def speaker_names(utterances: Sequence[UtteranceLike]) -> list[str]:
    """Speaker names in these utterances (ORM rows have them), for redaction."""
    return sorted({str(name) for u in utterances if (name := getattr(u, "speaker", None))})


class Detector(Protocol):
    """A detect stage: every implementation returns detections keyed by utterance id."""

    name: str

    def detect(
        self,
        text: str,
        *,
        role: str = "buyer",
        competitors: Sequence[str] = (),
        ours: Sequence[str] = (),
    ) -> list[Detection]: ...

    def detect_utterances(
        self,
        utterances: Sequence[UtteranceLike],
        *,
        competitors: Sequence[str] = (),
        redactor: Redactor | None = None,
        ours: Sequence[str] = (),
        elsewhere: Sequence[str] = (),
        work: Sequence[str] = (),
    ) -> dict[int, list[Detection]]: ...


@dataclass(frozen=True)
class SentenceInput:
    """One buyer sentence where it was said: its text, the buyer turn it sits in, the rep's
    turn before it (``context``, its end) and after it (``reply``, its start), and where the
    turn sits in the call."""

    text: str
    turn: str
    context: str = ""
    competitors: tuple[str, ...] = ()
    reply: str = ""
    position: float = 0.5  # the turn's index in the call / (turns - 1)
    index_in_turn: int = 0
    turn_size: int = 1
    # The rivals the call's own record lists (and the settings'): their common-word short
    # forms count here ("keep Arbor" for "Arbor FD"), not on every call of the workspace.
    listed: tuple[str, ...] = ()
    # The kind the rep's own label in a note gave it ("Pain:" -> "pain", "Next steps:" ->
    # "plan"), its label out of the text (``pipeline/ingest/inline_labels.py``); None: no label.
    note_kind: str | None = None
    # The objection category the rep's label named ("Price objection:", "Security question:"),
    # for an objection or a question of the kind the label gave; None: none named.
    note_category: str | None = None
    # The buyer's turn the rep's turn before (``context``) answered, when this turn follows the
    # rep's straight away ("Does it work offline?" before "Not yet."); "" when none.
    asked: str = ""


@dataclass(frozen=True)
class KindVerdict:
    """A second opinion on one sentence: its kind, the objection category, how sure, and why."""

    kind: Kind
    category: str | None
    confidence: float
    reason: str = ""


class KindChecker(Protocol):
    """Optional second opinion (an LLM) on the sentences the detector is not sure are small talk.

    Per sentence a ``KindVerdict`` or None (no verdict: the detector's stands). ``redactor``
    hides the calls' people before text leaves (``redactor_for``: brands and our people kept).
    Raising ``LLMError`` leaves every sentence to the detector.
    """

    def check(
        self, sentences: Sequence[SentenceInput], categories: Sequence[str], *, redactor: Redactor
    ) -> list[KindVerdict | None]: ...


@dataclass(frozen=True)
class BuyerSentence:
    """A buyer sentence where it was said: its utterance, span and what the model reads."""

    utterance_id: int
    role: str
    start: int
    end: int
    text: str
    scored: SentenceInput
    ours: tuple[str, ...] = ()  # our company's and product's names: never a rival
    call: str = ""  # the whole call's text: a guess it says as the buyer's own place is none
    work: tuple[str, ...] = ()  # what our product does (its profile): a tool for other work is none
