"""Whether a profile fact only states again what a buyer objects to: the figure of the term
objected to ("$3.50 per endpoint, minimum 25" to "the 25 endpoint minimum"), the complaint
itself, or what the buyer refuses. Such a fact answers nothing; a gap to write is better."""

from __future__ import annotations

import re
from collections.abc import Iterable

from pipeline.content.profile import content_words
from pipeline.content.refusals import offers_refused
from pipeline.content.scale import figures
from pipeline.content.worry_facts import in_a_name
from pipeline.content.worry_kinds import echoes_complaint

NEAR_FIGURE = 3  # words either side of a figure that say what it counts ("minimum 25 endpoints")


def _around(text: str, spans: Iterable[tuple[int, int]]) -> set[str]:
    """The content words within ``NEAR_FIGURE`` words of these spans: what the figure counts."""
    near: set[str] = set()
    for start, end in spans:
        before = re.split(r"[\s-]+", text[:start].strip())[-NEAR_FIGURE:]
        after = re.split(r"[\s-]+", text[end:].strip(" -"))[:NEAR_FIGURE]
        near |= content_words(" ".join([*before, *after]))
    return near


def restates(fact: str, said: str) -> bool:
    """Whether a fact only states again the figure a worry objects to: they share a figure of
    the same thing ("minimum 25 endpoints", "the twenty-five endpoint minimum"; "3 weeks" is
    no "three hours") and every word they share is one of those around the fact's figure.
    "$3.50 per endpoint, minimum 25" is no answer to that minimum; "the 25-endpoint minimum is
    pooled across all of a partner's clients" is one to "25 endpoints per client". Nor one
    stating again what a worry complains of (``echoes_complaint``), nor one offering what it
    refuses (``offers_refused``: "from their phone" to "we can't have people on phones")."""
    if offers_refused(fact, said):
        return True
    theirs, mine = _amounts(said), _amounts(fact)
    both = set(theirs) & set(mine)
    if not both:
        return echoes_complaint(fact, said)
    shared = content_words(fact) & content_words(said)
    counted = _around(fact, (s for v in both for s in mine[v]))
    objected = _around(said, (s for v in both for s in theirs[v]))
    return bool(counted & objected) and shared <= counted or echoes_complaint(fact, said)


def _amounts(text: str) -> dict[str, list[tuple[int, int]]]:
    """``figures`` less those written in a name: "Sage 200" in a worry and an integrations
    fact is the tool both name, no term restated."""
    found = {
        v: [s for s in spans if not in_a_name(text, s[0])] for v, spans in figures(text).items()
    }
    return {v: spans for v, spans in found.items() if spans}
