"""A theme made only of uncertain mentions comes after every theme with a confident one, in the
listing (``/api/clusters``, ``callmine clusters``) and the home page's cards alike: the service
orders and marks it, over the mentions that pass the filters."""

from __future__ import annotations

import json
from collections.abc import Iterator

import pytest

from pipeline.cluster.queries import list_clusters
from pipeline.cluster.views import cluster_cards_json, cluster_list
from pipeline.config import DEFAULT_CONFIDENT_AT, Settings
from pipeline.workspace import Workspace
from tests.samples import MixedThemes, seed_mixed_themes


@pytest.fixture
def mixed(settings: Settings) -> Iterator[tuple[Workspace, MixedThemes]]:
    """A workspace (no model loaded) holding ``seed_mixed_themes``' themes."""
    workspace = Workspace(settings)
    with workspace.session() as session:
        themes = seed_mixed_themes(session)
    yield workspace, themes
    workspace.close()


def _order(listed: list[dict[str, object]]) -> list[tuple[object, object, object]]:
    return [(c["id"], c["uncertain"], c["uncertain_only"]) for c in listed]


def test_an_uncertain_only_theme_comes_last_whatever_its_size_or_sort(
    mixed: tuple[Workspace, MixedThemes],
) -> None:
    workspace, t = mixed
    with workspace.session() as session:
        for sort in ("size", "trend"):
            listed = list_clusters(session, kind="objection", sort=sort)
            assert _order(listed) == [(t.price, 1, False), (t.setup, 1, False), (t.unsure, 4, True)]
        # The counts add up: every mention is in one theme, confident or uncertain.
        assert sum(c["size"] for c in listed) == 9
        # At a lower bar its mentions are confident: it is the largest theme again.
        lenient = list_clusters(session, kind="objection", confident_at=0.15)
        assert _order(lenient) == [(t.unsure, 0, False), (t.price, 0, False), (t.setup, 0, False)]


def test_filters_decide_over_the_mentions_they_keep(mixed: tuple[Workspace, MixedThemes]) -> None:
    """Over lost deals the set-up theme still has a sure mention; over the won deal no theme
    has one, and every theme is still listed, not dropped."""
    workspace, t = mixed
    with workspace.session() as session:
        lost = list_clusters(session, kind="objection", outcome="lost")
        won = list_clusters(session, kind="objection", outcome="won")
    assert _order(lost) == [(t.price, 0, False), (t.setup, 1, False), (t.unsure, 2, True)]
    assert _order(won) == [(t.unsure, 2, True), (t.price, 1, True)]


def test_the_home_page_cards_count_the_uncertain_themes(
    mixed: tuple[Workspace, MixedThemes],
) -> None:
    """The first cards are the sure themes'; the page still knows how many uncertain ones there
    are beyond them, and each view keeps the workspace's own bar."""
    workspace, t = mixed
    with workspace.session() as session:
        every = json.loads(
            cluster_cards_json(workspace.views, session, confident_at=DEFAULT_CONFIDENT_AT)
        )
        first = json.loads(
            cluster_cards_json(workspace.views, session, confident_at=DEFAULT_CONFIDENT_AT, first=1)
        )
        lenient = cluster_list(workspace.views, session, kind="objection", confident_at=0.15)
        strict = cluster_list(workspace.views, session, kind="objection", confident_at=0.5)
    assert [c["id"] for c in every["cards"]] == [t.price, t.setup, t.unsure]
    assert [c["uncertain_only"] for c in every["cards"]] == [False, False, True]
    assert (every["total"], every["uncertain"]) == (3, 1)
    assert ([c["id"] for c in first["cards"]], first["total"], first["uncertain"]) == (
        [t.price],
        3,
        1,
    )
    assert [c["id"] for c in lenient] == [t.unsure, t.price, t.setup]
    assert [c["id"] for c in strict] == [t.price, t.setup, t.unsure]
