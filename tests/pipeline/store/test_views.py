"""Precomputed views: table revisions raised by every kind of write, views computed once per
revision and shared between processes, never served after a write to what they read; the home
page, ``/api/clusters`` and the dashboard served from views the analysis computed ahead."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest
from fastapi.testclient import TestClient
from markupsafe import escape
from sqlalchemy import delete, event, func, insert, select, text, update
from sqlalchemy.pool import Pool

from api.app import create_app
from api.pages import clusters as clusters_page
from pipeline.cluster import views as cluster_views
from pipeline.store.models import Call, Cluster, Document, Job, Mention
from pipeline.store.revisions import DataRevision, StoredView
from pipeline.store.views import revisions_of
from pipeline.workspace import Workspace

pytestmark = pytest.mark.postgres


def revisions(workspace: Workspace) -> dict[str, int]:
    with workspace.session() as session:
        return dict(session.execute(select(DataRevision.table_name, DataRevision.value)).all())  # type: ignore[arg-type]


def test_every_kind_of_write_raises_its_tables_revisions_and_a_rollback_none(
    workspace: Workspace,
) -> None:
    before = revisions(workspace)
    with workspace.session() as session:  # ORM object
        session.add(Cluster(kind="objection", name="Price"))
    after_add = revisions(workspace)
    assert after_add.get("clusters", 0) == before.get("clusters", 0) + 1
    assert after_add.get("calls", 0) == before.get("calls", 0)  # only what was written

    with workspace.session() as session:  # Core statements through the session
        session.execute(update(Cluster).values(name="Pricing"))
        session.execute(
            insert(Call).values(content_hash="h1", filename="a.txt", format="text", raw_text="x")
        )
    after_core = revisions(workspace)
    assert after_core["clusters"] == after_add["clusters"] + 1
    assert after_core["calls"] == after_add.get("calls", 0) + 1

    with workspace.session() as session:  # raw SQL: which table is unknown, so every one
        session.execute(text("UPDATE clusters SET name = 'Cost'"))
    after_text = revisions(workspace)
    assert all(after_text[t] > after_core.get(t, 0) for t in ("calls", "clusters", "mentions"))

    with pytest.raises(RuntimeError), workspace.session() as session:
        session.execute(delete(Cluster))
        raise RuntimeError("rolled back")
    with workspace.session() as session:  # untracked: job progress, reads
        session.add(Job(id="j1", kind="analyse", status="queued"))
        session.scalars(select(Cluster)).all()
    assert revisions(workspace) == after_text


def test_a_view_is_computed_once_per_revision_shared_and_never_stale(
    workspace: Workspace,
) -> None:
    computed: list[int] = []

    def compute(session: Any) -> dict[str, Any]:
        computed.append(1)
        return {"names": sorted(session.scalars(select(Cluster.name)))}

    def read(ws: Workspace) -> dict[str, Any]:
        with ws.session() as session:
            found: dict[str, Any] = ws.views.get(
                session, "names", {"k": 1}, ("clusters",), lambda: compute(session)
            )
            return found

    with workspace.session() as session:
        session.add(Cluster(kind="objection", name="Price"))
    first = read(workspace)
    first["names"].append("changed by a caller")  # each read is the caller's own copy
    assert read(workspace) == {"names": ["Price"]} and len(computed) == 1

    other = Workspace(workspace.settings, embedder=workspace.embedder)  # another process
    try:
        assert read(other) == {"names": ["Price"]} and len(computed) == 1  # stored, not redone
        with other.session() as session:  # a write elsewhere: the view is computed again
            session.execute(update(Cluster).values(name="Cost"))
        assert read(workspace) == {"names": ["Cost"]} and len(computed) == 2
        with other.session() as session:  # a table it does not read leaves it alone
            session.add(Document(title="FAQ", doc_type="objection-faq"))
        assert read(workspace) == {"names": ["Cost"]} and len(computed) == 2
    finally:
        other.close()

    with workspace.session() as session:  # this transaction's own write is in no view yet
        session.add(Cluster(kind="objection", name="Setup"))
        found = workspace.views.get(
            session, "names", {"k": 1}, ("clusters",), lambda: compute(session)
        )
        assert found == {"names": ["Cost", "Setup"]}
        stamp = revisions_of(session, ("clusters",))  # the last commit's, not this write's
    with workspace.session() as session:
        kept = session.scalar(select(StoredView.payload).where(StoredView.revisions == stamp))
        assert kept == '{"names":["Cost"]}'  # what a pending write saw was not kept
    assert read(workspace) == {"names": ["Cost", "Setup"]} and len(computed) == 4


def test_stored_views_reuse_their_connections(workspace: Workspace) -> None:
    """A small upload stores a dozen views, each a best-effort write on a connection of its
    own: they share a few kept open, where each had opened one (a PostgreSQL backend, or
    SQLite's pragmas, per write)."""
    opened: list[object] = []

    def count(*_args: object) -> None:
        opened.append(1)

    with workspace.session() as session:
        revisions_of(session, ("clusters",))  # the main pool's connection, opened before
        event.listen(Pool, "connect", count)
        try:
            found = [
                workspace.views.get(session, f"view-{n}", {}, ("clusters",), lambda n=n: n)
                for n in range(6)
            ]
        finally:
            event.remove(Pool, "connect", count)
        stored = session.scalar(select(func.count()).select_from(StoredView))
    assert found == list(range(6)) and stored == 6
    assert len(opened) == 1


def test_views_that_read_other_views_are_computed_at_once_by_many_threads(
    workspace: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A view's compute may read another view: the merge list's names read the cluster list.
    Computed for every kind at once (as concurrent analyses warm them), none may wait on a lock
    another holds: with locks shared by hash, names(pain) and names(question) each held the
    lock the other's cluster list needed (a deadlock in CI)."""
    kinds = ("objection", "pain", "question")
    inside = threading.Barrier(len(kinds), timeout=30)
    read_list = cluster_views.cluster_list

    def list_once_all_are_inside(*args: Any, **kwargs: Any) -> Any:
        inside.wait()  # every names view is being computed before any list is
        return read_list(*args, **kwargs)

    monkeypatch.setattr(cluster_views, "cluster_list", list_once_all_are_inside)
    with ThreadPoolExecutor(len(kinds)) as pool:
        found = [pool.submit(names_of, workspace, kind) for kind in kinds]
        assert [f.result(timeout=60) for f in found] == [[], [], []]  # no themes yet; no wait
    assert inside.n_waiting == 0 and not inside.broken  # all three were computing at once


def names_of(workspace: Workspace, kind: str) -> list[dict[str, Any]]:
    with workspace.session() as session:
        return cluster_views.cluster_names(workspace.views, session, kind)


def test_pages_are_served_from_views_computed_ahead_and_follow_edits(
    corpus_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    with corpus_ws.session() as session:
        assert session.scalar(select(StoredView.key).limit(1)) is not None  # the analysis'

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("computed per request")

    with TestClient(create_app(workspace=corpus_ws)) as client, monkeypatch.context() as patch:
        patch.setattr(cluster_views, "list_clusters", refuse)
        patch.setattr(cluster_views, "_cards", refuse)
        listed = client.get("/api/clusters?kind=objection").json()
        assert listed and client.get("/api/clusters").status_code == 200
        served = client.get("/api/clusters?kind=objection")  # stored text, as the model says
        assert served.headers["content-type"] == "application/json"
        assert cluster_views.CLUSTER_SUMMARIES.validate_json(served.content)
        home = client.get("/")
        assert home.status_code == 200 and str(escape(listed[0]["name"])) in home.text

    first = listed[0]["id"]
    with TestClient(create_app(workspace=corpus_ws)) as client:
        dashboard = client.get("/api/dashboard").json()
        assert client.get("/api/dashboard").json() == dashboard
        renamed = client.patch(f"/api/clusters/{first}", json={"name": "Renamed just now"})
        assert renamed.status_code == 200
        assert client.get("/api/clusters?kind=objection").json()[0]["name"] == "Renamed just now"
        assert "Renamed just now" in client.get("/").text
        assert client.get(f"/api/clusters/{first}").json()["name"] == "Renamed just now"
        trends = client.get("/api/dashboard").json()["trends"]
        assert any(t["name"] == "Renamed just now" for t in trends) or not trends


def test_warming_lists_each_kind_from_its_cards_as_a_request_would(
    corpus_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After an analysis each kind's cluster list (and merge names) comes from the read that
    made its home cards (a card is its theme's summary with phrases and quotes): reading every
    kind's themes a second time had been a third of what a small upload spent warming."""
    with corpus_ws.session() as session:  # a write: nothing stored is current any more
        session.execute(update(Cluster).where(Cluster.id == 1).values(name="Renamed"))
    listed: list[str | None] = []
    read_list = cluster_views.list_clusters

    def count(session: Any, **kwargs: Any) -> Any:
        listed.append(kwargs.get("kind"))
        return read_list(session, **kwargs)

    monkeypatch.setattr(cluster_views, "list_clusters", count)
    cluster_views.warm_views(corpus_ws)
    assert listed == [None]  # the unfiltered list only
    monkeypatch.undo()
    with corpus_ws.session() as session:
        for kind in ("objection", "pain", "question"):
            fresh = cluster_views.list_clusters(session, kind=kind)
            expected = cluster_views.CLUSTER_SUMMARIES.dump_python(
                cluster_views.CLUSTER_SUMMARIES.validate_python(fresh), mode="json", by_alias=True
            )
            served = cluster_views.cluster_list(corpus_ws.views, session, kind=kind)
            assert served == expected and (kind != "objection" or served)
            names = cluster_views.cluster_names(corpus_ws.views, session, kind)
            assert names == [{k: c[k] for k in ("id", "name", "size")} for c in fresh]


def test_large_pages_draw_the_first_cards_and_quotes_and_show_all_on_request(
    corpus_ws: Workspace, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(clusters_page, "FIRST_CARDS", 2)
    monkeypatch.setattr(clusters_page, "FIRST_QUOTES", 1)
    with TestClient(create_app(workspace=corpus_ws)) as client:
        listed = client.get("/api/clusters?kind=objection").json()
        assert len(listed) > 2
        home = client.get("/").text
        assert home.count('<article class="card cluster-card"') == 2
        assert f"Show all {len(listed)} objections" in home
        everything = client.get("/?show=all").text
        assert "Show all" not in everything
        assert everything.count('<article class="card cluster-card"') == len(listed)
        biggest = listed[0]
        page = client.get(f"/clusters/{biggest['id']}").text
        assert f"Show all {biggest['size']} quotes" in page
        full = client.get(f"/clusters/{biggest['id']}?show=all").text
        detail = client.get(f"/api/clusters/{biggest['id']}").json()
        rows = f'action="/clusters/{biggest["id"]}/quotes/'
        # the first quote of each list (confident, uncertain) that has one
        with corpus_ws.session() as session:
            sureness = session.scalars(
                select(Mention.confidence).where(Mention.cluster_id == biggest["id"])
            ).all()
        sure = sum(c >= corpus_ws.settings.confident_at for c in sureness)
        shown = min(sure, 1) + min(len(sureness) - sure, 1)
        assert page.count(rows) == shown and full.count(rows) == len(detail["mentions"]) > 2
