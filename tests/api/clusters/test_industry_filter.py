"""Industry on accounts over the theme corpus: set by the API and the account page, then
clusters and the dashboard (API and web) count only that industry's calls."""

from __future__ import annotations

import datetime as dt
from urllib.parse import quote

from fastapi.testclient import TestClient
from sqlalchemy import func, select

from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace


def _mentions_of(ws: Workspace, account: str, kind: str) -> tuple[int, int]:
    """(mentions, calls) of ``kind`` in the account's calls, read from the database."""
    with ws.session() as db:
        row = db.execute(
            select(func.count(Mention.id), func.count(func.distinct(Mention.call_id)))
            .join(Call, Mention.call_id == Call.id)
            .where(Call.account == account, Mention.kind == kind, Mention.excluded.is_(False))
            .where(Mention.cluster_id.is_not(None))
        ).one()
    return int(row[0]), int(row[1])


def test_account_industry_filters_clusters_and_dashboard(api: TestClient, ws: Workspace) -> None:
    assert api.get("/api/industries").json() == []
    set_it = api.patch("/api/accounts/account 0", json={"industry": "  Dental   clinics "})
    assert set_it.status_code == 200, set_it.text
    account = set_it.json()
    assert account["name"] == "Account 0" and account["industry"] == "Dental clinics"
    assert len(account["calls"]) == 2 and {c["industry"] for c in account["calls"]} == {
        "Dental clinics"
    }
    assert api.get("/api/industries").json() == ["Dental clinics"]
    assert api.get("/api/accounts/Account 0").json()["industry"] == "Dental clinics"
    assert api.patch("/api/accounts/Nobody", json={"industry": "x"}).status_code == 404

    every = api.get("/api/clusters", params={"kind": "objection"}).json()
    only = api.get("/api/clusters", params={"kind": "objection", "industry": "dental CLINICS"})
    assert only.status_code == 200
    clinics = only.json()
    mentions, calls = _mentions_of(ws, "Account 0", "objection")
    assert 0 < sum(c["size"] for c in clinics) == mentions < sum(c["size"] for c in every)
    assert all(c["calls"] <= calls and c["accounts"] == 1 for c in clinics)
    assert api.get("/api/clusters", params={"industry": "Retail"}).json() == []

    board = api.get("/api/dashboard", params={"industry": "Dental clinics"}).json()
    assert board["industry"] == "Dental clinics"
    assert board["totals"]["calls"] == 2 and board["totals"]["objections"] == mentions
    assert api.get("/api/dashboard").json()["totals"]["calls"] == 6
    trends = sum(r["now"] + r["before"] for r in board["trends"])
    assert 0 < trends <= mentions

    # The web pages: the filter is offered and applied.
    page = api.get("/dashboard", params={"industry": "Dental clinics"}).text
    assert "<strong>Dental clinics</strong>: 2 calls" in page
    assert "<option selected>Dental clinics</option>" in page
    clusters_page = api.get("/", params={"industry": "Dental clinics"}).text
    assert "<option selected>Dental clinics</option>" in clusters_page


def test_account_page_sets_and_clears_the_industry(api: TestClient, ws: Workspace) -> None:
    page = api.get("/accounts/Account%201")
    assert page.status_code == 200 and "No industry yet" in page.text
    saved = api.post("/accounts/Account%201", data={"industry": "Cafés"}, follow_redirects=True)
    assert saved.status_code == 200 and "Account 1 is in Cafés." in saved.text
    with ws.session() as db:
        named = set(db.scalars(select(Call.industry).where(Call.account == "Account 1")))
    assert named == {"Cafés"}
    call_page = api.get("/calls", params={"account": "Account 1"}).text
    assert 'href="/accounts/Account%201"' in call_page
    cleared = api.post("/accounts/Account%201", data={"industry": "  "}, follow_redirects=True)
    assert "Account 1 has no industry now." in cleared.text
    assert api.get("/api/accounts/Account 1").json()["industry"] is None
    assert api.get("/accounts/Nobody").status_code == 404


def test_an_account_named_with_a_slash_opens(api: TestClient, ws: Workspace) -> None:
    """ "Acme <b>Bold</b> & Co" had a link to a page that answered 404 (the "/" in "</b>")."""
    name = "Acme <b>Bold</b> & Co/Ltd"
    with ws.session() as db:
        db.execute(Call.__table__.update().where(Call.account == "Account 2").values(account=name))
    link = next(
        part.split('"')[0]
        for part in api.get("/calls").text.split('href="')
        if part.startswith("/accounts/Acme")
    )
    page = api.get(link)
    assert page.status_code == 200, link
    assert "Acme &lt;b&gt;Bold&lt;/b&gt; &amp; Co/Ltd" in page.text
    assert api.get("/api/accounts/" + quote(name, safe="")).json()["name"] == name
    saved = api.post(link, data={"industry": "Retail"}, follow_redirects=True)
    assert (
        saved.status_code == 200 and api.get(f"/api/accounts/{name}").json()["industry"] == "Retail"
    )


def test_a_date_filter_compares_with_the_period_before_it(api: TestClient, ws: Workspace) -> None:
    """From 2 February (calls of 2 and 9 February), each theme's two mentions are compared with
    the eight days before (the call of 26 January), not with nothing: a filter from 1 September
    had made 8 themes of 10 "rising" (20 mentions against 1)."""
    themes = api.get(
        "/api/clusters", params={"kind": "objection", "date_from": "2026-02-02"}
    ).json()
    with ws.session() as db:
        before = dict(
            db.execute(
                select(Mention.cluster_id, func.count(Mention.id))
                .join(Call, Mention.call_id == Call.id)
                .where(Call.call_date.between(dt.date(2026, 1, 25), dt.date(2026, 2, 1)))
                .where(Mention.kind == "objection", Mention.excluded.is_(False))
                .group_by(Mention.cluster_id)
            ).all()
        )
    assert themes and sum(before.values()) >= 2
    for theme in themes:
        assert theme["recent"] == theme["size"]
        assert theme["before"] == before.get(theme["id"], 0), theme
    assert not any(theme["direction"] == "up" for theme in themes)
