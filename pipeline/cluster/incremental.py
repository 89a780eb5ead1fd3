"""Incremental assignment: a new mention joins its nearest cluster when it sits as close as the
cluster's own members do (``bounds``), else it waits (``waiting`` may make a theme of those that
wait); for a walled kind (objections, pains) only a cluster of its own category, and a category
with no cluster yet gets a new one."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence

import numpy as np
from sqlalchemy import select
from sqlalchemy.orm import Session

from pipeline.cluster.algorithms import assign_nearest
from pipeline.cluster.bounds import join_bars, join_bound
from pipeline.cluster.categories import TOPIC_PRIOR_KINDS
from pipeline.cluster.label import centralities, label_clusters, naming_weights
from pipeline.cluster.name_inputs import said_by
from pipeline.cluster.name_rules import keep_names_apart
from pipeline.cluster.people import person_words
from pipeline.cluster.refused_asks import naming_texts
from pipeline.cluster.rivals import RIVAL_CATEGORY, cluster_rivals
from pipeline.cluster.topic_vectors import mention_said
from pipeline.detect.rules import says_nothing
from pipeline.embed import Vectors, normalise
from pipeline.redact import call_people
from pipeline.store.models import Cluster, Mention
from pipeline.store.themes import category_key, centroid_of, cluster_categories

__all__ = ["assign_incremental", "centroid_of", "cluster_categories"]

# A walled kind's mention of a category a theme holds joins that category's nearest theme at any
# similarity: "Lost to PharmStock - cheaper per branch" (price, 0.95) had waited outside the only
# Price theme, under its bar, and so counted in no theme nor in the lost deals' panel. A rival's
# theme keeps its bar (a rival with no theme of its own gets one from its waiting mentions).
CATEGORY_HOME = -1.0


def assign_incremental(
    session: Session,
    mentions: Sequence[Mention],
    vectors: Vectors,
    *,
    only: Collection[int] | None = None,
    threshold: float | None = None,
    own_words: Vectors | None = None,
) -> int:
    """Give each mention its nearest cluster's id when similar enough (each cluster's own bar,
    ``bounds.join_bars``, or ``threshold`` for every cluster when given); returns how many joined.

    A mention of a walled kind only joins a cluster of its own category; a category none of
    the kind's clusters holds gets a new cluster (once the kind has been clustered at all). A
    mention nearest to a cluster marked "not an objection" is excluded with it. ``only`` limits
    the clusters it may join (and a category none of those holds gets a new one). ``own_words``:
    the mentions' own words' vectors where ``vectors`` are those they are grouped by
    (``topic_vectors``): a new theme's name weighs its quotes by their own words.
    """
    by_kind: dict[str, list[int]] = {}
    for position, mention in enumerate(mentions):
        if says_nothing(mention.text):  # "Hmm." counts in no theme (``kind_rows.drop_silent``)
            mention.cluster_id = None
            continue
        by_kind.setdefault(mention.kind, []).append(position)
    joined = 0
    for kind, positions in by_kind.items():
        clusters = [
            c
            for c in session.scalars(
                select(Cluster)
                .where(Cluster.kind == kind, Cluster.status.in_(("active", "excluded")))
                .order_by(Cluster.id)
            )
            if c.centroid is not None and (only is None or c.id in only)
        ]
        if not clusters:
            continue
        if kind in TOPIC_PRIOR_KINDS:
            joined += _join_nearest(mentions, positions, vectors, clusters, threshold)
            continue
        leaving = [mentions[p].id for p in positions if mentions[p].id is not None]
        homes = cluster_categories(session, [c.id for c in clusters], leaving=leaving)
        if not homes:  # every member is being detected again (a full re-cluster follows)
            joined += _join_nearest(mentions, positions, vectors, clusters, threshold)
            continue
        by_category: dict[str, list[int]] = {}
        for position in positions:
            by_category.setdefault(category_key(mentions[position].category), []).append(position)
        for category, members in sorted(by_category.items()):
            own = [c for c in clusters if homes.get(c.id) == category]
            if own and category == RIVAL_CATEGORY:
                joined += _join_rivals_theme(
                    session, kind, mentions, members, vectors, own, threshold
                )
            elif own:  # a category is the wall: its theme is the mention's home, however far
                bar = CATEGORY_HOME if threshold is None and category else threshold
                joined += _join_nearest(mentions, members, vectors, own, bar)
            else:
                said = None if own_words is None else own_words[members]
                new_theme(session, kind, [mentions[p] for p in members], vectors[members], said)
                joined += len(members)
    session.flush()
    return joined


def _join_rivals_theme(
    session: Session,
    kind: str,
    mentions: Sequence[Mention],
    positions: Sequence[int],
    vectors: Vectors,
    clusters: Sequence[Cluster],
    threshold: float | None,
) -> int:
    """A competitor worry naming a rival joins the nearest theme most of whose members name
    that rival (a theme per rival, ``rivals.py``), when there is one; the others as usual.
    "Staffly quoted us a setup fee of £1,200" had joined the mixed competitor theme."""
    theirs: dict[str, list[Cluster]] = {}
    for cluster_id, rival in cluster_rivals(session, [c.id for c in clusters]).items():
        theirs.setdefault(rival, []).extend(c for c in clusters if c.id == cluster_id)
    by_rival: dict[str, list[int]] = {}  # positions per rival with a theme ("": the rest)
    newcomers: dict[str, list[int]] = {}  # positions per named rival with no theme yet
    for position in positions:
        rival = (mentions[position].competitor or "").casefold()
        if rival and rival not in theirs and threshold is None:
            newcomers.setdefault(rival, []).append(position)
        else:
            by_rival.setdefault(rival if rival in theirs else "", []).append(position)
    # A rival no theme holds gets its own, as a category none holds does: "the board picked
    # PharmStock" had waited outside the other rivals' themes, in no lost-deal figure.
    for members in newcomers.values():
        new_theme(session, kind, [mentions[p] for p in members], vectors[members])
    return sum(len(members) for members in newcomers.values()) + sum(
        _join_nearest(mentions, members, vectors, theirs.get(rival, clusters), threshold)
        for rival, members in by_rival.items()
    )


def _join_nearest(
    mentions: Sequence[Mention],
    positions: Sequence[int],
    vectors: Vectors,
    clusters: Sequence[Cluster],
    threshold: float | None,
) -> int:
    """Each mention joins its nearest cluster when it clears that cluster's bar; else it waits
    (no cluster). The bars are kept on the clusters: no member is read."""
    centroids = normalise(np.vstack([centroid_of(c) for c in clusters]))  # type: ignore[misc]
    nearest, sims = assign_nearest(vectors[list(positions)], centroids)
    bars = join_bars([c.join_bound for c in clusters])
    joined = 0
    for position, label, sim in zip(positions, nearest, sims, strict=True):
        mention = mentions[position]
        if sim < (bars[int(label)] if threshold is None else threshold):
            mention.cluster_id = None
            continue
        cluster = clusters[int(label)]
        mention.cluster_id = cluster.id
        mention.excluded = cluster.status == "excluded"
        joined += 1
    return joined


def new_theme(
    session: Session,
    kind: str,
    members: Sequence[Mention],
    vectors: Vectors,
    own: Vectors | None = None,
) -> Cluster:
    """One cluster for ``members``: those of a category no cluster holds yet, or waiting ones
    close to each other (``waiting``); named by the label stage as a re-cluster names it:
    weighed by how sure, the buyers' lines first, answers by their question; its bar from its
    own spread. The next full re-cluster may split it. ``own``: the members' own words' vectors
    when ``vectors`` are those they are grouped by: its quotes weigh in its name by their own
    words, as a re-cluster weighs them (``topic_vectors.own_centralities``)."""
    centroid = normalise(vectors.sum(axis=0))
    [roles], [answered] = said_by(session, [members])
    [typical] = centralities(vectors if own is None else own, [range(len(members))], centroid)
    categories = Counter(m.category for m in members if m.category)
    walled = kind not in TOPIC_PRIOR_KINDS and categories
    [label] = label_clusters(
        naming_texts(session, [mention_said(members)]),
        [naming_weights(typical, [m.confidence for m in members], roles)],
        # its category's label, not a guess from its words ("Switching effort: cd book" had
        # named two missing-feature quotes)
        categories=[categories.most_common(1)[0][0]] if walled else [],
        kind=kind,
        people=person_words(call_people(session, {m.call_id for m in members})),
        answered=[answered],
        roles=[roles],
        calls=[[m.call_id for m in members]],
    )
    cluster = Cluster(
        kind=kind,
        name=label.name,
        auto_name=label.name,
        keywords=label.keywords,
        centroid=centroid[0].astype(np.float32).tobytes(),
        join_bound=join_bound(vectors),
        status="active",
    )
    session.add(cluster)
    session.flush()
    for mention in members:
        mention.cluster_id = cluster.id
    keep_names_apart(session, kind)  # the new theme's name gives way to those already learnt
    return cluster
