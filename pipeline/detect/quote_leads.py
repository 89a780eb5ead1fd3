"""A buyer's words quoted in a rep's note that end a sentence the rep began ("Price: Graham said
£32 per engineer "is fine for the big boys but we're six blokes and a van each"."): ingest keeps
the quote as the buyer's line and the rep's start as the note before it (``ingest.quotes``).
The quote is read with the rep's reported words before it, so its kind is the whole sentence's
(a price objection), while the quote stays the buyer's words alone; the rep's start is its
lead-in, context and no mention of its own.

Why: the rep's fragment "Price: Graham said £32 per engineer" had been the price objection (and
the theme's quote), the buyer's words "other" 0.72.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from pipeline.detect.classify import UtteranceLike
from pipeline.wording import opens_a_quote


@dataclass(frozen=True)
class QuoteLeads:
    """The notes that are a quote's lead-in, by index, and per quote's index the rep's
    reported words its first sentence is read with."""

    lead_ins: frozenset[int] = frozenset()
    reported: dict[int, str] = field(default_factory=dict)

    def read_as(self, index: int, sentence: int, text: str) -> str:
        """The text a sentence is read as: the reported words and the quote's first sentence."""
        words = self.reported.get(index) if sentence == 0 else None
        return f"{words} {text}" if words else text


def quote_leads(utterances: Sequence[UtteranceLike]) -> QuoteLeads:
    """Each quote right after the note whose sentence it ends, in the same call."""
    lead_ins: set[int] = set()
    reported: dict[int, str] = {}
    for index in range(1, len(utterances)):
        note, quote = utterances[index - 1], utterances[index]
        same_call = getattr(note, "call_id", None) == getattr(quote, "call_id", None)
        if note.role != "rep_note" or quote.role == "rep_note" or not same_call:
            continue
        words = opens_a_quote(note.text)
        if words is not None:
            lead_ins.add(index - 1)
            reported[index] = words
    return QuoteLeads(frozenset(lead_ins), reported)
