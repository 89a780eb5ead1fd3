"""What a price is charged on: once ("a one-off fee of £495"), per seat ("twenty quid an
engineer", "£14 per vehicle per month"), or per period only ("ninety a month").

Why: a comparison's price row set our one-off onboarding fee against a rival's "about twenty
quid an engineer" and left out our £32 per engineer: a price row compares like with like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Literal

from pipeline.content.offers import OFFER_SECTIONS
from pipeline.content.profile import ProfileFact
from pipeline.content.scale import MONEY_WORDS, NUMBER_WORD_ALTERNATION, number_value

Basis = Literal["once", "per_seat", "per_period"]

_ONCE = re.compile(
    r"\b(?:one[- ]off|one[- ]time|once|up[- ]?front|(?:setup|set-up|onboarding|installation"
    r"|joining|activation) (?:fee|charge|cost))\b",
    re.IGNORECASE,
)
_PERIOD = r"(?:month|year|annum|week|day|quarter)"
# A figure, then what each of it buys: "£32 per engineer", "twenty quid an engineer", "forty a
# seat", "$95 a month each"; a period is no seat ("£99 a month").
_WORDS = NUMBER_WORD_ALTERNATION
_AMOUNT = rf"(?:[$£€]\s?\d[\d,.]*k?|\d[\d,.]*k?|\b(?:{_WORDS})(?:[- ](?:{_WORDS}))*)\b"
# What a figure is not said per: a period, a share of the figure ("seven and a half", "60 per
# cent").
_NOT_A_SEAT = rf"(?:{_PERIOD}|half|third|quarter|bit|lot|few|couple|cent|percent)"
_EACH = re.compile(
    rf"(?P<amount>{_AMOUNT})\s?(?:{MONEY_WORDS})?(?:\s+(?:a|an|per|each|every)\s+{_PERIOD})?"
    rf"\s*(?:/\s*|\s+(?:a|an|per|each|every|for each)\s+)(?!{_NOT_A_SEAT}\b)([a-z]{{3,}})\b"
    r"|\ba month each\b",
    re.IGNORECASE,
)
# An amount said as money: "$750", "seven hundred fifty bucks", "£1,200".
_MONEY = re.compile(
    rf"[$£€]\s?(?P<figure>\d[\d,]*(?:\.\d+)?)"
    rf"|(?P<said>{_AMOUNT})\s?(?:{MONEY_WORDS})\b",
    re.IGNORECASE,
)
# A figure said as what is paid: "we pay Rivalco thirty-five a van", "they charge forty a seat".
_PAID = re.compile(r"\b(?:pay\w*|paid|charg\w*|cost\w*|priced)\s+(?:\S+\s+){0,2}$", re.IGNORECASE)
_PER_PERIOD = re.compile(
    rf"{_AMOUNT}\s?(?:{MONEY_WORDS})?\s*(?:/\s*|\s+(?:a|an|per|each|every)\s+)"
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


def seat_price(text: str) -> float | None:
    """The amount ``text`` says is paid for each seat ("forty-one a truck", "$32 per
    engineer"), else None: what a buyer pays now, or names as too much. A figure is a price
    only said as money (``_MONEY``) or as paid (``_PAID``): "60 per cent of our jobs" and "we
    run 45 per site" name none."""
    for found in _EACH.finditer(text):
        amount = found.group("amount")
        if amount is None:
            continue
        money = any(m.start() <= found.start("amount") < m.end() for m in _MONEY.finditer(text))
        if money or _PAID.search(text[: found.start("amount")]):
            return _amount_value(amount)
    return None


def _amount_value(amount: str) -> float | None:
    """What a figure written as digits ("$1,200", "4k") or words ("forty-one") is worth."""
    written = amount.strip().lstrip("$£€").strip().replace(",", "")
    if written[:1].isdigit():
        try:
            return float(written.rstrip("k")) * (1000 if written.endswith("k") else 1)
        except ValueError:
            return None
    return number_value(written)


def money_named(text: str) -> set[float]:
    """The amounts of money ``text`` names, however written ("$750", "seven hundred fifty
    bucks"); a bare count ("six trucks") is none."""
    found: set[float] = set()
    for match in _MONEY.finditer(text):
        if match.group("figure"):
            found.add(float(match.group("figure").replace(",", "")))
        elif (value := number_value(match.group("said"))) is not None:
            found.add(value)
    return found


def worry_basis(text: str, offers: Sequence[str]) -> Basis | None:
    """What a buyer's price worry is charged on: the basis its words say (``price_basis``),
    else that of the offer whose amount it names: "seven hundred fifty bucks for six trucks is
    steep" is about "a one-time setup fee of $750", and a seat's price is no answer to it."""
    if (basis := price_basis(text)) is not None:
        return basis
    named = money_named(text)
    return next(
        (b for offer in offers if money_named(offer) & named and (b := price_basis(offer))), None
    )


def said_bases(said: Sequence[str], offers: Sequence[ProfileFact]) -> set[Basis]:
    """What the prices of ``said`` are charged on (``worry_basis``), against our ``offers``."""
    texts = [f.text for f in offers]
    return {b for text in said if (b := worry_basis(text, texts)) is not None}


def answers_on_basis(
    facts: Sequence[ProfileFact], said: Sequence[str], offers: Sequence[ProfileFact]
) -> list[ProfileFact]:
    """The facts of ``facts`` that may stand beside the prices of ``said``: no offer charged on
    another basis (``unlike``): a one-off fee is no answer to a seat's price, nor a seat's price
    to a fee. ``offers`` are our offer facts whose amounts a line may name."""
    bases = said_bases(said, offers)
    return [f for f in facts if not (f.section in OFFER_SECTIONS and unlike(f.text, bases))]
