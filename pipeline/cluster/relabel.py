"""Automatic names for themes a user's edit made (a merge, a split's halves), given as a
re-cluster gives them: the quotes weighed by how typical and how sure they are, under the
theme's kind and category, the buyers' lines first, a theme of answers named from the question.

Why: a merge had kept its first theme's name, "BerthHop brings us the boats", over quotes most
of which named Slipway; a split had named adoption worries' halves "App" and "Status quo (lift)",
each read without its category.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from sqlalchemy.orm import Session

from pipeline.cluster.index import mention_vectors
from pipeline.cluster.label import ClusterLabel, centralities, naming_weights
from pipeline.cluster.name_inputs import said_by
from pipeline.cluster.recluster import group_category, label_groups
from pipeline.cluster.refused_asks import naming_texts
from pipeline.cluster.topic_vectors import mention_said
from pipeline.embed import normalise
from pipeline.store.models import Mention
from pipeline.workspace import Workspace


def label_edited(
    workspace: Workspace, session: Session, groups: Sequence[Sequence[Mention]], kind: str
) -> list[ClusterLabel]:
    """A name and keywords per group of one kind's mentions (none empty), as a re-cluster would
    name them apart from each other; names of other themes are ``keep_names_apart``'s to part."""
    flat = [m for group in groups for m in group]
    vectors = mention_vectors(workspace, session, flat)
    bounds = np.cumsum([0, *(len(group) for group in groups)])
    members = [list(range(bounds[i], bounds[i + 1])) for i in range(len(groups))]
    centroids = normalise(np.vstack([vectors[rows].sum(axis=0) for rows in members]))
    roles, answered = said_by(session, groups)
    weights = [
        naming_weights(typical, [m.confidence for m in group], said)
        for group, typical, said in zip(
            groups, centralities(vectors, members, centroids), roles, strict=True
        )
    ]
    return label_groups(
        workspace,
        session,
        naming_texts(session, [mention_said(group) for group in groups]),
        weights,
        {m.call_id for m in flat},
        [group_category([m.category for m in group]) for group in groups],
        kind,
        answered=answered,
        roles=roles,
        calls=[[m.call_id for m in group] for group in groups],
    )
