"""Each sentence's loss reason, read in the call's order: the buyer's choice of a rival or a
note's reason line (``loss_reasons``), a note naming who took the deal (``deal_news``), and the
reason the buyer gives right after saying they chose a rival ("To be upfront, the board picked
PharmStock on Monday. It came down to price per branch, ...": price, lost to PharmStock).

Why apart from ``detector.py``: the reason after a choice is read from the sentence before it,
which the detector's sentence-by-sentence verdicts never see; the lost deal's reason had been
"other 0.711" beside the choice it explains.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.detect.classify import BuyerSentence
from pipeline.detect.deal_news import loss_in_note
from pipeline.detect.features import RuleEvidence
from pipeline.detect.loss_reasons import LossReason, loss_reason, reason_after_loss
from pipeline.detect.model import KindScore


def loss_reasons_in_order(
    sentences: Sequence[BuyerSentence],
    scores: Sequence[KindScore],
    evidence: Sequence[RuleEvidence],
) -> list[LossReason | None]:
    """Per sentence (a call's, in order), the loss reason it states, else the one it gives
    right after a sentence naming the rival chosen; None for the rest."""
    said: list[LossReason | None] = []
    found: list[LossReason | None] = []
    for row, sentence in enumerate(sentences):
        rivals = [*sentence.scored.competitors, *(h.name for h in evidence[row].hits)]
        own = loss_reason(sentence.scored, sentence.role, evidence[row].hits, scores[row])
        own = own or loss_in_note(sentence.text, sentence.role, sentence.ours, rivals)
        said.append(own)
        before = said[row - 1] if row else None
        if own is None and before is not None and before.rival is not None:
            if _right_after(sentences[row - 1], sentence):
                own = reason_after_loss(sentence.scored, before)
        found.append(own)
    return found


def _right_after(before: BuyerSentence, sentence: BuyerSentence) -> bool:
    """Whether ``sentence`` follows ``before`` with no other words of theirs between: the next
    sentence of the same turn, or the first of their next turn (the rep's "What swung it?" may
    lie between)."""
    if before.utterance_id == sentence.utterance_id:
        return sentence.scored.index_in_turn == before.scored.index_in_turn + 1
    return (
        sentence.scored.index_in_turn == 0
        and before.scored.index_in_turn == before.scored.turn_size - 1
        and before.role == sentence.role
        and before.call == sentence.call
    )
