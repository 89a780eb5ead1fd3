"""One name per competitor, however buyers and CRMs spell it.

Why: buyers say "HCP" for Housecall Pro, a CRM column writes "HouseCall Pro", and each spelling
had been a competitor of its own: two filter entries, two comparison pages each quoting half the
calls. A user's alias table (``CALLMINE_COMPETITOR_ALIASES='{"HCP": "Housecall Pro"}'``) maps
the short forms; a spelling that differs from a known name only in case, spaces or punctuation
("Housecall-Pro") takes the known name without any table.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from pipeline.text_memo import once_per_text

_NOT_LETTERS = re.compile(r"[\W_]+")


@once_per_text  # every rival's and our names, for every sentence
def squashed(name: str) -> str:
    """The key two spellings of one name share: no case, spaces or punctuation."""
    return _NOT_LETTERS.sub("", name.casefold())


@dataclass(frozen=True)
class RivalNames:
    """Aliases (other name -> the competitor's name) and the names the user configured."""

    aliases: Mapping[str, str] = field(default_factory=dict)
    configured: tuple[str, ...] = ()

    @classmethod
    def of(cls, aliases: Mapping[str, str], configured: Iterable[str] = ()) -> RivalNames:
        clean = {
            " ".join(k.split()): " ".join(v.split())
            for k, v in aliases.items()
            if k.strip() and v.strip()
        }
        return cls(clean, tuple(n.strip() for n in configured if n.strip()))

    def spellings(self, names: Iterable[str] = ()) -> tuple[str, ...]:
        """``names``, the configured ones and every alias: what a sentence may name."""
        every = [*names, *self.configured, *self.aliases.values(), *self.aliases]
        return tuple(dict.fromkeys(n for n in every if n.strip()))

    def canonical(self, name: str, known: Iterable[str] = ()) -> str:
        """The competitor's name for ``name``: its alias's target, else the first known or
        configured name spelt the same but for case, spaces and punctuation, else ``name``."""
        key = squashed(name)
        if not key:
            return name
        for alias, target in self.aliases.items():
            if squashed(alias) == key:
                return target
        targets = [*self.aliases.values(), *self.configured, *known]
        return next((t for t in targets if squashed(t) == key), name)

    def canonical_list(self, names: Iterable[str]) -> list[str]:
        """Each name once, as the competitor's name, in the order first met."""
        return list(dict.fromkeys(self.canonical(n) for n in names if n.strip()))


def fuller_names(names: Iterable[str]) -> dict[str, str]:
    """Each name that opens exactly one longer name, mapped to it: "Verizon" (as in "cancel
    Verizon") is "Verizon Connect" when buyers said that too, not a second rival."""
    unique = {squashed(n): n for n in names if n and n.strip()}
    fuller: dict[str, str] = {}
    for short in unique.values():
        longer = {
            name for name in unique.values() if name.casefold().startswith(short.casefold() + " ")
        }
        if len(longer) == 1:
            fuller[short] = longer.pop()
    return fuller
