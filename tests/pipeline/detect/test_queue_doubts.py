"""The review queue spends answers where the detector is in doubt (review 23l item 4): never on a
sentence sure of its kind and category (a 0.95 question, "Okay, that's good to hear."), and on
an objection whose category is a near tie or filed in another category's theme even when its
kind is sure."""

from __future__ import annotations

from sqlalchemy import select, update

from pipeline.detect import learning as detections
from pipeline.detect.queue import CATEGORY_TIE, category_tied
from pipeline.store.models import Cluster, Mention
from pipeline.store.themes import cluster_categories
from pipeline.workspace import Workspace


def _open(ws: Workspace) -> list[Mention]:
    with ws.session() as session:
        rows = session.scalars(
            select(Mention).where(
                Mention.kind.in_(("objection", "pain", "question", "current_setup", "other")),
                Mention.source != "user",
                Mention.objection_probability.is_not(None),
            )
        ).all()
        session.expunge_all()
        return list(rows)


def _in_doubt(mention: Mention, sure_at: float) -> bool:
    """Its kind below ``sure_at``, or its category a near tie."""
    return mention.confidence < sure_at or category_tied(mention.category_margin)


def _asked(ws: Workspace, limit: int) -> list[detections.QueueItem]:
    with ws.session() as session:
        return [e.item for e in detections.review_queue(ws, session, limit)]


def test_no_sure_sentence_is_asked_while_unsure_ones_wait(ws: Workspace) -> None:
    """With "sure" at 0.9, a 0.95 question waits behind every sentence in doubt, though the
    spread over calls had let sure ones in (19 of 30 answers wasted)."""
    ws.settings = ws.settings.model_copy(update={"confident_at": 0.9})
    unsure = [m for m in _open(ws) if _in_doubt(m, 0.9)]
    assert len(unsure) >= 3  # the corpus has sentences in doubt
    asked = _asked(ws, len(unsure))
    assert len(asked) == len(unsure)
    doubted = {m.text for m in unsure}
    assert all(item.sentence in doubted for item in asked), [
        (i.sentence, i.suggested.kind, i.confidence) for i in asked if i.sentence not in doubted
    ]
    with ws.session() as session:
        assert detections.queue_progress(ws, session).uncertain == len(unsure)


def test_a_sure_objection_in_another_categorys_theme_is_asked(ws: Workspace) -> None:
    """A sure price objection filed under another category's theme (as a data-protection worry
    had been filed with the "another app" worries at 0.998): its category is in doubt."""
    sure_at = ws.settings.confident_at
    with ws.session() as session:
        clusters = session.scalars(
            select(Cluster).where(Cluster.kind == "objection", Cluster.status == "active")
        ).all()
        homes = cluster_categories(session, [c.id for c in clusters])
        by_category = {category: cid for cid, category in homes.items()}
        assert "price" in by_category and len(by_category) >= 2
        elsewhere = next(cid for c, cid in sorted(by_category.items()) if c != "price")
        moved = session.scalars(
            select(Mention)
            .where(
                Mention.kind == "objection",
                Mention.category == "price",
                Mention.cluster_id == by_category["price"],
                Mention.source != "user",
                Mention.confidence >= 0.9,
                Mention.category_margin >= CATEGORY_TIE,  # its category sure too
            )
            .order_by(Mention.id)
            .limit(1)
        ).one()
        target, text = moved.id, moved.text
        session.execute(
            update(Mention)
            .where(Mention.id == target)
            .values(cluster_id=elsewhere, category=homes[elsewhere])
        )
        session.commit()
    unsure = [m for m in _open(ws) if _in_doubt(m, sure_at)]
    asked = _asked(ws, len(unsure) + 1)
    assert text in [item.sentence for item in asked]
    doubted = {m.text for m in unsure}
    sure = [item for item in asked if item.sentence not in doubted]
    assert [item.sentence for item in sure] == [text]  # and no other sure sentence
    with ws.session() as session:  # the review page counts it as uncertain
        assert detections.queue_progress(ws, session).uncertain == len(unsure) + 1
