"""Clustering on real MiniLM vectors: themes, determinism, stable ids, incremental, user edits."""

from __future__ import annotations

import numpy as np
from sqlalchemy import select

from pipeline.analysis import analyse_calls, run_clustering
from pipeline.cluster import edits, queries
from pipeline.cluster.algorithms import (
    cluster_vectors,
    cohesion,
    condensed_distances,
    match_clusters,
)
from pipeline.cluster.categories import (
    CATEGORY_K_MARGIN,
    _previous_centroids,
    cluster_by_category,
    home_categories,
)
from pipeline.embed import Embedder, normalise
from pipeline.store import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES, add_call


def membership(workspace: Workspace, kind: str = "objection") -> dict[int, int | None]:
    with workspace.session() as session:
        return {
            m.id: m.cluster_id
            for m in session.scalars(select(Mention).where(Mention.kind == kind))
            if not m.excluded
        }


def theme_of(text: str) -> str:
    return next(theme for theme, sentences in THEMES.items() if any(text in s for s in sentences))


def test_condensed_distances_match_pdist_and_give_scipys_ward_tree() -> None:
    from fastcluster import linkage as fast_linkage
    from scipy.cluster.hierarchy import linkage
    from scipy.spatial.distance import pdist

    rng = np.random.default_rng(7)
    for n in (0, 1, 2, 5, 257, 600):  # below, at and across the 256-row blocks
        vectors = rng.normal(size=(n, 16))
        assert np.allclose(condensed_distances(vectors), pdist(vectors), rtol=0, atol=1e-12)
    unit = rng.normal(size=(300, 32))
    unit /= np.linalg.norm(unit, axis=1, keepdims=True)
    ours = fast_linkage(condensed_distances(unit), method="ward")
    reference = linkage(unit, method="ward")
    assert np.array_equal(ours[:, [0, 1, 3]], reference[:, [0, 1, 3]])
    assert np.allclose(ours[:, 2], reference[:, 2], atol=1e-9)


def test_themes_recovered_and_deterministic(embedder: Embedder) -> None:
    texts = [s for sentences in THEMES.values() for s in sentences]
    truth = [t for t, sentences in THEMES.items() for _ in sentences]
    vectors = embedder.encode(texts)
    first = cluster_vectors(vectors)
    second = cluster_vectors(vectors)
    assert np.array_equal(first.labels, second.labels)
    # every theme lands in clusters of its own: no cluster mixes two themes' majority
    for label in range(first.k):
        members = [truth[i] for i in np.flatnonzero(first.labels == label)]
        assert members.count(max(set(members), key=members.count)) / len(members) >= 0.75
    assert 3 <= first.k <= 6


def test_a_category_near_the_target_keeps_its_number_of_clusters(embedder: Embedder) -> None:
    """Two mentions more or less must not flip a split: within CATEGORY_K_MARGIN of the
    target the last run's k holds; clearly past it, the new k wins."""
    texts = THEMES["price"] + THEMES["setup"]
    vectors = embedder.encode(texts)
    categories, keys = ["pair"] * len(texts), list(range(len(texts)))
    whole = cohesion(normalise(vectors), np.zeros(len(texts), dtype=np.int64))

    def count(target: float, previous: dict[str, int] | None) -> int:
        return len(cluster_by_category(vectors, categories, keys, target, previous_k=previous))

    just_below = whole - CATEGORY_K_MARGIN / 2  # one cluster clears it, barely
    assert count(just_below, None) == 1
    assert count(just_below, {"pair": 2}) == 2  # it was split last time: it stays split
    assert count(whole - 3 * CATEGORY_K_MARGIN, {"pair": 2}) == 1  # clearly one theme now
    just_above = whole + CATEGORY_K_MARGIN / 2  # one cluster misses it, barely
    assert count(just_above, None) >= 2
    assert count(just_above, {"pair": 1}) == 1
    assert count(whole + 3 * CATEGORY_K_MARGIN, {"pair": 1}) >= 2
    assert count(just_below, {"other": 2}) == 1  # only its own category's history counts


