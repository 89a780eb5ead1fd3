"""Themes heard on one call only, calls with no date and the quotes' footers, over a real SQLite
workspace of a vets' practice, a warehouse and a salon, plus a warehouse call with no date,
account or title (a subtitle file): a one-call theme is listed after the recurring ones, marked,
on every surface; the dashboard says what its period leaves out; a footer names only what is
known of a call."""

from __future__ import annotations

import datetime as dt
import json
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session
from typer.testing import CliRunner

from api import app as api_app
from api.cli import app as cli_app
from pipeline.cluster.queries import list_clusters
from pipeline.config import Settings
from pipeline.content.choose import suitable_clusters
from pipeline.dashboard import dashboard
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import app_client

# (account, title, outcome, date, industry); the last is a warehouse's undated .srt.
_CALLS = (
    ("Whitfield Animal Hospital", "Whitfield - demo", "lost", "2026-03-02", "Veterinary"),
    ("Northpoint Storage", "Northpoint intro", "open", "2026-03-10", "Warehousing"),
    ("Blush & Bloom Salon", "Salon follow-up", "won", "2026-03-12", "Salons"),
    (None, None, "unknown", None, "Warehousing"),
)
# Each theme's buyer sentences: (call, words).
_THEMES = {
    "Per-seat price is too high": (
        (0, "The per-seat price is too high for a four-vet practice."),
        (1, "At that price per seat we'd only license the shift leads."),
        (3, "Paying per seat for forty pickers is too much."),
        (3, "Per-seat pricing kills it for our seasonal staff."),
    ),
    "The owner signs off": (
        (2, "Anything over a grand, the owner has to sign off."),
        (3, "Our MD signs every contract, I can't commit us."),
        (3, "Finance won't approve it before the year end."),
        (3, "The regional director has the final say on software."),
    ),
    "Training the front desk": (
        (0, "Our reception team won't have time to learn another screen."),
        (2, "The stylists won't sit through training on a Saturday."),
    ),
    "Cycle counts never match": (
        (1, "Our cycle counts never match the system."),
        (1, "Every stock take we find pallets the system lost."),
        (1, "The counts are out by hundreds of units each quarter."),
    ),
}


@dataclass(frozen=True)
class Seeded:
    price: int
    sign_off: int
    training: int
    counts: int
    undated_call: int


def _seed(session: Session) -> Seeded:
    """The calls and objection themes as analysis stores them (no model needed to list them)."""
    calls = []
    for n, (account, title, outcome, day, industry) in enumerate(_CALLS):
        call = Call(
            content_hash=f"one-call-{n}", filename=f"call{n}.txt", format="txt", title=title,
            raw_text="", call_date=dt.date.fromisoformat(day) if day else None, account=account,
            outcome=outcome, industry=industry, analysis_state="analysed",
        )  # fmt: skip
        session.add(call)
        calls.append(call)
    session.flush()
    ids = []
    for name, said in _THEMES.items():
        theme = Cluster(kind="objection", name=name, auto_name=name, status="active")
        session.add(theme)
        session.flush()
        ids.append(theme.id)
        for seq, (on, text) in enumerate(said, start=theme.id * 10):
            line = Utterance(call_id=calls[on].id, seq=seq, speaker=None, role="buyer", text=text)
            session.add(line)
            session.flush()
            session.add(
                Mention(
                    utterance_id=line.id,
                    call_id=line.call_id,
                    kind="objection",
                    category="price",
                    text=text,
                    char_end=len(text),
                    cluster_id=theme.id,
                    confidence=0.9,
                )  # fmt: skip
            )
    session.flush()
    return Seeded(*ids, undated_call=calls[3].id)


