"""Fewer / more themes on the analysed theme corpus: the saved trees are cut again (no model,
no new tree), the choice is kept, ids follow membership, and user edits survive the change."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.cluster import algorithms, edits, queries
from pipeline.cluster.grain import change_grain, grain_info, parse_grain
from pipeline.cluster.state import load_state, load_trees
from pipeline.errors import BadInput
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES


def clusters(ws: Workspace) -> dict[int, dict[str, Any]]:
    with ws.session() as session:
        return {c["id"]: c for c in queries.list_clusters(session, kind="objection")}


def members(ws: Workspace) -> dict[int, set[int]]:
    out: dict[int, set[int]] = {}
    with ws.session() as session:
        for m in session.scalars(select(Mention).where(Mention.kind == "objection")):
            if m.cluster_id is not None and not m.excluded:
                out.setdefault(m.cluster_id, set()).add(m.id)
    return out


def cluster_of(ws: Workspace, theme: str) -> int:
    """The cluster holding most of a theme's sentences."""
    with ws.session() as session:
        ids = [
            m.cluster_id
            for m in session.scalars(select(Mention).where(Mention.text.in_(THEMES[theme])))
        ]
    return max(set(ids), key=ids.count)  # type: ignore[arg-type, return-value]


def refuse(*_args: object, **_kwargs: object) -> None:
    raise AssertionError("a change of grain embedded or built a tree")


