"""Which of a theme's worries a guide heads an entry of its own: one heading per theme, its
worries answered together, a second only for a genuinely different worry.

Why: an implementation timeline headed "What worries me is the switch." ("To write") and then
"Moving ten years of product history across…" (answered) for one theme, and a pricing
explainer answered "can't justify £149 a month" with one fact and "the cheaper one might be
good enough" with another, both of the one Price theme."""

from __future__ import annotations

from dataclasses import dataclass

from pipeline.content.evidence import ClusterEvidence, Quote
from pipeline.content.pairing import topic_words


@dataclass
class Entry:
    """One heading of a guide: a theme's worries said in one entry, the first heading it."""

    cluster: ClusterEvidence
    worries: list[tuple[Quote, Quote | None, str]]  # quote, rep's reply, heading


def topics(text: str) -> set[str]:
    """The topics a line names in any words (``topic_words``' ``topic:`` ones)."""
    return {w for w in topic_words(text) if w.startswith("topic:")}


def different_worries(first: str, second: str) -> bool:
    """Whether two worries of one theme are different ones: each names a topic and one names a
    topic the other does not (a price and a contract term; a per-home price and a per-home
    price for three-hour jobs). "It's too dear" and "we can't justify the cost" are one worry;
    "What worries me is the switch." names no topic, so it is the theme's worry said vaguely."""
    mine, theirs = topics(first), topics(second)
    return bool(mine and theirs and mine != theirs)


def theme_entries(chosen: list[tuple[ClusterEvidence, Quote, Quote | None, str]]) -> list[Entry]:
    """The entries ``chosen`` worries (in order, with their headings) make: a worry joins the
    first entry of its theme unless it is a different worry (``different_worries``)."""
    entries: list[Entry] = []
    for cluster, quote, reply, head in chosen:
        same = next(
            (
                e
                for e in entries
                if e.cluster is cluster and not different_worries(e.worries[0][0].text, quote.text)
            ),
            None,
        )
        if same is None:
            entries.append(Entry(cluster=cluster, worries=[(quote, reply, head)]))
        else:
            same.worries.append((quote, reply, head))
    return entries
