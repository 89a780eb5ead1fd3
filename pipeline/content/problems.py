"""A pain theme's lead quote: the buyer's own statement of the problem, one that reads alone.
A use case had stated its problems with "Does it talk to LedgerLeaf? …" (a question) and
"Because last month a locum swapped…" (a thought begun in the sentence before)."""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.citable import Quote
from pipeline.content.cluster_evidence import ClusterEvidence
from pipeline.content.quote_text import reads_as_question, reads_as_statement


def problem_quote(quotes: Sequence[Quote], used: set[int]) -> Quote | None:
    """The first unused quote that states the problem (``reads_as_statement``), else the first
    that asks about it (``reads_as_question``: the page says it was asked), else none."""
    fresh = [q for q in quotes if q.id not in used]
    return next((q for q in fresh if reads_as_statement(q.text)), None) or next(
        (q for q in fresh if reads_as_question(q.text)), None
    )


def lead_problem(
    pains: Sequence[ClusterEvidence], quotes_of: dict[int, list[Quote]]
) -> tuple[ClusterEvidence, Quote] | None:
    """The page's one problem: the first theme of ``pains`` whose buyers state it, else the
    first where one asks about it; none where no quote of any reads alone."""
    for wants in (reads_as_statement, reads_as_question):
        for pain in pains:
            quote = next((q for q in quotes_of[pain.id] if wants(q.text)), None)
            if quote is not None:
                return pain, quote
    return None


def asks(quote: Quote) -> bool:
    """Whether a problem's lead quote asks rather than states (worded "one buyer asked")."""
    return reads_as_question(quote.text) and not reads_as_statement(quote.text)
