"""The markets a text names, by country, people, currency code or sign: data in
``pipeline/data/regions.toml``, read by the content pages (whom a fact speaks to) and by ingest
(which way a file writes its dates)."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from functools import cache
from importlib import resources


@cache
def _markers() -> dict[str, re.Pattern[str]]:
    """Each market's names (any case), codes (capitals only) and currency signs, as one regex."""
    text = resources.files("pipeline").joinpath("data", "regions.toml").read_text("utf-8")
    markers: dict[str, re.Pattern[str]] = {}
    for region, said in tomllib.loads(text)["regions"].items():
        parts = [rf"(?i:\b(?:{'|'.join(said['names'])})\b)"]
        parts += [rf"\b{code}\b" for code in said["codes"]]
        parts += [rf"(?<![A-Za-z]){re.escape(sign)}" for sign in said["signs"]]
        markers[region] = re.compile("|".join(parts))
    return markers


def regions_named(text: str) -> frozenset[str]:
    """The markets ``text`` names, by country, people, currency code or sign."""
    return frozenset(region for region, pattern in _markers().items() if pattern.search(text))


def regions_counted(text: str) -> Counter[str]:
    """How many times ``text`` names each market: a British buyer says "UK" more often than
    the "US-based provider" they worry about."""
    return Counter({region: len(p.findall(text)) for region, p in _markers().items()}) + Counter()
