"""Confident quotes in no theme are said where a marketer looks: on the home page's tab of their
kind and in ``GET /api/clusters`` (a header, the body stays a bare list). Only the CLI had said
them; the page and the API showed the themes as if they held every quote."""

from __future__ import annotations

from fastapi.testclient import TestClient

from pipeline.cluster.state import unthemed_mentions
from pipeline.cluster.waiting import theme_needs
from pipeline.workspace import Workspace
from tests.insights_corpus import add_quote

# Reasons from a trade far from the corpus's themes, each said on a call of its own.
LOST_REASONS = (
    "The clinic board picked VetLedger because it already books our kennels.",
    "Our franchise owner signed a three-year deal with PawTrack last week.",
    "Dr. Okafor wants to wait until the new surgery wing opens next spring.",
)


def _left(ws: Workspace, kind: str) -> int:
    with ws.session() as session:
        return unthemed_mentions(session, kind)


def _unthemed_line(html: str) -> str:
    start = html.find('id="unthemed"')
    return " ".join(html[start : html.find("</div>", start)].split()) if start >= 0 else ""


def test_the_home_page_says_how_many_quotes_are_in_no_theme(api: TestClient, ws: Workspace) -> None:
    left = _left(ws, "objection")
    add_quote(ws, LOST_REASONS[0], "competitor", "vet-0", 0.95)
    add_quote(ws, "Hmm.", "price", "vet-hmm", 0.95)  # says nothing alone: in no theme by choice
    line = _unthemed_line(api.get("/", params={"kind": "objection"}).text)
    count = left + 1
    said = f"{count} objection{'s are' if count > 1 else ' is'} in no theme yet:"
    with ws.session() as session:
        needs = theme_needs(session, "objection")
    assert said in line and "for a theme of" in line and "Re-cluster now" in line
    assert f"once {needs} of them say one thing" in line
    filtered = _unthemed_line(api.get("/", params={"kind": "objection", "outcome": "won"}).text)
    assert "in no theme yet across all calls:" in filtered  # the count is not the filter's
    if not _left(ws, "pain"):
        assert _unthemed_line(api.get("/", params={"kind": "pain"}).text) == ""

    for number, text in enumerate(LOST_REASONS[1:], start=1):
        add_quote(ws, text, "competitor", f"vet-{number}", 0.9)
    line = _unthemed_line(api.get("/", params={"kind": "objection"}).text)
    assert (
        "they wait for a theme of their own" in line
    )  # three unlike reasons: no theme, no re-cluster

    done = api.post("/recluster", data={"kind": "objection"})
    assert done.status_code == 200 and done.url.path == "/jobs", done.url
    assert _left(ws, "objection") == 0  # the job ran: each has a theme now
    assert _unthemed_line(api.get("/", params={"kind": "objection"}).text) == ""


def test_the_cluster_list_counts_them_in_a_documented_header(
    api: TestClient, ws: Workspace
) -> None:
    left = {kind: _left(ws, kind) for kind in ("objection", "pain", "question")}
    add_quote(ws, LOST_REASONS[1], "competitor", "vet-api", 0.95)
    listed = api.get("/api/clusters", params={"kind": "objection"})
    assert listed.status_code == 200 and isinstance(listed.json(), list)  # the same bare list
    assert listed.headers["x-unthemed-mentions"] == f"objection={left['objection'] + 1}"
    everything = api.get("/api/clusters").headers["x-unthemed-mentions"]
    assert everything == (
        f"objection={left['objection'] + 1}, pain={left['pain']}, question={left['question']}"
    )
    schema = api.get("/openapi.json").json()["paths"]["/api/clusters"]["get"]
    assert "X-Unthemed-Mentions" in schema["responses"]["200"]["headers"]
