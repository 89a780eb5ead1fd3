"""The clusters API over the theme corpus: list, filters, detail, edits, search, phrases."""

from __future__ import annotations

from fastapi.testclient import TestClient

from tests.insights_corpus import THEMES


def test_list_filter_and_sort(api: TestClient) -> None:
    listed = api.get("/api/clusters", params={"kind": "objection"})
    assert listed.status_code == 200
    clusters = listed.json()
    assert clusters and all(c["kind"] == "objection" for c in clusters)
    assert [c["size"] for c in clusters] == sorted((c["size"] for c in clusters), reverse=True)
    total = sum(c["size"] for c in clusters)
    lost = api.get("/api/clusters", params={"kind": "objection", "outcome": "lost"}).json()
    assert 0 < sum(c["size"] for c in lost) < total
    assert all(set(c["outcome_counts"]) == {"lost"} for c in lost)
    early = api.get("/api/clusters", params={"date_to": "2026-01-12"}).json()
    assert all(c["last_seen"] <= "2026-01-12" for c in early)
    by_account = api.get("/api/clusters", params={"account": "Account 1"}).json()
    assert by_account and all(c["accounts"] == 1 for c in by_account)
    assert api.get("/api/clusters", params={"sort": "trend"}).status_code == 200
    assert api.get("/api/clusters", params={"sort": "bogus"}).status_code == 422


def test_detail_with_quotes_and_context(api: TestClient) -> None:
    first = api.get("/api/clusters", params={"kind": "objection"}).json()[0]
    detail = api.get(f"/api/clusters/{first['id']}")
    assert detail.status_code == 200
    body = detail.json()
    assert body["size"] == len(body["mentions"]) == first["size"]
    quote = body["quotes"][0]
    assert quote["call_id"] and quote["date"] and quote["speaker"] == "Buyer"
    assert quote["start_seconds"] is not None and quote["utterance_id"]
    assert len({q["mention_id"] for q in body["quotes"]}) == len(body["quotes"])
    assert body["weekly"] and body["first_seen"] <= body["last_seen"]
    missing = api.get("/api/clusters/99999")
    assert missing.status_code == 404
    assert missing.headers["content-type"].startswith("application/problem+json")


def test_rename_mark_merge_split_rebuild(api: TestClient) -> None:
    ids = [c["id"] for c in api.get("/api/clusters", params={"kind": "objection"}).json()]
    renamed = api.patch(f"/api/clusters/{ids[0]}", json={"name": "Too expensive"})
    assert renamed.status_code == 200 and renamed.json()["name"] == "Too expensive"
    assert api.patch(f"/api/clusters/{ids[0]}", json={"name": ""}).status_code == 422
    merged = api.post("/api/clusters/merge", json={"ids": [ids[1], ids[2]]})
    assert merged.status_code == 200 and merged.json()["merged"] == [ids[2]]
    assert api.post("/api/clusters/merge", json={"ids": [ids[1]]}).status_code == 422
    split = api.post(f"/api/clusters/{ids[1]}/split")
    assert split.status_code == 200 and len(split.json()["children"]) == 2
    undone = api.post(f"/api/clusters/{split.json()['children'][0]}/undo-split")
    assert undone.status_code == 200 and undone.json()["id"] == ids[1]
    again = api.post(f"/api/clusters/{split.json()['children'][0]}/undo-split")
    assert again.status_code in (400, 422) and "undone" in again.json()["detail"]
    split = api.post(f"/api/clusters/{ids[1]}/split")
    marked = api.patch(f"/api/clusters/{ids[0]}", json={"not_objection": True})
    assert marked.json()["status"] == "excluded"
    rebuilt = api.post("/api/clusters/rebuild")
    assert rebuilt.status_code == 202, rebuilt.text
    job = api.get(f"/api/jobs/{rebuilt.json()['job_id']}").json()
    assert job["kind"] == "recluster" and job["status"] == "done", job
    assert job["result"]["objection"]["full"] is True
    after = {c["id"]: c for c in api.get("/api/clusters").json()}
    assert ids[0] not in after
    assert set(split.json()["children"]) <= set(after)


def test_search_and_phrases(api: TestClient) -> None:
    hits = api.get("/api/search", params={"q": "it costs too much", "k": 2})
    assert hits.status_code == 200
    assert hits.json()[0]["text"] in THEMES["price"] and hits.json()[0]["similarity"] > 0.3
    assert api.get("/api/search", params={"q": ""}).status_code == 422
    phrases = api.get("/api/phrases", params={"min_count": 2})
    assert phrases.status_code == 200
    assert all(p["count"] >= 2 and p["examples"] for p in phrases.json())


def test_dashboard_is_served_as_json_too(api: TestClient) -> None:
    board = api.get("/api/dashboard")
    assert board.status_code == 200
    body = board.json()
    assert body["totals"]["calls"] > 0 and body["totals"]["objections"] > 0
    assert body["lost"] and all(r["mentions"] >= r["calls"] > 0 for r in body["lost"])
    assert body["trends"]
    assert body["totals"]["lost"] + body["totals"]["won"] <= body["totals"]["calls"]


