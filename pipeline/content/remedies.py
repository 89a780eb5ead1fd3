"""Whether a profile fact answers a worry or only states again what the buyer objects to: the
worry's conditions (a long term, the price, fitting hardware, vans off the road, being watched)
against the fact's remedies for them (month-to-month, a discount, no hardware, evenings or
weekends, optional), from ``pipeline/data/remedies.toml``.

Why: a van-tracking FAQ answered "Are we locked into a long contract?" with "£18 per vehicle
per month ...; hardware included on a 24-month term" (the worry, confirmed), and a timeline met
"The hire company won't let us screw boxes into their vans" with "Tracker fitting takes about
20 minutes a van" while "Phone-only tracking (no hardware)" was in the profile; "We can't have
vans off the road in December" was left to write beside "evenings or weekends". Shared words
had ranked the facts; a fact sharing the worry's topic without a remedy in it confirms it.
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources

from pipeline.content.profile import ProfileFact


@dataclass(frozen=True)
class Condition:
    """A kind of thing buyers object to: the worry ``categories`` it belongs to, the patterns
    naming it and those of a fact that remove or soften it."""

    kind: str
    categories: frozenset[str]
    names: re.Pattern[str]
    eases: re.Pattern[str]


@cache
def known_conditions() -> tuple[Condition, ...]:
    """The conditions of ``pipeline/data/remedies.toml``, in its order."""
    text = resources.files("pipeline").joinpath("data", "remedies.toml").read_text("utf-8")
    return tuple(
        Condition(
            kind,
            frozenset(entry["categories"]),
            re.compile("|".join(entry["names"]), re.IGNORECASE),
            re.compile("|".join(entry["eases"]), re.IGNORECASE),
        )
        for kind, entry in tomllib.loads(text)["conditions"].items()
    )


def conditions_named(text: str) -> set[str]:
    """The kinds of condition a line speaks of ("commit three years": term)."""
    return {c.kind for c in known_conditions() if c.names.search(text)}


def eased(text: str) -> set[str]:
    """The kinds of condition a fact removes or softens ("no hardware": hardware)."""
    return {c.kind for c in known_conditions() if c.eases.search(text)}


def objected(said: Iterable[str], category: str | None, besides: Collection[str] = ()) -> set[str]:
    """The conditions the lines ``said`` object to: those they name that are of the worry's
    ``category`` (every one they name where it has none), less ``besides``. "It ticks the
    boxes but I can't sign" is no worry about hardware."""
    named = set().union(*(conditions_named(line) for line in said))
    if category is not None:
        named = {c.kind for c in known_conditions() if c.kind in named and category in c.categories}
    return named - set(besides)


def confirms_worry(
    fact: str, said: Iterable[str], category: str | None, besides: Collection[str] = ()
) -> bool:
    """Whether a fact only states again a condition the worry objects to: it names one of
    them and removes none. "... on a 24-month term" to "Are we locked in?"; "Tracker fitting
    takes 20 minutes a van" to "we can't screw boxes into hired vans"."""
    conditions = objected(said, category, besides)
    return bool(conditions & conditions_named(fact)) and not conditions & eased(fact)


def removes_worry(
    fact: str, said: Iterable[str], category: str | None, besides: Collection[str] = ()
) -> bool:
    """Whether a fact removes or softens a condition the worry objects to: "Extra vehicles can
    be added month by month" to "paying for nine vans all year when five sit idle"."""
    return bool(objected(said, category, besides) & eased(fact))


def remedies_first(
    offered: Sequence[ProfileFact],
    pool: Sequence[ProfileFact],
    said: Sequence[str],
    category: str | None,
    near: Callable[[ProfileFact], float],
    besides: Collection[str] = (),
) -> list[ProfileFact]:
    """``offered`` less the facts confirming the worry (``confirms_worry``), with the facts of
    ``pool`` removing it (``removes_worry``) first, the nearest in meaning (``near``) first:
    a remedy answers a worry before any fact sharing its words."""
    remedies = sorted(
        (f for f in pool if any(removes_worry(f.text, [t], category, besides) for t in said)),
        key=lambda f: (-near(f), f.id),
    )
    return list(
        {f.id: f for f in [*remedies, *kept_answers(offered, said, category, besides)]}.values()
    )


def kept_answers(
    offered: Sequence[ProfileFact],
    said: Sequence[str],
    category: str | None,
    besides: Collection[str] = (),
) -> list[ProfileFact]:
    """The facts of ``offered`` that may answer the worry: where it objects to a condition
    (``objected``), only those removing it; else any not confirming it. "Extra vehicles can
    be added month by month" shares "vehicles" and "month" with "thirty-three vehicles at
    eighteen quid is nearly six hundred a month", and answers none of it."""
    if objected(said, category, besides):
        return [f for f in offered if removes_worry(f.text, said, category, besides)]
    named = set().union(*(conditions_named(line) for line in said))
    return [
        f
        for f in offered
        if not confirms_worry(f.text, said, category, besides) and not cures_other(f.text, named)
    ]


def cures_other(fact: str, named: set[str]) -> bool:
    """Whether a fact only removes conditions the lines do not name: "Trucks parked for a
    whole month are not billed" is no answer to "$750 for six trucks is steep" (it shares
    "whole" and "truck" with it), only to a worry about trucks sitting idle."""
    cures = eased(fact) & {c.kind for c in known_conditions() if c.names.search(fact)}
    return bool(cures) and not cures & named
