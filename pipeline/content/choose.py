"""Which clusters suit a document when the user names none: by kind, category, words or the
competitor they name, largest first."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable, Sequence

from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.store import Cluster, Mention


def suitable_clusters(
    session: Session,
    kind: str,
    *,
    categories: Iterable[str] = (),
    words: Iterable[str] = (),
    competitor: str | None = None,
) -> list[int]:
    """Active clusters of ``kind`` (largest first) matching a category, a word in the name or
    keywords, or naming ``competitor``; all of them when no filter is given."""
    wanted = {c.lower() for c in categories}
    needles = [w.lower() for w in words]
    sizes: Counter[int] = Counter()
    categories_seen: dict[int, Counter[str]] = defaultdict(Counter)
    named: set[int] = set()
    stmt = (
        select(Mention.cluster_id, Mention.category, Mention.competitor)
        .join(Cluster, Mention.cluster_id == Cluster.id)
        .where(Cluster.kind == kind, Cluster.status == "active", Mention.excluded.is_(False))
    )
    for cluster_id, category, mention_competitor in session.execute(stmt):
        if cluster_id is None:
            continue
        sizes[cluster_id] += 1
        categories_seen[cluster_id][(category or "").lower()] += 1
        if competitor and (mention_competitor or "").lower() == competitor.lower():
            named.add(cluster_id)
    clusters = {c.id: c for c in session.scalars(select(Cluster).where(Cluster.id.in_(sizes)))}

    def matches(cluster_id: int) -> bool:
        if not wanted and not needles and not competitor:
            return True
        if competitor and cluster_id in named:
            return True
        if wanted and categories_seen[cluster_id].most_common(1)[0][0] in wanted:
            return True
        cluster = clusters[cluster_id]
        haystack = " ".join([cluster.name, *(cluster.keywords or [])]).lower()
        return any(needle in haystack for needle in needles)

    ranked = sorted(sizes, key=lambda cid: (-sizes[cid], cid))
    return [cid for cid in ranked if matches(cid)]


def cluster_kinds(session: Session, cluster_ids: Sequence[int]) -> dict[int, str]:
    """The kind of each cluster (objection, pain, question)."""
    rows = session.execute(select(Cluster.id, Cluster.kind).where(Cluster.id.in_(cluster_ids)))
    return {int(r[0]): str(r[1]) for r in rows}