def test_dashboard_compares_equal_periods_with_the_home_pages_rule(api: TestClient) -> None:
    """The corpus's calls are weekly from 5 January to 9 February: February so far (2 calls)
    against all of January (4) read "falling" while the home page said "rising". The 30 days
    up to the latest call hold 5 calls, the 30 before only the first (six days of calls): no
    history to compare with, so nothing rises on either page, and both say why. From 26
    January, 15 days against the 15 before (calls over 14 of them): steady on every page."""
    body = api.get("/api/dashboard").json()
    assert body["period"] == {"start": "2026-01-11", "end": "2026-02-09"}
    assert body["previous"] == {"start": "2025-12-12", "end": "2026-01-10"}
    assert body["history"] is False
    assert body["history_note"] == (
        "not enough history to compare: the first call is on 2026-01-05; "
        "2025-12-12 to 2026-01-10 holds 1 call"
    )
    home = {c["id"]: c for c in api.get("/api/clusters", params={"kind": "objection"}).json()}
    for row in body["trends"]:
        assert (row["now"], row["before"]) == (home[row["id"]]["recent"], home[row["id"]]["before"])
        assert row["direction"] == home[row["id"]]["direction"] == "flat"
        assert row["trend_label"] == home[row["id"]]["trend_label"] == ""
    assert len(body["trends"]) >= 2 and "badge-rising" not in api.get("/").text
    dash = api.get("/dashboard").text
    assert 'aria-label="rising"' not in dash and "▼" not in dash
    assert "Trend: not enough history to compare: the first call is on 2026-01-05" in dash
    since = {"date_from": "2026-01-26", "date_to": "2026-02-09"}
    chosen = api.get("/api/dashboard", params=since).json()
    assert chosen["previous"] == {"start": "2026-01-11", "end": "2026-01-25"}
    assert chosen["history"] is True and chosen["history_note"] == ""
    listed = {
        c["id"]: c for c in api.get("/api/clusters", params={"kind": "objection", **since}).json()
    }
    assert chosen["trends"]
    for row in chosen["trends"]:
        assert row["before"] >= 2 and row["trend_label"] == "steady"
        assert listed[row["id"]]["trend_label"] == "steady"
    assert "Trend: not enough history" not in api.get("/dashboard", params=since).text
    backwards = api.get("/dashboard", params={"date_from": "2026-03-01", "date_to": "2026-02-01"})
    assert backwards.status_code == 200 and "starts (2026-03-01) after it ends" in backwards.text


def test_fewer_and_more_themes(api: TestClient) -> None:
    [info] = api.get("/api/clusters/grain", params={"kind": "objection"}).json()
    assert info["automatic"] and info["themes"] == info["automatic_themes"]
    finer = api.post("/api/clusters/grain", json={"kind": "objection", "grain": "finer"})
    assert finer.status_code == 202, finer.text
    listed = api.get("/api/clusters", params={"kind": "objection"}).json()
    assert len(listed) > info["themes"]
    [kept] = api.get("/api/clusters/grain", params={"kind": "objection"}).json()
    assert not kept["automatic"] and kept["themes"] == len(listed)
    back = api.post("/api/clusters/grain", json={"kind": "objection", "grain": "auto"})
    assert back.status_code == 202, back.text
    job = api.get(f"/api/jobs/{back.json()['job_id']}").json()
    assert job["kind"] == "grain" and job["status"] == "done", job
    assert job["result"]["grains"][0]["themes"] == info["themes"]
    assert job["message"] == f"Showing {info['themes']} themes."
    assert len(api.get("/api/clusters", params={"kind": "objection"}).json()) == info["themes"]
    every = api.post("/api/clusters/grain", json={"grain": 3}).json()
    grains = api.get(f"/api/jobs/{every['job_id']}").json()["result"]["grains"]
    # With no kind the grain applies to every clustered kind (pains are clustered since issue 16).
    assert {g["kind"] for g in grains} == {"objection", "pain", "question"}
    refused = api.post("/api/clusters/grain", json={"kind": "objection", "grain": "smaller"})
    assert refused.status_code == 422 and "coarser, finer, auto" in refused.json()["detail"]
    assert api.get("/api/jobs", params={"kind": "grain"}).json()["total"] == 3  # none for it


def test_a_get_with_a_grain_changes_nothing(api: TestClient) -> None:
    """A GET is safe: a cache, a crawler or a retried request had re-cut the themes."""
    themes = api.get("/api/clusters", params={"kind": "objection"}).json()
    grains = api.get("/api/clusters/grain").json()
    for params in ({"kind": "objection", "grain": "finer"}, {"grain": "3"}, {"grain": "x"}):
        refused = api.get("/api/clusters", params=params)
        assert refused.status_code == 422, refused.text
        assert refused.headers["content-type"] == "application/problem+json"
        assert "POST /api/clusters/grain" in refused.json()["detail"]
    assert api.get("/api/clusters/grain").json() == grains
    assert api.get("/api/clusters", params={"kind": "objection"}).json() == themes
    assert api.get("/api/jobs", params={"kind": "grain"}).json()["total"] == 0
    listing = api.get("/openapi.json").json()["paths"]["/api/clusters"]["get"]
    assert "grain" not in {p["name"] for p in listing["parameters"]}
