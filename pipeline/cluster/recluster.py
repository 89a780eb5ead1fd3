"""A full re-cluster of one kind: new groups per category at the chosen grain, ids kept by
overlap (a retired theme that comes back gets its id back), user edits replayed, names from the
label stage (or the LLM's)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable, Sequence
from functools import partial
from typing import Any

import numpy as np
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from pipeline.brand_names import configured_brands
from pipeline.cluster.answered import fragment_questions
from pipeline.cluster.bounds import join_bounds
from pipeline.cluster.categories import (
    TOPIC_PRIOR_KINDS,
    UNCATEGORISED_KINDS,
    cluster_by_category,
    stored_scale,
    theme_floor,
    walled_kind,
    with_category,
)
from pipeline.cluster.held_names import held_name, names_kept, quote_names_kept
from pipeline.cluster.kind_rows import kind_rows
from pipeline.cluster.label import (
    ClusterLabel,
    label_clusters,
    naming_weights,
)
from pipeline.cluster.llm_names import cluster_labeler
from pipeline.cluster.name_rules import keep_names_apart
from pipeline.cluster.people import person_words
from pipeline.cluster.problems import with_turn_context
from pipeline.cluster.question_groups import question_subjects, refine_question_groups
from pipeline.cluster.questions import question_topic, worded_topic
from pipeline.cluster.refused_asks import naming_texts
from pipeline.cluster.rivals import (
    RIVAL_CATEGORY,
    known_competitors,
    mention_rivals,
    rival_spelling,
    rival_walls,
)
from pipeline.cluster.stable_ids import (
    keep_merges,
    match_named_first,
    named_quotes,
    respect_splits,
    user_edits,
)
from pipeline.cluster.state import (
    BUILT_IN_NAMER,
    load_memory,
    load_trees,
    save_memory,
    save_trees,
)
from pipeline.cluster.topic_vectors import SaidAt, grouped_texts, own_centralities
from pipeline.embed import Vectors, embed_cached, normalise
from pipeline.redact import call_people, settings_redactor
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace


def label_groups(
    workspace: Workspace,
    session: Session,
    texts: Sequence[Sequence[str]],
    centrality: Sequence[Sequence[float]],
    call_ids: Iterable[int],
    categories: Sequence[str | None] = (),
    kind: str | None = None,
    kept: Sequence[str | None] = (),
    people: Collection[str] | None = None,
    answered: Sequence[Sequence[str | None]] | None = None,
    roles: Sequence[Sequence[str]] | None = None,
    calls: Sequence[Sequence[int]] | None = None,
) -> list[ClusterLabel]:
    """Built-in cluster names, or the LLM's where ``llm_labels`` is on (its quotes redacted as
    content's are: buyers hidden, brands and our people kept); ``categories``: each group's;
    ``kind``: theirs; ``kept``: names that hold (``label_clusters``); ``people``: the calls'
    name words (``theme_people``), read when not given; ``answered``: the rep's question each
    text answers (``answered.fragment_questions``); ``roles``: who said it (``Utterance.role``);
    ``calls``: on which call."""
    settings = workspace.settings
    call_ids = sorted(set(call_ids))
    if people is None:
        people = theme_people(workspace, session, call_ids)
    labeler = (
        cluster_labeler(
            settings,
            settings_redactor(session, call_ids, settings),
        )
        if settings.llm_labels
        else None
    )
    try:
        return label_clusters(
            texts,
            centrality,
            labeler,
            competitors=theme_rivals(workspace, session),
            categories=categories,
            kind=kind,
            kept=kept,
            people=people,
            answered=answered,
            roles=roles,
            calls=calls,
        )
    finally:
        if labeler is not None:
            labeler.close()


def theme_rivals(workspace: Workspace, session: Session) -> list[str]:
    """The rivals a theme's name may name: configured, and known from the calls."""
    return [*workspace.settings.competitors, *known_competitors(session)]


def theme_people(workspace: Workspace, session: Session, call_ids: Iterable[int]) -> frozenset[str]:
    """The words of the names of everyone on these calls (``redact.call_people``): no theme's
    name says one."""
    return person_words(call_people(session, call_ids, configured_brands(workspace.settings)))


def group_category(categories: Sequence[str | None]) -> str | None:
    """What a group's mentions are filed under, most of them (an objection theme never mixes
    its categories); the competitor one only when no other is named. Its name then takes no
    category's label (``topic_names``): guessed from cue words, it had named a loss to MyCase
    "Decision authority: partners"."""
    named = Counter(c for c in categories if c and c != RIVAL_CATEGORY)
    if not named and RIVAL_CATEGORY in categories:
        return RIVAL_CATEGORY
    return named.most_common(1)[0][0] if named else None


