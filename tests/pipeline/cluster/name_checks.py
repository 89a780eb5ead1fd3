"""Checks shared by the tests of whether a theme's name holds for its quotes."""

from __future__ import annotations

from pipeline.cluster.quote_names import REPRESENTATIVE_QUOTES
from pipeline.cluster.representative import enough_to_name, quotes_saying, said_terms


def weights(quotes: list[str]) -> list[float]:
    """Weights that fall with a quote's rank, as the most central quotes come first."""
    return [1.0 - 0.02 * j for j in range(len(quotes))]


def held_by_a_share(name: str, quotes: list[str]) -> bool:
    """Whether a share of the quotes (``enough_to_name``) say one of the name's words."""
    return any(enough_to_name(quotes_saying(t, quotes), len(quotes)) for t in said_terms(name))


def a_central_quote_read_whole(name: str, quotes: list[str]) -> bool:
    """Whether the name is a clause of one of the most central quotes, as said (its question
    mark aside), of more than one word."""
    said = name.rstrip("?").lower()
    return " " in said and any(said in q.lower() for q in quotes[:REPRESENTATIVE_QUOTES])
