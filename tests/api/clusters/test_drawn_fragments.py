"""The home page's cards and a cluster page's quote tables are drawn once per stored view
(``api.web.Fragments``): each session's forms still carry its own CSRF token, quote text stays
escaped, open local mode has no token field, and a change to the data draws them again."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest
from fastapi import Request
from fastapi.testclient import TestClient
from sqlalchemy import select

from api.web import Fragments
from pipeline.cluster.edits import rename_cluster
from pipeline.store.models import Cluster, Mention
from pipeline.workspace import Workspace
from tests.plugins.auth import Authed

_FORM_TOKENS = re.compile(
    r'/not-objection">\s*<input type="hidden" name="csrf_token" value="([^"]*)"'
)


@pytest.fixture
def workspace(corpus_ws: Workspace) -> Workspace:
    """``authed`` over the analysed theme corpus."""
    return corpus_ws


def _objection_cluster(workspace: Workspace) -> int:
    with workspace.session() as db:
        found = db.scalar(
            select(Cluster.id)
            .where(Cluster.kind == "objection", Cluster.status == "active")
            .order_by(Cluster.id)
        )
    assert found is not None
    return int(found)


def test_each_session_gets_its_own_token_in_the_kept_quote_tables(authed: Authed) -> None:
    cluster_id = _objection_cluster(authed.workspace)
    mark, sam = authed.sign_in("mark"), authed.sign_in("sam")
    assert mark.csrf != sam.csrf
    for _ in range(2):  # the second time from the kept drawing
        for user in (mark, sam):
            page = user.client.get(f"/clusters/{cluster_id}").text
            tokens = _FORM_TOKENS.findall(page)
            assert tokens and set(tokens) == {user.csrf}
            assert "<csrf-token/>" not in page
    posted = mark.client.post(
        f"/clusters/{cluster_id}/quotes/999999/not-objection",
        data={
            "csrf_token": _FORM_TOKENS.findall(mark.client.get(f"/clusters/{cluster_id}").text)[0]
        },
        follow_redirects=False,
    )
    assert posted.status_code != 403  # the token in the drawn form is one the server accepts


def test_quote_text_cannot_fake_the_token_slot(authed: Authed) -> None:
    cluster_id = _objection_cluster(authed.workspace)
    with authed.workspace.session() as db:
        mention = db.scalars(select(Mention).where(Mention.cluster_id == cluster_id)).first()
        assert mention is not None
        mention.text = 'Too pricey, <csrf-token/> "quoted" <b>bold</b>'
        mention.confidence = 1.0
    mark = authed.sign_in("mark")
    page = mark.client.get(f"/clusters/{cluster_id}?show=all").text
    assert "Too pricey, &lt;csrf-token/&gt; &#34;quoted&#34; &lt;b&gt;bold&lt;/b&gt;" in page
    assert mark.csrf not in page.split("Too pricey,")[1].split("</td>")[0]


def test_open_local_mode_draws_no_token_field(api: TestClient, ws: Workspace) -> None:
    page = api.get(f"/clusters/{_objection_cluster(ws)}").text
    assert "/not-objection" in page
    assert 'name="csrf_token"' not in page and "<csrf-token/>" not in page


def test_a_rename_draws_the_cards_and_tables_again(api: TestClient, ws: Workspace) -> None:
    cluster_id = _objection_cluster(ws)
    assert "Pricing worries" not in api.get("/").text
    api.get(f"/clusters/{cluster_id}")
    with ws.session() as db:
        rename_cluster(db, cluster_id, "Pricing worries")
    assert "Pricing worries" in api.get("/").text
    assert "<h1>Pricing worries</h1>" in api.get(f"/clusters/{cluster_id}").text


def test_kept_drawings_are_bounded_by_size() -> None:
    """A "show all" table of a large cluster is megabytes: the oldest drawings go first."""
    request = Request({"type": "http", "method": "GET", "path": "/", "headers": []})
    drawn = Fragments(size=64, max_bytes=3000)
    calls: list[int] = []

    def context(data: Any) -> dict[str, Any]:
        calls.append(data["n"])
        return {"cards": []}

    for n in range(4):  # each payload and drawing about 1 kB
        payload = json.dumps({"n": n, "pad": "x" * 900})
        drawn.draw(request, "partials/cluster_cards.html", payload, context)
    assert calls == [0, 1, 2, 3]
    for n in (3, 0):  # the newest is kept; the oldest was let go and is drawn again
        drawn.draw(
            request, "partials/cluster_cards.html", json.dumps({"n": n, "pad": "x" * 900}), context
        )
    assert calls == [0, 1, 2, 3, 0]