@pytest.fixture
def no_model_no_tree(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    """A change of grain must neither embed nor build a tree."""
    monkeypatch.setattr(ws.embedder, "encode", refuse)
    monkeypatch.setattr(algorithms, "ward_linkage", refuse)


def test_parse_grain() -> None:
    assert parse_grain(" Coarser ") == "coarser" and parse_grain("12") == 12
    for bad in ("0", "-3", "smaller", ""):
        with pytest.raises(BadInput):
            parse_grain(bad)


def categories(ws: Workspace) -> set[str]:
    """The detector's categories of the clustered objections: the automatic themes' walls."""
    with ws.session() as session:
        found = session.scalars(
            select(Mention.category).where(
                Mention.kind == "objection", Mention.cluster_id.is_not(None)
            )
        )
        return {c or "" for c in found}


@pytest.mark.usefixtures("no_model_no_tree")
def test_more_then_automatic_themes_bring_the_same_ids_back(ws: Workspace) -> None:
    before = members(ws)
    info = grain_info(ws, "objection")
    # One theme per detector category (price, setup_time, integrations and the categories the
    # detector gives the odd sentence of a theme: counted, not written down, so that a re-fitted
    # detector does not change what this test checks).
    walls = len(categories(ws))
    assert info["automatic"] and info["themes"] == len(before) == walls >= 3
    assert not info["can_coarsen"]  # categories never mix, so no coarser grain exists
    finer = change_grain(ws, "objection", "finer")  # the big themes split
    assert finer["themes"] > walls and not finer["automatic"]
    assert load_state(ws.settings.data_dir)["objection"]["scale"] > 1
    after = members(ws)
    # Each finer theme is inside one automatic theme.
    assert all(any(group <= old for old in before.values()) for group in after.values())
    back = change_grain(ws, "objection", "auto")
    assert back["automatic"] and members(ws) == before  # the same ids, the same members
    wanted = finer["themes"]
    assert change_grain(ws, "objection", wanted)["themes"] == wanted  # a number of themes
    assert change_grain(ws, "objection", 1)["themes"] == walls  # the coarsest there is


def test_the_grain_is_kept_by_a_full_recluster(ws: Workspace) -> None:
    finer = change_grain(ws, "objection", "finer")["themes"]
    run_clustering(ws, rebuild=True)
    assert len(members(ws)) == finer
    assert set(load_trees(ws.settings.data_dir, "objection")) == categories(ws)
    assert {"price", "setup_time", "integrations"} <= categories(ws)


@pytest.mark.usefixtures("no_model_no_tree")
def test_a_rename_survives_a_change_of_grain(ws: Workspace) -> None:
    price = cluster_of(ws, "price")
    with ws.session() as session:
        edits.rename_cluster(session, price, "Too expensive")
    change_grain(ws, "objection", "finer")
    assert "Too expensive" in {c["name"] for c in clusters(ws).values()}
    change_grain(ws, "objection", "auto")
    assert clusters(ws)[price]["name"] == "Too expensive"


@pytest.mark.usefixtures("no_model_no_tree")
def test_a_merge_survives_a_change_of_grain(ws: Workspace) -> None:
    price, setup = cluster_of(ws, "price"), cluster_of(ws, "setup")
    with ws.session() as session:
        edits.merge_clusters(ws, session, [price, setup])
    merged = members(ws)[price]
    for grain in ("finer", "auto"):
        change_grain(ws, "objection", grain)
        assert members(ws)[price] == merged, grain
        assert setup not in clusters(ws)


def test_a_split_survives_a_change_of_grain(ws: Workspace, monkeypatch: pytest.MonkeyPatch) -> None:
    price = cluster_of(ws, "price")
    with ws.session() as session:
        children = edits.split_cluster(ws, session, price)["children"]
    monkeypatch.setattr(ws.embedder, "encode", refuse)
    monkeypatch.setattr(algorithms, "ward_linkage", refuse)
    halves = {child: members(ws)[child] for child in children}
    for grain in ("finer", "auto"):
        change_grain(ws, "objection", grain)
        now = members(ws)
        assert {child: now.get(child) for child in children} == halves, (grain, now, halves)
    assert price not in clusters(ws)


def test_a_split_can_be_undone_from_either_half_and_is_then_not_replayed(ws: Workspace) -> None:
    price = cluster_of(ws, "price")
    before, name = members(ws), clusters(ws)[price]["name"]
    with ws.session() as session:
        assert edits.undoable_split(session, price) is None
        first, second = edits.split_cluster(ws, session, price)["children"]
        edits.rename_cluster(session, first, "Per-seat price")
    with ws.session() as session:
        found = edits.undoable_split(session, second)
        assert found is not None and found["id"] == price and found["name"] == name
        assert found["halves"][0] == "Per-seat price"
        assert edits.undo_split(session, second)["retired"] == [first, second]
    assert members(ws) == before and clusters(ws)[price]["name"] == name
    assert first not in clusters(ws) and second not in clusters(ws)
    with ws.session() as session:
        assert edits.undoable_split(session, first) is None
        with pytest.raises(BadInput):
            edits.undo_split(session, first)
    run_clustering(ws, rebuild=True)  # the undone split is not replayed
    now = members(ws)
    assert any(before[price] <= group for group in now.values()), now


def test_a_split_whose_half_was_merged_away_cannot_be_undone(ws: Workspace) -> None:
    price, setup = cluster_of(ws, "price"), cluster_of(ws, "setup")
    with ws.session() as session:
        first, second = edits.split_cluster(ws, session, price)["children"]
        edits.merge_clusters(ws, session, [setup, second])
    with ws.session() as session:
        assert edits.undoable_split(session, first) is None


@pytest.mark.usefixtures("no_model_no_tree")
def test_not_an_objection_survives_a_change_of_grain(ws: Workspace) -> None:
    setup = cluster_of(ws, "setup")
    with ws.session() as session:
        edits.mark_cluster(session, setup, not_objection=True)
    for grain in ("finer", "auto"):
        change_grain(ws, "objection", grain)
        listed = clusters(ws)
        assert setup not in listed
        names = {m for group in members(ws).values() for m in group}
        with ws.session() as session:
            hidden = session.scalars(select(Mention).where(Mention.cluster_id == setup)).all()
        assert hidden and all(m.excluded and m.id not in names for m in hidden)


@pytest.mark.usefixtures("no_model_no_tree")
def test_a_merged_themes_chosen_or_typed_name_survives_a_change_of_grain(ws: Workspace) -> None:
    price, setup, integrations = (cluster_of(ws, t) for t in ("price", "setup", "integrations"))
    with ws.session() as session:
        edits.rename_cluster(session, setup, "Setting up takes weeks")
        edits.merge_clusters(ws, session, [price, setup])  # the other side's typed name survives
        other_name = clusters(ws)[integrations]["name"]
    with ws.session() as session:
        assert clusters(ws)[price]["name"] == "Setting up takes weeks"
        edits.merge_clusters(ws, session, [price, integrations], name_of=integrations)
    for grain in ("finer", "auto"):
        change_grain(ws, "objection", grain)
        assert clusters(ws)[price]["name"] == other_name, grain


def test_a_merge_can_be_undone_and_is_then_not_replayed(ws: Workspace) -> None:
    price, setup = cluster_of(ws, "price"), cluster_of(ws, "setup")
    before, names = members(ws), {c: n["name"] for c, n in clusters(ws).items()}
    with ws.session() as session:
        assert edits.undoable_merge(session, price) is None
        preview = edits.merge_preview(session, price, setup)
        assert preview["other"] == {"id": setup, "name": names[setup], "size": len(before[setup])}
        edits.merge_clusters(ws, session, [price, setup], name="Cost and set-up")
    with ws.session() as session:
        found = edits.undoable_merge(session, price)
        assert found is not None and found["names"] == [names[setup]]
        edits.undo_merge(session, price)
    assert members(ws) == before
    assert {c: n["name"] for c, n in clusters(ws).items()} == names
    with ws.session() as session:
        assert edits.undoable_merge(session, price) is None
        with pytest.raises(BadInput):
            edits.undo_merge(session, price)
    run_clustering(ws, rebuild=True)  # the undone merge is not replayed
    assert setup in clusters(ws)
