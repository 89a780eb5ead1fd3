"""A user's split replayed on a new group: each half keeps its members, a half of one too."""

from __future__ import annotations

import numpy as np

from pipeline.cluster.stable_ids import respect_splits
from pipeline.embed import normalise
from pipeline.store.models import Cluster, ClusterEdit
from pipeline.workspace import Workspace


def test_a_split_with_a_half_of_one_mention_is_replayed(ws: Workspace) -> None:
    rng = np.random.default_rng(7)
    big, lone = normalise(rng.normal(size=(2, 384)).astype(np.float32))
    with ws.session() as session:
        halves = [
            Cluster(kind="objection", name=name, centroid=c.tobytes(), status="active")
            for name, c in (("four quotes", big), ("one quote", lone))
        ]
        session.add_all(halves)
        session.flush()
        four, one = (c.id for c in halves)
        session.add(ClusterEdit(action="split", cluster_id=999, payload={"children": [four, one]}))
        session.flush()
        # the next full run put all five back into one group, and a stray of another cluster
        vectors = normalise(
            np.vstack([big + 0.1 * rng.normal(size=384) for _ in range(4)] + [lone, big])
        ).astype(np.float32)
        previous = {0: four, 1: four, 2: four, 3: four, 4: one, 5: None}
        groups = respect_splits(session, [[0, 1, 2, 3, 4, 5]], previous, vectors)
        assert sorted(groups) == [[0, 1, 2, 3, 5], [4]]
        # a few strays of a half that lives elsewhere do not split a group
        previous = {0: four, 1: four, 2: four, 3: one, 4: one, 5: one}
        elsewhere = respect_splits(session, [[0, 1, 2], [3, 4, 5]], previous, vectors)
        assert elsewhere == [[0, 1, 2], [3, 4, 5]]
        session.rollback()
