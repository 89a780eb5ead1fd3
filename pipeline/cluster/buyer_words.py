"""Whose words a theme's name is: the buyers' own, before a rep's (a CRM note's paraphrase, a
rep's statement).

Why: the demo had named a theme of six buyer quotes "CSV export only for now", a clause of
the rep's note "they use PayNest, so CSV export only for now." A rep's line names a theme only
when its buyers' lines give no name; a theme of notes alone is named by its notes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from pipeline.cluster.representative import said_word_for_word
from pipeline.cluster.topic_names import a_category_label

# The roles of a rep's lines (``Utterance.role``): what the rep said, or wrote down after.
REP_ROLES = frozenset({"rep", "rep_note"})


def buyers_first_order(weights: Sequence[float], roles: Sequence[str]) -> list[int]:
    """The positions of a theme's quotes, the buyers' lines first, each side by weight (the
    heaviest first, ties in their order): the order its name's candidate lines are read in."""
    rep = [r in REP_ROLES for r in roles] if roles else [False] * len(weights)
    return sorted(range(len(weights)), key=lambda j: (rep[j], -weights[j]))


def by_side(texts: Sequence[str], roles: Sequence[str]) -> tuple[list[str], list[str]]:
    """The buyers' lines of ``texts`` and the rep's (``REP_ROLES``); all the buyers' with no
    ``roles``."""
    rep = [r in REP_ROLES for r in roles] if roles else [False] * len(texts)
    buyers = [t for t, r in zip(texts, rep, strict=True) if not r]
    return buyers, [t for t, r in zip(texts, rep, strict=True) if r]


def a_reps_name(name: str, buyers: Sequence[str], reps: Sequence[str]) -> bool:
    """Whether ``name`` is a rep's words beside buyers' lines that may name the theme instead:
    a rep's line says it word for word and no buyer's line does. A category's label
    ("Integrations") is no one's: a topic, not a line. Of notes alone, a note's is no rep's."""
    return (
        bool(buyers)
        and bool(reps)
        and not a_category_label(name)
        and said_word_for_word(name, reps) > 0
        and not said_word_for_word(name, buyers)
    )


def buyers_first(
    options: Iterable[str],
    buyers: Sequence[str],
    reps: Sequence[str],
    later: list[str] | None = None,
) -> Iterator[str]:
    """The name options in their order, those only a rep's line says (``a_reps_name``) moved
    after the rest, or into ``later`` when given (offered after the buyers' own quotes): a
    rep's note names a theme only when no buyer's line nor its topic can."""
    held: list[str] = [] if later is None else later
    for option in options:
        if a_reps_name(option, buyers, reps):
            held.append(option)
        else:
            yield option
    if later is None:
        yield from held
