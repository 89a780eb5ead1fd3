"""What the buyer charges their own customers, or pays their own people by, said as a fact:
"That's how we price it, by boat length.", "We pass on a 1.2% surcharge on card payments at the
fuel dock", "Patients pay a £25 deposit when they book.", "Drivers get paid per drop."

Why a rule after the model: the money words in them ("price", "surcharge", "£95") had made them
price objections, though they say how the buyer works today (the set-up) and nothing of our
price. Not when the sentence brings our price in or weighs money ("Your per-boat pricing would
cost us more than we charge.", "We can't pass your fee on to members.", "That's more than we
charge a whole year."), nor asked. So is what they pay for a tool of theirs, unprompted or asked
("We pay about 300 a month for <tool>.": the amount and the rival's name had made it a price or
competitor objection, walk 7), unless the rep had just named a sum: then it weighs ours. The
phrases are data (``[own_prices]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.rules import CUES, KIND_CUES, alternation, cue_scores, is_question, lowered

_CUES = CUES["own_prices"]
_CHARGING = alternation(_CUES["charging"])
_NOT_OWN = alternation(_CUES["not_own"])
_PAYING = alternation(_CUES["paying"])
_SUM_NAMED = re.compile(r"[$£€]\s?\d|\b(?:" + "|".join(_CUES["sum_named"]) + ")")


def states_their_own_prices(sentence: str) -> bool:
    """Whether the sentence says what the buyer charges their customers or pays their people,
    with no word of ours, no comparison, no worry and no pain in it."""
    text = lowered(sentence)
    if not _CHARGING.search(text) or is_question(sentence):
        return False
    return not (_NOT_OWN.search(text) or KIND_CUES["pain"].search(text))


def states_what_they_pay(sentence: SentenceInput) -> bool:
    """What they pay for a tool of theirs today, said as a fact ("We pay about 300 a month for
    <tool>."), with no word of ours, no comparison, no worry and no pain in it, and no sum in
    the rep's turn before it (after "It's 450 a month" it weighs our price)."""
    text = lowered(sentence.text)
    if not _PAYING.search(text) or is_question(sentence.text):
        return False
    return not (
        _NOT_OWN.search(text)
        or KIND_CUES["pain"].search(text)
        or cue_scores(text).concern > 0
        or _SUM_NAMED.search(lowered(sentence.context))
    )
