"""A profile fact a page has stated in full under one question is referred to under the next,
not written out again, unless it is that question's only answer.

Why: a review's FAQ answered "Will my staff actually use it?" and "How long does it take to get
up and running?" with the same two facts, word for word: a reader met the same paragraph twice.
"""

from __future__ import annotations

from collections.abc import Sequence

from pipeline.content.profile import ProfileFact
from pipeline.templating import draft_copy


def facts_told(
    facts: Sequence[ProfileFact], question: str, first_asked: dict[int, str], answered: bool
) -> list[str]:
    """The sentences stating ``facts`` under ``question``: each in full where no earlier
    question stated it (``first_asked``: fact id -> that question, added to here), else a
    reference to that question, once per question. Where the entry has no other answer (no
    reply beside it, ``answered``, and no fact stated here first), the first fact stated before
    is stated in full again: a reference alone answers nothing."""
    told: list[str] = []
    referred: set[str] = set()
    in_full = answered or any(f.id not in first_asked for f in facts)
    for fact in facts:
        earlier = first_asked.get(fact.id)
        if earlier is None or not in_full:
            told.append(draft_copy("profile_fact", text=fact.text))
            first_asked.setdefault(fact.id, question)
            in_full = True
        elif earlier not in referred:
            told.append(draft_copy("fact_said_above", question=earlier))
            referred.add(earlier)
    return told