def test_clusters_never_mix_categories_and_split_only_clear_themes(embedder: Embedder) -> None:
    texts = [s for sentences in THEMES.values() for s in sentences]
    themes = [t for t, sentences in THEMES.items() for _ in sentences]
    vectors = embedder.encode(texts)
    # Two themes filed under one category, one theme under its own.
    categories = ["pair" if t != "integrations" else t for t in themes]
    keys = list(range(len(texts)))

    def pair_groups(target: float | None) -> list[list[int]]:
        groups = cluster_by_category(vectors, categories, keys, target)
        assert sorted(p for g in groups for p in g) == keys
        assert all(len({categories[p] for p in g}) == 1 for g in groups)
        return [g for g in groups if categories[g[0]] == "pair"]

    # The default target keeps close concerns ("too expensive", "takes too long") together;
    # a tighter one splits them by theme; a loose one never splits.
    assert len(pair_groups(None)) == 1
    tight = pair_groups(0.5)
    assert len(tight) >= 2 and all(len({themes[p] for p in g}) == 1 for g in tight)
    assert len(pair_groups(-1.0)) == 1
    assert cluster_by_category(vectors, categories, keys) == cluster_by_category(
        vectors, categories, keys
    )
    # Texts with no category are clustered on their own, by meaning.
    plain = cluster_by_category(vectors, [None] * len(texts), keys)
    for group in plain:
        members = [themes[p] for p in group]
        assert members.count(max(set(members), key=members.count)) / len(members) >= 0.75


def test_match_clusters_by_overlap() -> None:
    old = {10: {1, 2, 3, 4}, 11: {5, 6, 7}, 12: {8, 9}}
    new = [{5, 6, 7, 20}, {1, 2, 3}, {30, 31}]
    assert match_clusters(old, new) == {0: 11, 1: 10}


def test_full_recluster_keeps_ids(ws: Workspace) -> None:
    before = membership(ws)
    assert before and all(cid is not None for cid in before.values())
    run_clustering(ws, rebuild=True)
    assert membership(ws) == before
    run_clustering(ws, rebuild=True)
    assert membership(ws) == before


def test_objection_clusters_follow_themes(ws: Workspace) -> None:
    """Each theme's objections mostly share one cluster, and that cluster is mostly that theme.

    (A sentence the detector files under another objection type may sit apart: the detector's
    category is a clustering prior.)
    """
    with ws.session() as session:
        clusters = queries.list_clusters(session, kind="objection")
        members: dict[int, list[str]] = {}
        for summary in clusters:
            detail = queries.get_cluster(session, summary["id"], embedder=ws.embedder)
            members[summary["id"]] = [theme_of(m["text"]) for m in detail["mentions"]]
            assert summary["outcomes"] and summary["calls"] >= 1
    for theme in THEMES:
        total = sum(themes.count(theme) for themes in members.values())
        best = max(members, key=lambda cid: members[cid].count(theme))
        assert members[best].count(theme) >= 2 * total / 3, (theme, members)
        assert members[best].count(theme) / len(members[best]) >= 0.75, (theme, members)
    names = [c["name"] for c in clusters]
    assert len(set(names)) == len(names)


def test_new_call_assigned_incrementally(ws: Workspace) -> None:
    with ws.session() as session:
        price = session.scalars(
            select(Mention).where(Mention.text.like("%too expensive compared%"))
        ).one()
        price_cluster = price.cluster_id
    before = membership(ws)
    call = add_call(ws, ["The price is far too expensive for a team our size."], key="new-call")
    counts = analyse_calls(ws, [call])
    assert counts["reclustered_kinds"] == 0 and counts["assigned"] >= 1
    after = membership(ws)
    assert {k: v for k, v in after.items() if k in before} == before
    with ws.session() as session:
        new = session.scalars(select(Mention).where(Mention.call_id == call)).all()
        assert any(m.cluster_id == price_cluster for m in new)


