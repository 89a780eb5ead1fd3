"""What a price is charged per, as one unit: "a van" and "per truck" are a vehicle, "a site"
and "per studio" a location, "a user", "a licence" and "an engineer" a seat (the groups a
business is counted in, ``scale.count_group``), "a chair" a chair; any other noun is itself,
its plural folded ("crews" is "crew"). Two units we know apart (a seat, a site) are unlike; a
noun we do not know ("a groomer") may be a seat, so is neither like nor unlike one.

Why: "45 per site" had been read as per seat, and a per-seat price answered a gym's worry
about what Rivalco charges a location.
"""

from __future__ import annotations

from typing import Literal

from pipeline.content.scale import count_group

Kinship = Literal["same", "unsure", "other"]

# What each group a business is counted in (``scale_words.toml``) is as a unit of price.
_GROUP_UNIT = {"people": "seat", "sites": "location", "vehicles": "vehicle", "property": "property"}
# Units a price is charged per that those groups do not hold, read first: a gym's member is
# its customer, no seat.
_OWN_UNITS = {
    **dict.fromkeys(("room", "suite", "bedroom"), "room"),
    **dict.fromkeys(("chair", "bed", "class", "member"), None),
    **dict.fromkeys(("device", "endpoint", "terminal", "tablet", "handset"), "device"),
}
_KNOWN = frozenset({*_GROUP_UNIT.values(), *(k if v is None else v for k, v in _OWN_UNITS.items())})
# Nouns ending in "s" in the singular: "class" is no plural of "clas".
_SINGULAR_S = frozenset({"class", "premises", "campus", "bus"})


def singular(noun: str) -> str:
    """``noun`` with a plural folded: "surgeries" is "surgery", "classes" "class", "vans"
    "van"."""
    word = noun.lower()
    if word in _SINGULAR_S or len(word) <= 3:
        return word
    if word.endswith("ies"):
        return word[:-3] + "y"
    if word.endswith(("sses", "shes", "ches", "xes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


def _known(word: str) -> str | None:
    """The unit a singular ``word`` names where we know it, else None."""
    if word in _OWN_UNITS:
        return _OWN_UNITS[word] or word
    group = count_group(word)
    return None if group is None else _GROUP_UNIT.get(group, group)


def unit_named(noun: str) -> str:
    """The unit ``noun`` names: its group's ("truck" is "vehicle"), else the noun itself."""
    word = singular(noun)
    return _known(word) or word


def known_unit(noun: str) -> bool:
    """Whether ``noun`` is a word of a unit we know, in any number."""
    return _known(singular(noun)) is not None


def kinship(unit: str, other: str) -> Kinship:
    """How two units sit: the same, others we know apart (a seat and a location), or unsure
    where either is a noun we do not know ("a groomer" may be a seat)."""
    if unit == other:
        return "same"
    return "other" if unit in _KNOWN and other in _KNOWN else "unsure"
