"""Which stored objections sit in the wrong theme, by the store's themes: an objection nearer the
centre of another category's theme than its own (``queue.theme_margins``) is worth a question
even when its kind is sure ("the DPIA" filed with the "another app" worries at 0.998). Read by
the review queue and its progress count, so the count says what the queue will ask."""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.detect.queue import category_in_doubt, theme_margins
from pipeline.embed import Embedder, embed_cached
from pipeline.store.models import Cluster, Mention
from pipeline.store.themes import centroid_of, cluster_categories

CATEGORY_POOL = 2000  # the newest sure objections read per request (pages stay fast at 100k)
OBJECTION = "objection"


def doubted_categories(
    session: Session, embedder: Embedder, mention_ids: Sequence[int]
) -> dict[int, float]:
    """Mention id -> its theme margin, for the objections among the newest ``CATEGORY_POOL`` of
    ``mention_ids`` whose category is in doubt."""
    wanted = sorted(mention_ids, reverse=True)[:CATEGORY_POOL]
    rows = session.execute(
        select(Mention.id, Mention.text, Mention.cluster_id).where(
            Mention.id.in_(wanted), Mention.kind == OBJECTION, Mention.cluster_id.is_not(None)
        )
    ).all()
    if not rows:
        return {}
    clusters = session.scalars(
        select(Cluster).where(
            Cluster.kind == OBJECTION, Cluster.status == "active", Cluster.centroid.is_not(None)
        )
    ).all()
    vectors = embed_cached(session, embedder, [r[1] for r in rows])
    centres = {
        c.id: v
        for c in clusters
        if (v := centroid_of(c)) is not None and v.shape[0] == vectors.shape[1]
    }
    categories = cluster_categories(session, list(centres))
    margins = theme_margins(vectors, [r[2] for r in rows], centres, categories)
    return {
        int(r[0]): float(m)
        for r, m in zip(rows, margins, strict=True)
        if m is not None and category_in_doubt(m)
    }
