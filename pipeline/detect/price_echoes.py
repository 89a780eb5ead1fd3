"""A price said back as a question with nothing asked about it ("Nine hundred bucks just to get
started?", "Forty quid a head?", "Two grand for setup?" after the rep named a price): the buyer
repeats the sum in disbelief, a price objection, not a question.

Why a rule after the model: the question mark made the model read a question (0.92), and the
call's price worry was carried only by the remark after it ("That's a bit rich, mate."), which
says nothing of what was rich. A sum checked ("Is the $900 one-off?", "Two grand including
GST?", "Forty quid a head or per table?") asks a fact and stays a question. The words are data
(``[price_echo]`` in ``cues.toml``).
"""

from __future__ import annotations

import re

from pipeline.detect.classify import SentenceInput
from pipeline.detect.rules import CUES, KIND_CUES, alternation, lowered

_CUES = CUES["price_echo"]
_AMOUNT = "(?:" + "|".join(_CUES["amount"]) + ")"
_LEAD = r"(?:(?:" + "|".join(_CUES["lead"]) + r")[\s,.!?]+)*"
_TAIL = r"(?:,?\s+(?:" + "|".join(_CUES["tail"]) + r"))*"
_ECHO = re.compile(r"^\W*" + _LEAD + r"(?:just\s+)?" + _AMOUNT + _TAIL + r"[\s,]*[?!]+[?!.\s]*$")
_ASKS = alternation(_CUES["asks"])
# A sum the rep named: a money word or a currency mark ("fifteen hundred euros", "$129").
_SUM_NAMED = re.compile(r"\b(?:dollars|bucks|quid|pounds|euros|grand)\b|[$£€]\s?\d")


def echoes_a_price(sentence: SentenceInput) -> bool:
    """A sum said back with a question mark and no verb ("Two grand for setup?"), nothing in it
    that checks a fact ("or", "including", "one-off") or welcomes it ("only"), right after a
    rep's turn that named a price."""
    text = lowered(sentence.text).strip()
    if not text.endswith(("?", "?!", "!?")) or _ECHO.match(text) is None:
        return False
    if _ASKS.search(text):
        return False
    context = lowered(sentence.context)
    return bool(KIND_CUES["price"].search(context) or _SUM_NAMED.search(context))
