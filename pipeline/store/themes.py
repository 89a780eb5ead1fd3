"""What a stored theme is, read from the store: its centre and its category. Here, below both
the clustering (which keeps them) and the detector's review queue (which asks about a mention
far from its theme's centre), so neither imports the other."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection

import numpy as np
import numpy.typing as npt
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from pipeline.store.models import Cluster, Mention


def category_key(category: str | None) -> str:
    """How a category is named in the cluster state ("" for none)."""
    return category or ""


def centroid_of(cluster: Cluster) -> npt.NDArray[np.float32] | None:
    if cluster.centroid is None:
        return None
    return np.frombuffer(cluster.centroid, dtype=np.float32).copy()


def cluster_categories(
    session: Session, cluster_ids: Collection[int], *, leaving: Collection[int] = ()
) -> dict[int, str]:
    """Each cluster's category (``category_key``): the most common among its members, not
    counting the mentions ``leaving`` (those being assigned again)."""
    counts: dict[int, Counter[str]] = {}
    for cluster_id, category, count in session.execute(
        select(Mention.cluster_id, Mention.category, func.count(Mention.id))
        .where(Mention.cluster_id.in_(list(cluster_ids)), Mention.id.not_in(list(leaving)))
        .group_by(Mention.cluster_id, Mention.category)
    ):
        if cluster_id is not None:
            counts.setdefault(cluster_id, Counter())[category_key(category)] += int(count)
    return {
        cid: min(c.items(), key=lambda item: (-item[1], item[0]))[0] for cid, c in counts.items()
    }
