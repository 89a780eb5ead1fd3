"""The quote that stands for a theme in a document is a sure one that says what the theme is
about: confidence is weighed by how typical of its cluster a mention is (a sure fragment such
as "Same cook, same Friday, both kitchens." had opened the example calls' use case)."""

from __future__ import annotations

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from pipeline.cluster.queries import typicality
from pipeline.content.collect import collect_evidence
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace


def _largest(db: Session) -> Cluster:
    """The objection cluster with the most mentions."""
    cluster_id = db.scalars(
        select(Mention.cluster_id)
        .join(Cluster, Cluster.id == Mention.cluster_id)
        .where(Cluster.kind == "objection", Cluster.status == "active")
        .group_by(Mention.cluster_id)
        .order_by(func.count().desc(), Mention.cluster_id)
    ).first()
    cluster = db.get(Cluster, cluster_id)
    assert cluster is not None
    return cluster


def test_a_sure_but_untypical_mention_does_not_stand_for_its_theme(corpus_ws: Workspace) -> None:
    with corpus_ws.session() as db:
        cluster = _largest(db)
        texts = db.scalars(select(Mention.text).where(Mention.cluster_id == cluster.id)).all()
        typical = typicality(db, cluster, texts)
        assert len(typical) == len(set(texts)) > 3  # every member has a cached vector
        least, most = min(typical, key=typical.get), max(typical, key=typical.get)  # type: ignore[arg-type]
        assert typical[least] < 0.8 * typical[most]
        db.execute(update(Mention).where(Mention.cluster_id == cluster.id).values(confidence=0.9))
        db.execute(
            update(Mention)
            .where(Mention.cluster_id == cluster.id, Mention.text == least)
            .values(confidence=1.0)
        )
        db.commit()
        evidence = collect_evidence(db, [cluster.id], redact=False, quotes_per_cluster=50)
    quotes = [q.text for q in evidence.cluster_quotes(evidence.clusters[0])]
    assert quotes[0] == most and least in quotes  # still quoted, after the typical one


def test_an_uncertain_mention_comes_after_every_confident_one(corpus_ws: Workspace) -> None:
    with corpus_ws.session() as db:
        cluster = _largest(db)
        texts = db.scalars(select(Mention.text).where(Mention.cluster_id == cluster.id)).all()
        typical = typicality(db, cluster, texts)
        most = max(typical, key=typical.get)  # type: ignore[arg-type]
        db.execute(update(Mention).where(Mention.cluster_id == cluster.id).values(confidence=0.55))
        db.execute(
            update(Mention)
            .where(Mention.cluster_id == cluster.id, Mention.text == most)
            .values(confidence=0.45)
        )
        db.commit()
        evidence = collect_evidence(db, [cluster.id], redact=False, quotes_per_cluster=50)
    quotes = [q.text for q in evidence.cluster_quotes(evidence.clusters[0])]
    assert most in quotes and quotes.index(most) == len(quotes) - 1
