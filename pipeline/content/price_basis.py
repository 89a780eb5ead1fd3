"""What a price is charged on: once ("a one-off fee of £495"), per seat ("twenty quid an
engineer", "£14 per vehicle per month"), or per period only ("ninety a month").

Why: a comparison's price row set our one-off onboarding fee against a rival's "about twenty
quid an engineer" and left out our £32 per engineer: a price row compares like with like.
"""

from __future__ import annotations

import re
from typing import Literal

from pipeline.content.scale import NUMBER_WORDS

Basis = Literal["once", "per_seat", "per_period"]

_ONCE = re.compile(
    r"\b(?:one[- ]off|one[- ]time|once|up[- ]?front|(?:setup|set-up|onboarding|installation"
    r"|joining|activation) (?:fee|charge|cost))\b",
    re.IGNORECASE,
)
_PERIOD = r"(?:month|year|annum|week|day|quarter)"
# A figure, then what each of it buys: "£32 per engineer", "twenty quid an engineer", "forty a
# seat", "$95 a month each"; a period is no seat ("£99 a month").
_WORDS = "|".join(sorted([*NUMBER_WORDS, "hundred", "thousand"], key=len, reverse=True))
_AMOUNT = rf"(?:[$£€]\s?\d[\d,.]*k?|\d[\d,.]*k?|\b(?:{_WORDS})(?:[- ](?:{_WORDS}))*)\b"
# What a figure is not said per: a period, a share of the figure ("seven and a half").
_NOT_A_SEAT = rf"(?:{_PERIOD}|half|third|quarter|bit|lot|few|couple)"
_EACH = re.compile(
    rf"{_AMOUNT}\s?(?:quid|bucks|dollars|pounds|euros|grand)?(?:\s+(?:a|an|per|each|every)\s+{_PERIOD})?"
    rf"\s*(?:/\s*|\s+(?:a|an|per|each|every|for each)\s+)(?!{_NOT_A_SEAT}\b)([a-z]{{3,}})\b"
    r"|\ba month each\b",
    re.IGNORECASE,
)
_PER_PERIOD = re.compile(
    rf"{_AMOUNT}\s?(?:quid|bucks|dollars|pounds|euros|grand)?\s*(?:/\s*|\s+(?:a|an|per|each|every)\s+)"
    rf"{_PERIOD}\b",
    re.IGNORECASE,
)


def price_basis(text: str) -> Basis | None:
    """What the price in ``text`` is charged on; None where it says none."""
    if _ONCE.search(text):
        return "once"
    if _EACH.search(text):
        return "per_seat"
    if _PER_PERIOD.search(text):
        return "per_period"
    return None


def basis_rank(fact: str, said: set[Basis]) -> int:
    """How a fact's price sits beside the prices buyers said (``said``): 0 on the same basis,
    1 where either says none, 2 on another (a seat's price beside a monthly total)."""
    basis = price_basis(fact)
    if basis is None or not said:
        return 1
    return 0 if basis in said else 2


def unlike(fact: str, said: set[Basis]) -> bool:
    """Whether a fact's price may not stand beside what buyers said: a one-off fee against a
    recurring price, or a recurring price against a one-off fee."""
    basis = price_basis(fact)
    if basis is None or not said:
        return False
    return (basis == "once") != ("once" in said) and (said == {"once"} or basis == "once")
