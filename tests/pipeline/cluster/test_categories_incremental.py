"""Incremental assignment never mixes the detector's categories (the issue's case: "take it to
my business partner" landed in the price cluster; a concern with no competitor joined a
competitor cluster)."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select

from pipeline.analysis.flow import analyse_calls
from pipeline.cluster.incremental import assign_incremental, cluster_categories
from pipeline.embed import Embedder
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES, add_call

pytestmark = pytest.mark.postgres


def price_cluster(ws: Workspace) -> int:
    with ws.session() as session:
        mention = session.scalars(select(Mention).where(Mention.text == THEMES["price"][0])).one()
        assert mention.category == "price" and mention.cluster_id is not None
        return mention.cluster_id


def test_a_new_category_gets_its_own_cluster(ws: Workspace) -> None:
    price = price_cluster(ws)
    call = add_call(
        ws,
        [
            "It's a lot of money, so I'd have to take it to my business partner first.",
            "The price is far too expensive for a team our size.",
        ],
        key="partner-call",
    )
    counts = analyse_calls(ws, [call])
    assert counts["reclustered_kinds"] == 0
    with ws.session() as session:
        new = session.scalars(
            select(Mention).where(Mention.call_id == call, Mention.kind == "objection")
        ).all()
        partner = next(m for m in new if "business partner" in m.text)
        cheap = next(m for m in new if "far too expensive" in m.text)
        assert partner.category == "authority_timing" and cheap.category == "price"
        assert cheap.cluster_id == price
        assert partner.cluster_id not in (None, price)
        homes = cluster_categories(session, [price, partner.cluster_id])  # type: ignore[list-item]
        assert homes == {price: "price", partner.cluster_id: "authority_timing"}


def test_nearest_cluster_of_another_category_is_never_joined(
    ws: Workspace, embedder: Embedder
) -> None:
    """Even a mention whose text sits right on the price cluster stays out of it when its
    category differs, and a mention with no category joins no categorised cluster."""
    price = price_cluster(ws)
    call = add_call(ws, ["We need to check with the board first."], key="board-call")
    analyse_calls(ws, [call])
    with ws.session() as session:
        [mention] = session.scalars(
            select(Mention).where(Mention.call_id == call, Mention.kind == "objection")
        ).all()
        clusters_before = session.scalar(select(func.count(Cluster.id)))
        vectors = embedder.encode([THEMES["price"][1]])  # pointing straight at price
        # (security: a category none of the corpus's clusters holds)
        mention.category, mention.cluster_id = "security", None
        assert assign_incremental(session, [mention], vectors) == 1
        assert mention.cluster_id != price
        assert session.scalar(select(func.count(Cluster.id))) == (clusters_before or 0) + 1
        security = mention.cluster_id
        mention.category, mention.cluster_id = None, None
        assign_incremental(session, [mention], vectors)
        assert mention.cluster_id not in (price, security, None)
        mention.category = "price"
        assign_incremental(session, [mention], vectors)
        assert mention.cluster_id == price
