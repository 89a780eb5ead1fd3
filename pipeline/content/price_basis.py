"""What a price is charged on: once ("a one-off fee of £495"), per unit ("twenty quid an
engineer", "£14 per vehicle per month", "AUD 99 per studio"), or per period only ("ninety a
month"). A unit's basis names it ("per_vehicle", ``price_units``): a price per site is no price
per seat.

Why: a comparison's price row set our one-off onboarding fee against a rival's "about twenty
quid an engineer" and left out our £32 per engineer: a price row compares like with like.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from pipeline.content.offers import OFFER_SECTIONS
from pipeline.content.price_units import Kinship, kinship, known_unit, unit_named
from pipeline.content.profile import CURRENCY, ProfileFact
from pipeline.content.scale import MONEY_WORDS, NUMBER_WORD_ALTERNATION, number_value

# "once", "per_period", or "per_" and the unit a price is charged per ("per_seat",
# "per_location", "per_groomer"): the units are any noun, so no Literal.
Basis = str
ONCE, PER_PERIOD = "once", "per_period"

_ONCE = re.compile(
    r"\b(?:one[- ]off|one[- ]time|once|up[- ]?front|(?:setup|set-up|onboarding|installation"
    r"|joining|activation) (?:fee|charge|cost))\b",
    re.IGNORECASE,
)
_PERIOD = r"(?:month|year|annum|week|day|quarter)"
_WORDS = NUMBER_WORD_ALTERNATION
_AMOUNT = rf"(?:{CURRENCY}\s?\d[\d,.]*k?|\d[\d,.]*k?|\b(?:{_WORDS})(?:[- ](?:{_WORDS}))*)\b"
# What a figure is not said per: a period, a share of the figure ("seven and a half", "60 per
# cent"), a word joining on ("$35 each and").
_NOT_A_UNIT = (
    rf"(?:{_PERIOD}|half|third|quarter|bit|lot|few|couple|cent|percent|and|but|the|for|with"
    r"|that|plus)"
)
# The unit a price is per, after words saying which of them count ("per active user").
_UNIT = (
    rf"(?!{_NOT_A_UNIT}\b)(?:(?:active|named|concurrent|monthly|licensed|billable|extra"
    r"|additional|full)\s+){0,2}(?P<unit>[a-z]{3,})\b"
)
# A figure, then what each of it buys: "£32 per engineer", "twenty quid an engineer", "forty a
# seat", "£30/site/month"; or "each" of what the words before name ("5+ locations: $95 a month
# each"). A period alone is no unit ("£99 a month").
_EACH = re.compile(
    rf"(?P<amount>{_AMOUNT})\s?(?:{MONEY_WORDS})?(?:\s+(?:a|an|per|each|every)\s+{_PERIOD})?"
    rf"(?:\s*(?:/\s*|\s+(?:a|an|per|each|every|for each)\s+){_UNIT}|\s+each\b"
    rf"(?!\s+(?:{_PERIOD}\b|(?!{_NOT_A_UNIT}\b)[a-z])))",
    re.IGNORECASE,
)
# A unit said as how a price is charged, with no figure: "billed per location", "they charge
# by the truck".
_CHARGED_PER = re.compile(
    r"\b(?:priced|prices?|pricing|charged|charges?|charging|billed|bills?|billing|pays?|paid"
    rf"|paying)\s+(?:per|by the|for each)\s+{_UNIT}",
    re.IGNORECASE,
)
# A plural after a count, what "each" may be of: "twelve sites at ninety-five a month each".
_COUNTED = re.compile(rf"(?:\d+\+?|\b(?:{_WORDS}))\s+(?P<noun>[a-z]{{3,}}s)\b", re.IGNORECASE)
_WORD = re.compile(r"[a-z]+", re.IGNORECASE)
# An amount said as money: "$750", "seven hundred fifty bucks", "£1,200".
_MONEY = re.compile(
    rf"{CURRENCY}\s?(?P<figure>\d[\d,]*(?:\.\d+)?)"
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
        return ONCE
    if (found := _EACH.search(text) or _CHARGED_PER.search(text)) is not None:
        return _unit_basis(text, found)
    if _PER_PERIOD.search(text):
        return PER_PERIOD
    return None


def _unit_basis(text: str, found: re.Match[str]) -> Basis:
    """The basis of a price per unit ``found`` in ``text``: the unit it names, else the unit
    the words before it name ("Extra users are £5 a month each")."""
    if found.group("unit"):
        return f"per_{unit_named(found.group('unit'))}"
    before = text[: found.start()]
    known = [w for w in _WORD.findall(before) if known_unit(w)]
    counted = [m.group("noun") for m in _COUNTED.finditer(before)]
    return f"per_{unit_named((known or counted or ['unit'])[-1])}"


def _unit(basis: Basis) -> str | None:
    """The unit a basis is per ("per_location" is "location"); None for once or a period."""
    return None if basis in (ONCE, PER_PERIOD) else basis.removeprefix("per_")


def basis_kinship(basis: Basis, other: Basis) -> Kinship:
    """How two bases sit: the same, other (a fee beside a monthly price, a seat beside a
    site), or unsure (a seat beside a groomer: ``price_units.kinship``)."""
    unit, theirs = _unit(basis), _unit(other)
    if unit is not None and theirs is not None:
        return kinship(unit, theirs)
    return "same" if basis == other else "other"


def on_basis(basis: Basis | None, other: Basis | None) -> bool:
    """Whether a price on ``basis`` may be set beside one on ``other``: the same, or units not
    known apart. None is beside None only."""
    if basis is None or other is None:
        return basis == other
    return basis_kinship(basis, other) != "other"


def basis_rank(fact: str, said: set[Basis]) -> int:
    """How a fact's price sits beside the prices buyers said (``said``): 0 on the same basis,
    1 where either says none or the units are not known apart (``basis_kinship``), 2 on
    another (a seat's price beside a monthly total, or beside a site's)."""
    basis = price_basis(fact)
    if basis is None or not said:
        return 1
    kin = {basis_kinship(basis, other) for other in said}
    return 0 if "same" in kin else 1 if "unsure" in kin else 2


def unlike(fact: str, said: set[Basis]) -> bool:
    """Whether a fact's price may not stand beside what buyers said: a one-off fee against a
    recurring price, a recurring price against a one-off fee, or a price per unit against
    prices per other units only (a seat's against a location's)."""
    basis = price_basis(fact)
    if basis is None or not said:
        return False
    if (basis == ONCE) != (ONCE in said) and (said == {ONCE} or basis == ONCE):
        return True
    units = {other for other in said if _unit(other) is not None}
    return (
        _unit(basis) is not None
        and bool(units)
        and all(basis_kinship(basis, other) == "other" for other in units)
    )


def unit_price(text: str) -> tuple[float, Basis] | None:
    """The amount ``text`` says is paid for each unit and the basis it is on ("forty-one a
    truck" is 41 per vehicle, "$32 per engineer"), else None: what a buyer pays now, or names
    as too much. A figure is a price only said as money (``_MONEY``) or as paid (``_PAID``):
    "60 per cent of our jobs" and "we run 45 per site" name none."""
    for found in _EACH.finditer(text):
        amount = found.group("amount")
        money = any(m.start() <= found.start("amount") < m.end() for m in _MONEY.finditer(text))
        if money or _PAID.search(text[: found.start("amount")]):
            value = _amount_value(amount)
            return None if value is None else (value, _unit_basis(text, found))
    return None


def _amount_value(amount: str) -> float | None:
    """What a figure written as digits ("$1,200", "AUD 99", "4k") or words ("forty-one") is
    worth."""
    written = re.sub(CURRENCY, "", amount.strip(), flags=re.IGNORECASE).strip().replace(",", "")
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
    to a fee or to a location's. ``offers`` are our offer facts whose amounts a line may name."""
    bases = said_bases(said, offers)
    return [f for f in facts if not (f.section in OFFER_SECTIONS and unlike(f.text, bases))]
