"""The forms a person's name takes in text ("Dana Whitfield", "Dana", "Whitfield"), for the
redactor to find them, and which of those forms are surnames only: a surname that is also a
word ("Price", "Baker") names its person only where a person stands (``word_names``)."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.person_positions import TITLE

# Words that are capitalised in speaker labels but are not names.
_NOT_NAMES = frozenset(
    {"buyer", "customer", "prospect", "speaker", "client", "rep", "sales", "unknown", "the", "and"}
)
# A title before a surname ("Dr. Price", "Mrs Jacobs"): part of how a person is addressed, never
# a name itself. A CRM note's "with Dr. Nina Patel" had made "Dr" a buyer, and "for Dr. Price,"
# read "for [name]. [name]," where another document had "Dr. [name]".
_TITLE_RE = re.compile(rf"^{TITLE}(?:\s+|$)")


def _cleaned(name: str) -> str:
    """``name`` without brackets and a leading title: "Dr. Raj Malhotra (CFO)" → "Raj
    Malhotra". The title stays in the text: "Dr. Raj Malhotra" reads "Dr. [name]" as a spoken
    "Dr. Raj Malhotra" does, whichever calls a document draws on."""
    return _TITLE_RE.sub("", re.sub(r"\(.*?\)|\[.*?\]", " ", name).strip()).strip()


def _parts(name: str) -> list[str]:
    """A cleaned name's words that may stand for it alone: capitalised, three letters or more,
    no speaker label's word ("Buyer 2")."""
    stripped = (part.strip(".'-") for part in re.split(r"[\s,]+", name))
    return [p for p in stripped if len(p) >= 3 and p[0].isupper() and p.lower() not in _NOT_NAMES]


def name_pattern(names: Iterable[str]) -> re.Pattern[str] | None:
    """One regex for full names and their parts ("Dana Whitfield", "Dana", "Whitfield")."""
    variants: set[str] = set()
    for name in map(_cleaned, names):
        if name:
            variants |= {name, *_parts(name)}
    if not variants:
        return None
    ordered = sorted(variants, key=len, reverse=True)
    # Not before a hyphen: a buyer "Gareth Price" had made "Price-wise, ..." "[name]-wise".
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(v) for v in ordered) + r")(?![\w-])")


def surnames_only(names: Iterable[str]) -> frozenset[str]:
    """The case-folded words that are a later part of some name and no one's first: "price"
    of "Gareth Price", unless someone is called "Price Adeyemi"."""
    split = [_parts(_cleaned(name)) for name in names]
    firsts = {parts[0].casefold() for parts in split if parts}
    return frozenset(p.casefold() for parts in split for p in parts[1:]) - firsts
