"""What a mention is grouped by: its own words, or, when they cannot stand alone
(``lead_ins.needs_lead_in``), its lead-in and its words together ("Payroll takes me all
Sunday. That was a nightmare.").

Why: embedded alone, "That was bad.", "Well… then it's more difficult." and "I didn't enjoy
that conversation." grouped by their tone into one pain theme no name fitted, apart from the
no-shows and payroll errors they were said of. Only the vector a re-cluster, a split and the
assignment of new mentions read changes: the quote shown and cited stays the mention's own
words, and search keeps their own vector (a searcher looks for what was said, not before it).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from sqlalchemy.orm import Session

from pipeline.cluster.label import centralities
from pipeline.cluster.lead_ins import lead_in, needs_lead_in
from pipeline.cluster.refused_asks import refused_asks, turn_texts, turns_before
from pipeline.embed import Embedder, Vectors, embed_cached
from pipeline.store.models import Mention


class SaidAt(NamedTuple):
    """A mention's words and where they were said: its turn and where in it they start."""

    text: str
    utterance_id: int
    char_start: int


def grouped_texts(session: Session, said: Sequence[SaidAt]) -> list[str]:
    """The text each mention is grouped by: its own words, or its lead-in before them when
    they cannot stand alone. The lead-in is the turn's sentence before it (a question too: it
    says the topic), or, when it opens its turn, the end of the nearest earlier turn of its
    call that says something; its own words alone when neither says anything. A need said
    after the rep's no to the buyer's question leans on that question (``refused_asks``)."""
    asked = refused_asks(session, said)
    wanting = [p for p, s in enumerate(said) if p not in asked and needs_lead_in(s.text)]
    leads: dict[int, str] = dict(asked)
    if not wanting:
        return [f"{leads[p]} {s.text}" if p in leads else s.text for p, s in enumerate(said)]
    turns = turn_texts(session, {said[p].utterance_id for p in wanting})
    opening: list[int] = []
    for p in wanting:
        turn = turns.get(said[p].utterance_id, "")
        start = said[p].char_start
        if turn[start : start + len(said[p].text)] != said[p].text:
            continue  # its turn was edited since: no words to lean on
        leads[p] = lead_in(turn, start, asked=True)
        if not leads[p]:
            opening.append(p)
    earlier = turns_before(session, {said[p].utterance_id for p in opening})
    told = turn_texts(session, {u for ids in earlier.values() for u in ids})
    for p in opening:
        ends = (_turn_end(told.get(u, "")) for u in earlier.get(said[p].utterance_id, []))
        leads[p] = next((end for end in ends if end), "")
    return [f"{leads[p]} {s.text}" if leads.get(p) else s.text for p, s in enumerate(said)]


def mention_said(mentions: Sequence[Mention]) -> list[SaidAt]:
    """``mentions`` as ``grouped_texts`` reads them."""
    return [SaidAt(m.text, m.utterance_id, m.char_start) for m in mentions]


def grouping_vectors(
    session: Session, embedder: Embedder, mentions: Sequence[Mention], own: Vectors
) -> Vectors:
    """The vectors ``mentions`` are grouped by (``grouped_texts``), from ``own`` (their own
    words' vectors, in order): only those that cannot stand alone are embedded again (cached
    by their text like any other)."""
    texts = grouped_texts(session, mention_said(mentions))
    changed = [p for p, (t, m) in enumerate(zip(texts, mentions, strict=True)) if t != m.text]
    if not changed:
        return own
    out = own.copy()
    out[changed] = embed_cached(session, embedder, [texts[p] for p in changed])
    return out


def own_centralities(
    session: Session,
    embedder: Embedder,
    vectors: Vectors,
    members: Sequence[Sequence[int]],
    centroids: Vectors,
    texts: Sequence[str],
    grouped: Sequence[str],
) -> list[list[float]]:
    """How typical each member's own words are of its group (``label.centralities``), for
    the quotes that name it: ``vectors`` are the grouping ones (``grouped``), so a fragment's
    is read again from its own words (``texts``), as the theme's list quote is chosen
    (``queries.shown_order``). By its lead-in, "That's really it." had led a theme's naming."""
    typical = centralities(vectors, members, centroids)
    changed = [p for p, (t, g) in enumerate(zip(texts, grouped, strict=True)) if t != g]
    if not changed:
        return typical
    own = dict(
        zip(changed, embed_cached(session, embedder, [texts[p] for p in changed]), strict=True)
    )
    return [
        [float(own[p] @ centroids[i]) if p in own else t for p, t in zip(rows, row, strict=True)]
        for i, (rows, row) in enumerate(zip(members, typical, strict=True))
    ]


def _turn_end(turn: str) -> str:
    """What a turn ends on, as a lead-in of the turn after it (a rep's question too)."""
    return lead_in(turn, len(turn), asked=True)
