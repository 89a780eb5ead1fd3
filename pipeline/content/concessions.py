"""A won deal's reply that gave something off (a discount, a waived fee, free months) is what
was agreed in that deal, not our price.

Why: a one-pager put "What worked in a deal we won: “I can do fifteen percent, and I can waive
the onboarding fee.”" and then "One-off onboarding fee of £495" beside it, reading as if the
fee were the price paid; a pricing explainer introduced the same discount as "How a rep framed
the value". A concession is worded as a deal's terms, with no list price beside it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.offers import OFFER_SECTIONS
from pipeline.content.profile import ProfileFact

_NUMBER = r"(?:\d+(?:\.\d+)?|a|one|two|three|four|five|six|ten|fifteen|twenty|twenty-five|fifty)"
# Something given off the price: "I can do fifteen percent", "10% off", "waive the set-up
# fee", "knock a hundred off", "first three months free", "throw in the training".
_CONCEDES = re.compile(
    r"\bwaiv(?:e|ed|ing)\b|\bdiscount(?:ed|ing)?\b|\bknock\w*\s+(?:[\w£$€%-]+\s+){0,3}off\b"
    rf"|(?:\b{_NUMBER}\s?(?:%|per ?cent\b)|\bhalf)\s+off\b"
    r"|\b(?:can|could|will|would|'ll)\s+(?:do|give|offer)\s+(?:you\s+)?"
    rf"{_NUMBER}\s?(?:%|per ?cent\b)"
    r"(?!\s*(?!off\b|discount)[a-z])"  # "can do 99% uptime" gives nothing off
    r"|\bthrow\w*\s+(?:it\s+)?in\b|\bon the house\b|\bfree of charge\b"
    r"|\b(?:first|extra|another)\s+(?:\w+\s+){0,2}(?:days?|weeks?|months?)\s+"
    r"(?:(?:are|is)\s+)?(?:for\s+)?free\b",
    re.IGNORECASE,
)


def concedes(reply: str) -> bool:
    """Whether a rep's reply gives something off the price for that deal."""
    return _CONCEDES.search(reply) is not None


def won_reply_copy(reply: str) -> str:
    """The draft-copy macro that introduces a won deal's reply: as what that deal agreed where
    it concedes, else as what worked."""
    return "won_concession" if concedes(reply) else "won_answer"


def beside_reply(facts: Sequence[ProfileFact], reply: str) -> list[ProfileFact]:
    """The facts that may follow a won deal's reply: no price or plan after a concession, which
    would read as the price that deal paid."""
    if not concedes(reply):
        return list(facts)
    return [f for f in facts if f.section not in OFFER_SECTIONS]
