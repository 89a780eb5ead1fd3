"""The citable items of an evidence pack: buyer and rep quotes (``Q<n>``), competitor facts
(``F<n>``) and buyer phrases. Kept apart from ``evidence`` so it stays one concern."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from pipeline.call_names import call_name, known_outcome


@dataclass(frozen=True)
class Quote:
    """One citable line: a buyer mention, or a rep answer after an objection in a won deal."""

    id: int
    text: str
    # buyer|rep|rep_note (a rep's note about the buyer: never cited as their words)|unknown (a
    # speaker whose side is unknown: maybe our rep, never cited as the buyer's words)
    role: str
    kind: str  # objection|question|competitor|why_now|answer
    call_id: int
    utterance_id: int
    mention_id: int | None
    call_date: dt.date | None
    account: str | None
    outcome: str
    speaker: str
    cluster_id: int | None
    competitor: str | None = None
    replies_to: int | None = None  # an answer's objection: the quote id it followed
    category: str | None = None  # a buyer objection's or question's category
    # The quoted mention's sentence in its utterance (``utterance.text[char_start:char_end]``):
    # where staleness looks for it again once redetect has made its mention anew.
    char_start: int | None = None
    char_end: int | None = None
    industry: str | None = None  # its call's
    # A buyer mention read with less than ``confident_at``: quoted after the confident ones and
    # never a document's opening line while one is left (a won deal's "We signed off on the
    # budget yesterday" at 0.23 had opened a pricing page).
    uncertain: bool = False
    # The detector's confidence in a buyer mention (None for a rep's reply): how surely the
    # quote states its worry, which orders a page's worries before any reply beside them.
    confidence: float | None = None
    # The words said just before it in its turn, shown apart before a quote that cannot stand
    # alone ("…the onboarding took our team three weeks. **And then the price.**"), redacted.
    lead_in: str = ""
    title: str | None = None  # its call's, redacted: names the call where no account does

    @property
    def label(self) -> str:
        return f"Q{self.id}"

    @property
    def source(self) -> str:
        """Where it was said, for the reader: ``buyer, Acme, call 4, 2024-05-02, lost``; by what
        is known of it (``call_names``): ``buyer, call 4, no date`` names no account nor outcome
        nobody gave. ``publish.published`` reads these lines back."""
        named = call_name(self.account, self.title, self.call_id)
        parts = [self.speaker, *([named] if named != f"call {self.call_id}" else [])]
        parts += [
            f"call {self.call_id}",
            self.call_date.isoformat() if self.call_date else "no date",
        ]
        parts += [outcome] if (outcome := known_outcome(self.outcome)) else []
        return ", ".join(parts)


@dataclass(frozen=True)
class Fact:
    """A user-entered competitor fact, citable as ``F<n>``."""

    id: int
    fact_id: int
    competitor: str
    text: str
    source: str | None

    @property
    def label(self) -> str:
        return f"F{self.id}"


@dataclass(frozen=True)
class Phrase:
    text: str
    count: int