def full_cluster(
    workspace: Workspace,
    session: Session,
    kind: str,
    last: dict[str, Any] | None = None,
    *,
    reuse_trees: bool = False,
) -> dict[str, Any]:
    """Re-cluster every mention of ``kind`` at the grain in ``last`` (the kind's cluster state),
    keep ids by overlap, replay user edits. ``reuse_trees`` cuts the saved trees again (a change
    of grain) instead of building new ones. The result's ``k_by_category`` is each category's
    automatic k, what ``last["k"]`` should be next time."""
    last = last or {}
    folder = workspace.settings.data_dir
    rows, silent = kind_rows(session, kind)
    ids = [int(r[0]) for r in rows]
    texts = [str(r[1]) for r in rows]
    previous: dict[int, int | None] = {p: r[2] for p, r in enumerate(rows)}
    categories = [r[3] for r in rows]
    # Each grouped by its words, or by its lead-in and them when they cannot stand alone.
    grouped = grouped_texts(session, [SaidAt(str(r[1]), int(r[7]), int(r[9])) for r in rows])
    vectors = embed_cached(session, workspace.embedder, grouped, remember=False)
    space, walls = vectors, categories
    prior = kind in TOPIC_PRIOR_KINDS
    if not prior:  # a theme per rival in the competitor category
        rivals = mention_rivals(
            session, categories, [r[6] for r in rows], [r[7] for r in rows], [r[4] for r in rows]
        )
        walls = rival_walls(categories, rivals, [r[4] for r in rows], rival_spelling(session))
    if prior:
        space, walls = with_category(vectors, categories), [None] * len(rows)
        del vectors  # read again below: with the prior's space, two copies were the peak
    problems = kind in UNCATEGORISED_KINDS
    if problems:  # grouped by the problem: each pain beside its turn's others (``problems``)
        space = with_turn_context(vectors, [r[7] for r in rows])
    found = cluster_by_category(
        space,
        walls,
        ids,
        previous_k=last.get("k"),
        previous_clusters=[previous[p] for p in range(len(ids))],
        trees=load_trees(folder, kind) if reuse_trees else None,
        scale=stored_scale(kind, last),
        walled=walled_kind(kind),
        floor=theme_floor(kind),
        turns=[int(r[7]) for r in rows] if problems else None,
    )
    save_trees(folder, kind, found.trees)
    groups = found.groups
    if prior:
        del space
        vectors = embed_cached(session, workspace.embedder, grouped, remember=False)
        topics = [question_topic(t, c) for t, c in zip(texts, categories, strict=True)]
        worded = [worded_topic(t, c) is not None for t, c in zip(texts, categories, strict=True)]
        subjects = [question_subjects(t, c) for t, c in zip(texts, categories, strict=True)]
        groups = refine_question_groups(vectors, topics, groups, worded=worded, subjects=subjects)
    groups = respect_splits(session, groups, previous, vectors)
    namer = "llm" if workspace.settings.llm_labels else BUILT_IN_NAMER
    # Names hold, but one namer's (built in, an LLM) do not hold against the other's.
    hold = last.get("namer", BUILT_IN_NAMER) == namer
    counts = _store_groups(
        workspace, session, kind, groups, rows, vectors, previous, grouped, hold=hold
    )
    return {
        **counts,
        "namer": namer,
        "mentions": len(ids),
        "silent": silent,
        "k_by_category": found.automatic_k,
    }


