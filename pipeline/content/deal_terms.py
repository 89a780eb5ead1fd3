"""Where a rival's fact and one of our profile's state the same term of a deal opposite ways:
"X charges a commission of 8% on each booking" against "book and pay online, with no booking
commission". The terms and their words are data (``pipeline/data/deal_terms.toml``).

Why: a comparison's row for a rival's commission had been left "To write" while our profile
said we charge none; the profile's fact is our side of that row.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.content.pairing import states_gap
from pipeline.content.profile import ProfileFact

# "no booking commission", "without any set-up fee", "we don't charge a per-user price".
_DENIED = re.compile(
    r"(?:\bno|\bnot|\bnever|\bwithout|\bzero|n['’]t|\bfree of|\bnor)\s+(?:[\w-]+\s+){0,2}$",
    re.IGNORECASE,
)


@dataclass(frozen=True)
class Term:
    """A term of a deal: the words saying a deal carries it, and other words saying not."""

    name: str
    has: re.Pattern[str]
    none: re.Pattern[str]

    def stance(self, text: str) -> bool | None:
        """True where ``text`` says a deal carries the term, False where it says not, None
        where it says neither or both."""
        carried, denied = False, self.none.search(text) is not None
        for match in self.has.finditer(text):
            if _DENIED.search(text[: match.start()]):
                denied = True
            else:
                carried = True
        return None if carried == denied else carried


@cache
def terms() -> tuple[Term, ...]:
    """The terms of ``deal_terms.toml``."""
    text = resources.files("pipeline").joinpath("data", "deal_terms.toml").read_text("utf-8")
    return tuple(
        Term(name, _alternation(words["has"]), _alternation(words["none"]))
        for name, words in tomllib.loads(text)["terms"].items()
    )


def _alternation(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


def opposed_terms(theirs: str, ours: str) -> set[str]:
    """The terms two texts state opposite ways (one carries it, the other does not)."""
    opposed = set()
    for term in terms():
        mine, their = term.stance(ours), term.stance(theirs)
        if mine is not None and their is not None and mine != their:
            opposed.add(term.name)
    return opposed


def opposite_fact(theirs: str, facts: Sequence[ProfileFact]) -> ProfileFact | None:
    """The first of our ``facts`` stating a term of the rival's fact the other way (none
    admitting a gap): our side of that fact's row."""
    fitting = (f for f in facts if not states_gap(f.text) and opposed_terms(theirs, f.text))
    return next(fitting, None)
