"""How a comparison words a line it lists under a heading: whose words (a rep's note is the
rep's, never the buyer's), from which deal, and "lost to" the rival only where a lost deal's
own words say the rival won it.

Why: a won deal's CRM note ("right now X does our support", the buyer's set-up) had been listed
as "Lost to X, the rep's note: ...": every rep's note where the rival fits better read so.
"""

from __future__ import annotations

from pipeline.content.drafts import say_quoting
from pipeline.content.evidence import Quote
from pipeline.content.types import FitPoint


def said_of_them(quote: Quote, name: str, words: str) -> FitPoint:
    """A quote (its ``words``: all of it, or the clause on the heading's point) of what a
    buyer said of the rival, with its deal's outcome; a rep's note as the rep's, never the
    buyer's words, and "lost to" only where it goes under where they fit better."""
    said = "rep_note_said" if quote.role == "rep_note" else "rival_said"
    text = say_quoting(said, 240, text=words, outcome=quote.outcome)
    return FitPoint(text=text, citations=[quote.id], facts=[])


def strong_in_them(quote: Quote, name: str, won: frozenset[int], words: str) -> FitPoint:
    """Where buyers found the rival strong (``words`` of the quote): "lost to" only where the
    deal's words say so (``won``: the lost calls it won; a won deal's note had read so)."""
    if quote.role == "rep_note" and quote.outcome == "lost" and quote.call_id in won:
        text = say_quoting("lost_to_note", 240, name=name, text=words)
    elif quote.role == "rep_note":
        text = say_quoting("rep_note_said", 240, text=words, outcome=quote.outcome)
    elif quote.outcome == "lost":
        text = say_quoting("lost_to", 240, name=name, text=words, won=quote.call_id in won)
    else:
        text = say_quoting("strong_in", 240, name=name, text=words, outcome=quote.outcome)
    return FitPoint(text=text, citations=[quote.id], facts=[])