def _store_groups(
    workspace: Workspace,
    session: Session,
    kind: str,
    groups: list[list[int]],
    rows: Sequence[Any],
    vectors: Vectors,
    previous: dict[int, int | None],
    grouped: Sequence[str],
    *,
    hold: bool = True,
) -> dict[str, int]:
    """Give each group the id of the old cluster it overlaps most (active, or retired and
    remembered; a renamed one follows the quotes it was named on), a new one otherwise; name
    them (automatic names hold with ``hold``: ``held_name``); retire (and remember) the rest."""
    folder = workspace.settings.data_dir
    ids = [int(r[0]) for r in rows]
    active = {
        c.id: c
        for c in session.scalars(
            select(Cluster).where(Cluster.kind == kind, Cluster.status == "active")
        )
    }
    memory = load_memory(folder, kind)
    retired = {
        c.id: c
        for c in session.scalars(
            select(Cluster).where(Cluster.id.in_(list(memory)), Cluster.status == "retired")
        )
    }
    old_members: dict[int, set[int]] = {cid: set() for cid in active}
    for position, cluster_id in previous.items():
        if cluster_id in old_members:
            old_members[cluster_id].add(ids[position])
    old_members.update({cid: memory[cid] for cid in retired})
    named = frozenset(cid for cid, c in {**active, **retired}.items() if c.name_locked)
    anchors = named_quotes(session, {cid: old_members[cid] for cid in named})
    new_groups = [{ids[p] for p in g} for g in groups]
    merges = user_edits(session, "merge")
    matched = match_named_first(old_members, new_groups, named, anchors, merges)
    keep_merges(session, groups, matched, previous)
    kept = [(i, g) for i, g in enumerate(groups) if g]
    if not kept:
        return {"clusters": 0, "created": 0, "retired": 0}
    centroids = normalise(np.vstack([vectors[g].sum(axis=0) for _, g in kept]))
    # What names it: a need after the rep's no by the question it needs (``refused_asks``).
    texts = naming_texts(
        session, [[(str(rows[p][1]), int(rows[p][7]), int(rows[p][9])) for p in g] for _, g in kept]
    )
    roles = [[str(rows[p][8]) for p in g] for _, g in kept]
    typical = own_centralities(
        session,
        workspace.embedder,
        vectors,
        [g for _, g in kept],
        centroids,
        [str(r[1]) for r in rows],
        grouped,
    )
    weights = [
        naming_weights(central, [float(rows[p][5]) for p in g], said_by)
        for (_, g), central, said_by in zip(kept, typical, roles, strict=True)
    ]
    categories = [group_category([rows[p][3] for p in g]) for _, g in kept]
    themes = [active.get(matched.get(i, -1)) or retired.get(matched.get(i, -1)) for i, _ in kept]
    rivals = theme_rivals(workspace, session)
    call_ids = {int(r[4]) for r in rows}
    people = theme_people(workspace, session, call_ids)
    answered = fragment_questions(
        session, [[(str(rows[p][1]), int(rows[p][7])) for p in g] for _, g in kept]
    )
    holders = [
        partial(
            held_name,
            theme,
            old_members,
            {ids[p] for p in g},
            quotes,
            weighed,
            rivals,
            category,
            people,
            kind,
            questions,
            said_by,
        )
        for theme, (_, g), quotes, weighed, category, questions, said_by in zip(
            themes, kept, texts, weights, categories, answered, roles, strict=True
        )
    ]
    holding = [
        held() if hold or (theme is not None and theme.name_locked) else None
        for held, theme in zip(holders, themes, strict=True)
    ]
    locked = [theme is not None and theme.name_locked for theme in themes]
    # Named afresh, a user's names aside: an automatic name held gives way to a better one.
    labels = label_groups(
        workspace, session, texts, weights, call_ids, categories, kind,
        [h if lock else None for h, lock in zip(holding, locked, strict=True)], people,
        answered, roles, [[int(rows[p][4]) for p in g] for _, g in kept],
    )  # fmt: skip
    labels = names_kept(labels, holding, locked, texts)
    if hold:  # one quote's words give way to what more quotes say, not to another quote's
        alone = [partial(held, alone=True) for held in holders]
        labels = quote_names_kept(labels, holding, alone, texts, categories, rivals)
    created = 0
    changes: list[dict[str, int]] = []
    kept_ids: set[int] = set()
    bounds = join_bounds(vectors, [g for _, g in kept])  # how far each theme reaches (``bounds``)
    for (_, group), centroid, label, cluster, bound in zip(
        kept, centroids, labels, themes, bounds, strict=True
    ):
        if cluster is None:
            cluster = Cluster(kind=kind, name=label.name, status="active")
            session.add(cluster)
            created += 1
        cluster.status = "active"
        memory.pop(cluster.id or -1, None)
        if not cluster.name_locked:  # a user's name is kept in ``holding``: no automatic one
            cluster.name = cluster.auto_name = label.name
        cluster.keywords = label.keywords
        cluster.centroid = centroid.astype(np.float32).tobytes()
        cluster.join_bound = bound
        session.flush()
        kept_ids.add(cluster.id)
        changes.extend(
            {"id": ids[p], "cluster_id": cluster.id} for p in group if previous[p] != cluster.id
        )
    if changes:
        session.execute(update(Mention), changes)
    for cid, cluster in active.items():
        if cid not in kept_ids:
            cluster.status = "retired"
            if old_members[cid]:
                memory[cid] = old_members[cid]
    session.flush()
    keep_names_apart(session, kind)
    save_memory(folder, kind, memory)
    gone = len([cid for cid in active if cid not in kept_ids])
    return {"clusters": len(kept), "created": created, "retired": gone}