def test_edits_survive_recluster(ws: Workspace) -> None:
    with ws.session() as session:
        ids = [c["id"] for c in queries.list_clusters(session, kind="objection")]
        price_id = next(
            c["id"]
            for c in queries.list_clusters(session, kind="objection")
            if theme_of(c["quote"]) == "price"
        )
        edits.rename_cluster(session, price_id, "Too expensive")
    others = [i for i in ids if i != price_id]
    with ws.session() as session:
        merged = edits.merge_clusters(session, others[:2])
    merged_members = {m for m, c in membership(ws).items() if c == merged["id"]}
    with ws.session() as session:
        split = edits.split_cluster(ws, session, price_id)
    children = split["children"]
    child_members = {cid: {m for m, c in membership(ws).items() if c == cid} for cid in children}

    run_clustering(ws, rebuild=True)

    after = membership(ws)
    assert {m for m, c in after.items() if c == merged["id"]} >= merged_members
    for cid, members in child_members.items():
        assert {m for m, c in after.items() if c == cid} == members
    with ws.session() as session:
        assert session.get(Cluster, price_id) is not None


def test_rename_and_exclude_survive_recluster(ws: Workspace) -> None:
    with ws.session() as session:
        clusters = queries.list_clusters(session, kind="objection")
        renamed, excluded = clusters[0]["id"], clusters[1]["id"]
        edits.rename_cluster(session, renamed, "Our own name")
        edits.mark_cluster(session, excluded, not_objection=True)
    run_clustering(ws, rebuild=True)
    with ws.session() as session:
        listed = {c["id"]: c for c in queries.list_clusters(session, kind="objection")}
        assert listed[renamed]["name"] == "Our own name"
        assert excluded not in listed
        hidden = session.scalars(select(Mention).where(Mention.cluster_id == excluded)).all()
        assert hidden and all(m.excluded for m in hidden)


def test_a_category_restarts_from_its_previous_clusters(embedder: Embedder) -> None:
    """With the same k as last time, k-means starts from the rows' previous clusters of that
    category; strays in another category's cluster, and a different k, fall back to Ward."""
    texts = THEMES["price"] + THEMES["setup"]
    vectors = normalise(embedder.encode(texts))
    half = len(THEMES["price"])
    previous = [10] * half + [11] * (len(texts) - half)
    seeds = _previous_centroids(vectors, previous, 2)
    assert seeds is not None and seeds.shape == (2, vectors.shape[1])
    assert float(seeds[0] @ normalise(vectors[:half].mean(axis=0))[0]) > 0.999
    assert _previous_centroids(vectors, previous, 3) is None
    assert _previous_centroids(vectors, [10] * len(texts), 2) is None
    # Last time price and setup shared a cluster and integrations had its own; a Ward cut
    # would now put price apart instead. Two price rows that an incremental assignment put
    # into another category's cluster (12) do not count.
    texts = [t for sentences in THEMES.values() for t in sentences]
    vectors = normalise(embedder.encode(texts))
    themes = [t for t, sentences in THEMES.items() for _ in sentences]
    categories = ["trio"] * len(texts) + ["other"] * 3
    last = [11 if t == "integrations" else 10 for t in themes]
    last[:2] = [12, 12]
    home = home_categories(categories, [*last, 12, 12, 12])
    assert home == {12: "other", 10: "trio", 11: "trio"}
    whole = cohesion(vectors, np.zeros(len(texts), dtype=np.int64))

    def trio(previous: list[int | None] | None) -> list[set[str]]:
        groups = cluster_by_category(  # one cluster barely clears the target: two hold
            np.vstack([vectors, vectors[-3:]]),
            categories,
            list(range(len(categories))),
            whole - CATEGORY_K_MARGIN / 2,
            {"trio": 2},
            previous,
        )
        return [{themes[p] for p in g} for g in groups if categories[g[0]] == "trio"]

    assert sorted(map(sorted, trio([*last, 12, 12, 12]))) == [["integrations"], ["price", "setup"]]
    assert sorted(map(sorted, trio(None))) == [["integrations", "setup"], ["price"]]
