"""A mention that says nothing alone ("Hmm." after a price) joins no theme: six of them had
counted in the price theme, and a finer grain made them a theme called "Hmm"."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster.incremental import assign_incremental
from pipeline.store.models import Mention, Utterance
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES, add_call, add_objection


def _hmm(ws: Workspace, key: str) -> int:
    call_id = add_call(ws, ["Hmm.", "Hm."], key=key)
    with ws.session() as session:
        for utterance in session.scalars(
            select(Utterance).where(Utterance.call_id == call_id, Utterance.role == "buyer")
        ):
            add_objection(session, utterance, "price", confidence=0.6)
    return call_id


def test_a_mention_that_says_nothing_joins_no_theme(ws: Workspace) -> None:
    call_id = _hmm(ws, "hmm-call")
    summary = run_clustering(ws, rebuild=True, kinds=["objection"])
    with ws.session() as session:
        placed = session.scalars(select(Mention.cluster_id).where(Mention.call_id == call_id))
        assert list(placed) == [None, None]
        price = session.scalars(
            select(Mention.cluster_id).where(Mention.text == THEMES["price"][0])
        ).one()
        assert price is not None
    assert summary["objection"]["silent"] == 2
    # Unplaced by choice, they are no drift: the next run finds the clusters up to date.
    assert run_clustering(ws, kinds=["objection"])["objection"].get("full") is not True
    # A new one, assigned incrementally, stays out too.
    later = _hmm(ws, "hmm-later")
    with ws.session() as session:
        mentions = list(session.scalars(select(Mention).where(Mention.call_id == later)))
        vectors = ws.embedder.encode([m.text for m in mentions])
        assert assign_incremental(session, mentions, vectors) == 0
        assert [m.cluster_id for m in mentions] == [None, None]