@pytest.fixture
def seeded(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Seeded:
    monkeypatch.setattr(api_app, "recover_at_start", lambda *_args: None)
    workspace = Workspace(settings)
    with workspace.session() as session:
        found = _seed(session)
    workspace.close()
    return found


@pytest.fixture
def site(settings: Settings, seeded: Seeded) -> Iterator[TestClient]:
    workspace = Workspace(settings)
    with app_client(workspace) as client:
        yield client
    workspace.close()


def test_a_one_call_theme_comes_after_the_recurring_ones_marked(
    settings: Settings, seeded: Seeded
) -> None:
    """Three mentions all from one warehouse call are no recurring theme: it comes after the
    two-mention theme heard at the vets' and the salon, whatever the sort."""
    workspace = Workspace(settings)
    with workspace.session() as session:
        for sort in ("size", "trend"):
            listed = list_clusters(session, kind="objection", sort=sort)
            assert [(c["id"], c["one_call"]) for c in listed][-1] == (seeded.counts, True)
            assert not any(c["one_call"] for c in listed[:-1])
        # Over one account's calls its themes are each heard on one call: marked, not hidden.
        vets = list_clusters(session, kind="objection", account="Whitfield Animal Hospital")
        assert {c["id"] for c in vets} == {seeded.price, seeded.training}
        assert all(c["one_call"] for c in vets)
        # Documents' best fits take it last too.
        assert suitable_clusters(session, "objection")[-1] == seeded.counts
    workspace.close()


def test_the_api_home_page_and_cli_mark_it(
    site: TestClient, seeded: Seeded, settings: Settings, point_cli_at: Callable[..., None]
) -> None:
    listed = site.get("/api/clusters", params={"kind": "objection"}).json()
    assert [c["id"] for c in listed if c["one_call"]] == [seeded.counts]
    assert site.get(f"/api/clusters/{seeded.counts}").json()["one_call"] is True

    page = site.get("/?kind=objection").text
    names = re.findall(r'<h2 id="cluster-\d+-name"><a href="/clusters/\d+">([^<]+)</a>', page)
    assert names[-1] == "Cycle counts never match"
    assert page.count('badge-one-call"') == 1
    assert "1 heard on 1 call only, after the recurring ones" in page
    assert "heard on 1 call</span>" in site.get(f"/clusters/{seeded.counts}").text

    point_cli_at(settings.data_dir, settings.database_url)
    result = CliRunner().invoke(cli_app, ["clusters", "--kind", "objection"], terminal_width=160)
    assert result.exit_code == 0, result.output
    recurring, line, rest = result.output.partition("├")  # the line before the one-call themes
    assert line and "Cycle counts never match" in rest and "(heard on 1" in rest  # wrapped
    assert "heard on" not in recurring
    assert "1 theme marked (heard on 1 call): every mention from the same call" in result.output


def test_the_dashboard_says_what_its_period_leaves_out(
    settings: Settings, seeded: Seeded, site: TestClient, point_cli_at: Callable[..., None]
) -> None:
    """The undated warehouse call holds 3 of the sign-off theme's 4 mentions: the period shows
    1, and the board says so beside it and under the list."""
    workspace = Workspace(settings)
    with workspace.session() as session:
        board = dashboard(session)
    workspace.close()
    rows = {r.id: (r.now, r.all_time, r.one_call) for r in board.trends}
    assert rows[seeded.sign_off] == (1, 4, False)
    assert rows[seeded.price] == (2, 4, False)
    assert rows[seeded.counts] == (3, 3, True)
    assert board.trends[-1].id == seeded.counts  # 3 in the period, but heard on one call
    assert board.undated_note.startswith(
        "5 of the 13 objections in these themes are from 1 call with no date: no period counts"
    )

    page = site.get("/dashboard").text
    assert "vs 0 · 4 all time" in page and 'id="trend-undated"' in page
    assert "heard on 1 call</span>" in page

    point_cli_at(settings.data_dir, settings.database_url)
    shown = CliRunner().invoke(cli_app, ["dashboard"], terminal_width=160).output
    assert "all time" in shown and "Cycle counts never match (heard on 1 call)" in shown
    assert "note: 5 of the 13 objections in these themes are from 1 call with no date" in shown


def test_a_quote_footer_names_only_what_is_known(site: TestClient, seeded: Seeded) -> None:
    """The undated call has no account, title or outcome: "call N" names it, once, with "no date"
    where a date is shown; a salon's call keeps its account and outcome."""
    call = f"call {seeded.undated_call}"
    page = site.get("/?kind=objection").text
    assert "unknown account" not in page and " · unknown · " not in page
    assert f"<footer>{call} · <a href=" in page
    assert f'in the call<span class="visually-hidden">: {call}</span>' in page
    assert "Blush &amp; Bloom Salon · won · <a" in page
    detail = site.get(f"/clusters/{seeded.sign_off}").text
    assert "unknown account" not in detail and "no date · unknown" not in detail
    assert f", {call} · no date</footer>" in detail
    hits = site.get("/", params={"kind": "objection", "q": "pickers per seat"}).text
    assert "unknown account" not in hits


def test_the_api_quotes_carry_the_calls_title(site: TestClient, seeded: Seeded) -> None:
    detail = site.get(f"/api/clusters/{seeded.training}").json()
    assert {q["title"] for q in detail["mentions"]} == {"Whitfield - demo", "Salon follow-up"}
    assert json.dumps(detail).count('"title": null') == 0
