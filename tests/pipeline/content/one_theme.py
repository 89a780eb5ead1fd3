"""Evidence of one objection theme built from buyer lines, no store and no vectors: for tests
of what a brief makes of what buyers said (keywords, the questions a section asks)."""

from __future__ import annotations

import datetime as dt

from pipeline.content.evidence import ClusterEvidence, Evidence, Quote


def one_theme_evidence(
    name: str, category: str, said: list[str], *, month: int = 4
) -> tuple[Evidence, ClusterEvidence]:
    """One theme ``name`` of ``category`` whose quotes are ``said``, each by a buyer of its own
    open call (dated in ``month`` of 2026)."""
    quotes = [
        Quote(
            id=n,
            text=text,
            role="buyer",
            kind="objection",
            call_id=n,
            utterance_id=n,
            mention_id=n,
            call_date=dt.date(2026, month, n),
            account=f"Account {n}",
            outcome="open",
            speaker="buyer",
            cluster_id=1,
            category=category,
        )
        for n, text in enumerate(said, start=1)
    ]
    ids = [q.id for q in quotes]
    cluster = objection_theme(1, name, category, ids)
    return Evidence(clusters=[cluster], quotes=quotes, phrases=[], facts=[]), cluster


def objection_theme(
    number: int, name: str, category: str, ids: list[int], competitors: list[str] | None = None
) -> ClusterEvidence:
    """An objection theme's evidence whose quotes ``ids`` are each a call and account of their
    own, with no outcome, keyword or answer on file."""
    return ClusterEvidence(
        id=number,
        name=name,
        kind="objection",
        category=category,
        size=len(ids),
        calls=len(ids),
        call_ids=ids,
        accounts=len(ids),
        outcomes={},
        keywords=[],
        quote_ids=ids,
        answer_ids=[],
        first_seen=None,
        last_seen=None,
        competitors=competitors or [],
    )
