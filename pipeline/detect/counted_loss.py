"""A loss today's way of working costs the buyer, counted: "I reckon we lose thirty-odd berth
holders a year that way.", "Last year we wrote off about nine thousand pounds of dues we just
couldn't chase.", "That costs us about two grand a month in overtime."

Why a rule after the model: the loss words ("lose", "write off", "costs us") are also how a buyer
weighs what a move to us would cost, and the model had read such counts as switching or price
objections. A loss counted (a figure, a share, a rate) and said as happening or done is a pain, a
reason to buy; not what a move or a term would cost ("We'd lose our data if we switched.", "We'd
lose the discount if we left before March."), nor a loss to a named rival (the model's), nor
asked. The phrases are data (``[counted_loss]`` in ``cues.toml``).
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.detect.rules import CUES, alternation, is_question, lowered

_CUES = CUES["counted_loss"]
_LOSS = alternation(_CUES["loss"])
_AMOUNT = alternation(_CUES["amount"])
_NOT_TODAY = alternation(_CUES["not_today"])
_RATE = alternation(_CUES["rate"])


def counts_a_loss(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """Whether the sentence counts a loss of the buyer's own today (a loss word with an amount
    after it), with no move, condition, term or word of ours in it and no rival named
    (``rivals``: the names as the sentence spells them)."""
    text = lowered(sentence)
    loss = _LOSS.search(text)
    if loss is None or is_question(sentence) or any(r.strip() for r in rivals):
        return False
    return bool(_AMOUNT.search(text, loss.end())) and not _NOT_TODAY.search(text)


def counts_a_loss_over_time(sentence: str, rivals: Sequence[str] = ()) -> bool:
    """``counts_a_loss`` over a time or as a share of the work ("four bookings a week", "one
    case in twelve", "last year"): a measure of the operation, where the model had read small
    talk; a one-off ("We lost three-nil on Saturday.") is no such measure."""
    return counts_a_loss(sentence, rivals) and bool(_RATE.search(lowered(sentence)))
