"""Comparing people's names as files write them (``Maya`` ~ ``Maya Chen`` ~ ``MAYA CHEN``)."""

from __future__ import annotations


def norm_name(name: str) -> str:
    return " ".join(name.casefold().replace(".", " ").lstrip("@").split())


def name_matches(speaker: str, our_name: str) -> bool:
    """Same full name, or a lone first name matching the other's (``Maya`` ~ ``Maya Chen``)."""
    a, b = norm_name(speaker).split(), norm_name(our_name).split()
    if not a or not b:
        return False
    if a == b:
        return True
    return (len(a) == 1 or len(b) == 1) and a[0] == b[0]
