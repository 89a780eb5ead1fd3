"""The markets a text names, by country, people, currency code or sign: data in
``pipeline/data/regions.toml``, read by the content pages (whom a fact speaks to), by the buyer's
market (``pipeline/market_evidence.py``) and by ingest (which way a file writes its dates)."""

from __future__ import annotations

import re
import tomllib
from functools import cache
from importlib import resources

from pipeline.peoples import names_a_language

# What follows a language's name where it names the country one operates in ("our Spanish
# sites", "the French office", "Dutch VAT"), not what one speaks ("in Spanish", "Spanish-speaking
# families", "a Spanish version"). No "team", "school" or "customers": a Spanish team, school or
# customer may be one that speaks it.
OPERATES_AFTER = (
    r"(?=\s+(?:sites?|branch(?:es)?|offices?|locations?|stores?|shops?|outlets?|clinics?"
    r"|practices?|labs?|laborator(?:y|ies)|plants?|factor(?:y|ies)|warehouses?|depots?|yards?"
    r"|marinas?|brewer(?:y|ies)|markets?|operations?|subsidiar(?:y|ies)|entit(?:y|ies)|arm"
    r"|division|compan(?:y|ies)|business(?:es)?|firms?|headquarters|hq|vat|tax(?:es)?|laws?"
    r"|regulators?|government|authorities)\b)"
)


@cache
def markers() -> dict[str, re.Pattern[str]]:
    """Each market's names (any case; a language's only before a word for where one operates),
    codes (capitals only) and currency signs, as one regex."""
    text = resources.files("pipeline").joinpath("data", "regions.toml").read_text("utf-8")
    found: dict[str, re.Pattern[str]] = {}
    for region, said in tomllib.loads(text)["regions"].items():
        spoken = [n for n in said["names"] if names_a_language(n)]
        names = [n for n in said["names"] if n not in spoken]
        parts = [rf"(?i:\b(?:{'|'.join(names)})\b)"]
        parts += [rf"(?i:\b(?:{'|'.join(spoken)}){OPERATES_AFTER})"] if spoken else []
        parts += [rf"\b{code}\b" for code in said["codes"]]
        parts += [rf"(?<![A-Za-z]){re.escape(sign)}" for sign in said["signs"]]
        found[region] = re.compile("|".join(parts))
    return found


@cache
def _within() -> dict[str, str]:
    """Market -> the market it is part of (Spain -> Europe)."""
    text = resources.files("pipeline").joinpath("data", "regions.toml").read_text("utf-8")
    regions = tomllib.loads(text)["regions"]
    return {region: said["within"] for region, said in regions.items() if "within" in said}


def distinct(named: frozenset[str]) -> frozenset[str]:
    """The markets named less any that holds another named: "Spain: €89" names Spain in
    Europe's money, one market, not a fact written for two."""
    return named - {_within()[region] for region in named if region in _within()}


def regions_named(text: str) -> frozenset[str]:
    """The markets ``text`` names, by country, people, currency code or sign."""
    return frozenset(region for region, pattern in markers().items() if pattern.search(text))
