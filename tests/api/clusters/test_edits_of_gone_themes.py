"""An edit of a theme that was split, merged or put back meanwhile is a 409 naming where its
quotes went, in the service, the API, the web page and the CLI; never an edit of another theme
in its place (review 22k: a rename landed on the retired parent of a split, and a second merge
of one theme folded in the theme it had been merged into). Also with real concurrent requests
against the app served by uvicorn on SQLite."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

import pipeline.cluster.edits as edits
from api.cli import app as cli_app
from pipeline.embed import Embedder
from pipeline.errors import Conflict
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.insights_corpus import THEMES
from tests.plugins.live_server import LiveServer, serve


def theme(ws: Workspace, name: str) -> int:
    """The cluster holding most of a theme's sentences."""
    with ws.session() as session:
        ids = [
            m.cluster_id
            for m in session.scalars(select(Mention).where(Mention.text.in_(THEMES[name])))
        ]
    return max(set(ids), key=ids.count)  # type: ignore[return-value]


def quotes_of(ws: Workspace, cluster_id: int) -> set[int]:
    with ws.session() as session:
        return set(session.scalars(select(Mention.id).where(Mention.cluster_id == cluster_id)))


EDITS_OF_ONE: dict[str, Callable[[Workspace, Any, int], object]] = {
    "rename": lambda ws, s, cid: edits.rename_cluster(s, cid, "Renamed meanwhile"),
    "not_objection": lambda ws, s, cid: edits.mark_cluster(s, cid, not_objection=True),
    "split": lambda ws, s, cid: edits.split_cluster(ws, s, cid),
    "merge_into_it": lambda ws, s, cid: edits.merge_clusters(ws, s, [cid, theme(ws, "setup")]),
}


@pytest.mark.parametrize("edit", list(EDITS_OF_ONE))
def test_an_edit_of_a_split_theme_names_its_halves(ws: Workspace, edit: str) -> None:
    price = theme(ws, "price")
    with ws.session() as session:
        first, second = edits.split_cluster(ws, session, price)["children"]
    with ws.session() as session, pytest.raises(Conflict) as refused:
        EDITS_OF_ONE[edit](ws, session, price)
    assert f"cluster {price} was split into {first}, {second}" in refused.value.detail
    with ws.session() as session:
        parent = session.get(Cluster, price)
        assert parent is not None and parent.status == "retired" and not parent.name_locked


@pytest.mark.parametrize("edit", list(EDITS_OF_ONE))
def test_an_edit_of_a_merged_theme_names_where_it_went(ws: Workspace, edit: str) -> None:
    price, integrations = theme(ws, "price"), theme(ws, "integrations")
    with ws.session() as session:
        edits.merge_clusters(ws, session, [integrations, price])
    kept = quotes_of(ws, integrations)
    with ws.session() as session, pytest.raises(Conflict) as refused:
        EDITS_OF_ONE[edit](ws, session, price)
    assert f"cluster {price} was merged into {integrations}" in refused.value.detail
    assert quotes_of(ws, integrations) == kept


def test_a_second_merge_of_one_theme_folds_in_nothing_else(ws: Workspace) -> None:
    price, setup, integrations = (theme(ws, n) for n in ("price", "setup", "integrations"))
    with ws.session() as session:
        edits.merge_clusters(ws, session, [setup, price])
    setup_quotes, integration_quotes = quotes_of(ws, setup), quotes_of(ws, integrations)
    with ws.session() as session, pytest.raises(Conflict, match=f"merged into {setup}"):
        edits.merge_clusters(ws, session, [integrations, price])
    assert quotes_of(ws, setup) == setup_quotes
    assert quotes_of(ws, integrations) == integration_quotes


def test_an_edit_of_a_half_put_back_names_the_theme(ws: Workspace) -> None:
    price = theme(ws, "price")
    with ws.session() as session:
        first, second = edits.split_cluster(ws, session, price)["children"]
    with ws.session() as session:
        edits.undo_split(session, second)
    with ws.session() as session, pytest.raises(Conflict, match=f"put back into {price}"):
        edits.rename_cluster(session, first, "Per-seat price")


def test_a_rename_read_before_a_split_does_not_land_on_the_parent(ws: Workspace) -> None:
    price = theme(ws, "price")
    with ws.session() as renaming:
        seen = renaming.get(Cluster, price)  # the rename's copy, read before the split
        assert seen is not None and seen.status == "active"
        with ws.session() as splitting:
            edits.split_cluster(ws, splitting, price)
        with pytest.raises(Conflict, match="split into"):
            edits.rename_cluster(renaming, price, "Renamed during split")


def test_api_web_and_cli_answer_409_naming_where_the_quotes_went(
    ws: Workspace, api: TestClient, point_cli_at: Callable[..., None]
) -> None:
    price, setup = theme(ws, "price"), theme(ws, "setup")
    children = api.post(f"/api/clusters/{price}/split").json()["children"]
    said = f"cluster {price} was split into {children[0]}, {children[1]}"
    answer = api.patch(f"/api/clusters/{price}", json={"name": "Too late"})
    assert answer.status_code == 409 and said in answer.json()["detail"]
    assert answer.headers["content-type"].startswith("application/problem+json")
    merged = api.post("/api/clusters/merge", json={"ids": [setup, price]})
    assert merged.status_code == 409 and said in merged.json()["detail"]
    page = api.post(f"/clusters/{price}/rename", data={"name": "Too late"}, follow_redirects=True)
    assert said in page.text
    point_cli_at(ws.settings.data_dir, ws.settings.database_url)
    result = CliRunner().invoke(cli_app, ["rename", str(price), "Too late"])
    assert result.exit_code == 1 and said in " ".join(result.output.split())


@pytest.fixture
def server(ws: Workspace, embedder: Embedder) -> Iterator[LiveServer]:
    with serve(ws.settings, embedder) as live:
        yield live


def test_two_merges_of_one_theme_at_once(
    server: LiveServer, ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    price, setup, integrations = (theme(ws, n) for n in ("price", "setup", "integrations"))
    naming = edits._name_merged

    def slow_naming(*args: Any, **kwargs: Any) -> None:
        time.sleep(0.6)  # both merges have read the themes before either writes
        naming(*args, **kwargs)

    monkeypatch.setattr(edits, "_name_merged", slow_naming)
    start = threading.Barrier(2)
    answers: dict[int, httpx.Response] = {}

    def merge(into: int) -> None:
        start.wait(10)
        body = {"ids": [into, price]}
        answers[into] = httpx.post(f"{server.url}/api/clusters/merge", json=body, timeout=60)

    threads = [threading.Thread(target=merge, args=(into,)) for into in (setup, integrations)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(60)
    codes = sorted(answer.status_code for answer in answers.values())
    assert codes == [200, 409], {k: v.text for k, v in answers.items()}
    won = next(into for into, answer in answers.items() if answer.status_code == 200)
    lost = next(into for into, answer in answers.items() if answer.status_code == 409)
    assert f"merged into {won}" in answers[lost].json()["detail"]
    with ws.session() as session:
        loser = session.get(Cluster, lost)
        assert loser is not None and loser.status == "active"
        assert answers[won].json()["merged"] == [price]
        left = session.scalars(select(Mention.id).where(Mention.cluster_id == price)).all()
        assert not left
