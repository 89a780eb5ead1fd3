"""A trend needs history: a workspace whose first call is 6 October, read over 12 October to
10 November, had compared against 12 September to 11 October (six days of calls against
thirty) and 6 of its 8 top themes read "rising". The dashboard, the cluster list and their
words agree; a workspace with months of calls still reads rising, falling and steady."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import pytest
from fastapi.testclient import TestClient
from sqlalchemy.orm import Session

from pipeline.cluster.queries import list_clusters
from pipeline.dashboard import dashboard
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace

OCTOBER = ("2026-10-06", "2026-10-08", "2026-10-14", "2026-10-20", "2026-10-22", "2026-10-27")
NOVEMBER = ("2026-10-29", "2026-11-04", "2026-11-09", "2026-11-10")


def _theme(session: Session, name: str) -> int:
    theme = Cluster(kind="objection", name=name, status="active")
    session.add(theme)
    session.flush()
    return theme.id


def _call(session: Session, day: str, said: Sequence[tuple[int, str]]) -> None:
    """A call on ``day`` whose buyer raises each (theme, sentence)."""
    call = Call(
        content_hash=f"hash-{day}-{len(said)}", filename=f"{day}.txt", format="txt",
        raw_text="", call_date=dt.date.fromisoformat(day), account=f"Account {day}",
        outcome="open",
    )  # fmt: skip
    session.add(call)
    session.flush()
    for seq, (theme, text) in enumerate(said):
        utterance = Utterance(call_id=call.id, seq=seq, speaker=None, role="buyer", text=text)
        session.add(utterance)
        session.flush()
        session.add(
            Mention(
                utterance_id=utterance.id,
                call_id=call.id,
                kind="objection",
                category="price",
                text=text,
                char_end=len(text),
                cluster_id=theme,
                confidence=0.9,
            )  # fmt: skip
        )
    session.flush()


def _words(session: Session) -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Each theme's (direction, word) on the dashboard and in the cluster list."""
    board = dashboard(session)
    listed = list_clusters(session, kind="objection")
    return (
        {r.name: (r.direction, r.trend_label) for r in board.trends},
        {c["name"]: (c["direction"], c["trend_label"]) for c in listed},
    )


@pytest.mark.parametrize(
    ("earlier", "first"),
    [
        ((), "2026-10-06"),  # the first calls six days before the period
        (("2024-01-15",), "2024-01-15"),  # and one stray date years before them
    ],
)
def test_no_theme_rises_before_the_calls_began(
    ws: Workspace, earlier: tuple[str, ...], first: str
) -> None:
    with ws.session() as session:
        price, setup = _theme(session, "Price"), _theme(session, "Setup time")
        for day in (*earlier, *OCTOBER, *NOVEMBER):
            _call(session, day, [(price, "Too dear."), (price, "Pricey for us.")])
        for day in NOVEMBER:
            _call(session, day, [(setup, "Setup takes too long.")])
        board = dashboard(session)
        on_board, listed = _words(session)
    assert board.previous is not None and str(board.previous.start) == "2026-09-12"
    assert not board.history and f"the first call is on {first}" in board.history_note
    assert on_board["Price"] == listed["Price"] == ("flat", "")  # 16 against 4: no "rising"
    assert on_board["Setup time"] == listed["Setup time"] == ("flat", "")  # nor "new"


def test_no_call_in_the_period_before_is_no_history(ws: Workspace, api: TestClient) -> None:
    """Without history no theme is "new" either, under "not enough history to compare": the
    dashboard page shows a dash as the CLI does (each row had read "27 vs 0 new")."""
    with ws.session() as session:
        price = _theme(session, "Price")
        for day in ("2026-06-01", "2026-07-01", *NOVEMBER):  # nothing from 12 Sep to 11 Oct
            _call(session, day, [(price, "Too dear.")])
        board = dashboard(session)
        on_board, listed = _words(session)
    assert not board.history and "holds 0 calls" in board.history_note
    assert on_board["Price"] == listed["Price"] == ("flat", "")
    page = api.get("/dashboard").text
    assert "not enough history to compare" in page
    words = re.findall(r'class="muted trend-word">(.*?)</span>', page)
    assert words and all('aria-label="no trend">-' in word for word in words), words


@pytest.mark.parametrize("weeks", [12, 30])
def test_a_long_history_still_rises_falls_and_holds(ws: Workspace, weeks: int) -> None:
    """Weekly calls for months: price rises, setup falls, integrations holds steady."""
    last = dt.date(2026, 11, 10)
    with ws.session() as session:
        price, setup = _theme(session, "Price"), _theme(session, "Setup time")
        links = _theme(session, "Integrations")
        for week in range(weeks):
            day = last - dt.timedelta(days=7 * week)
            recent = week < 4
            said = [(links, "Does it talk to Xero?")]
            said += [(price, "Too dear.")] * (3 if recent else 1 if week < 8 else 0)
            said += [(setup, "Setup takes too long.")] * (0 if recent else 2)
            _call(session, day.isoformat(), said)
        board = dashboard(session)
        on_board, listed = _words(session)
    assert board.history and board.history_note == ""
    assert on_board["Price"] == listed["Price"] == ("up", "rising")
    assert on_board["Setup time"] == listed["Setup time"] == ("down", "falling")
    assert on_board["Integrations"] == listed["Integrations"] == ("flat", "steady")


def test_calls_dated_after_the_default_period_are_said_not_left_out_silently(
    ws: Workspace, api: TestClient
) -> None:
    """A new user's walk: a call dated in the future (a misread date) is outside the default
    period, as designed, but nothing said so; the dashboard (page, API, model) now says how
    many, the latest, and where to fix them. A chosen end says nothing: the user chose it."""
    future = dt.date.today() + dt.timedelta(days=400)
    with ws.session() as session:
        price = _theme(session, "Price")
        for day in (*OCTOBER, *NOVEMBER, future.isoformat()):
            _call(session, day, [(price, "Too dear.")])
        board = dashboard(session)
        chosen = dashboard(session, date_to=dt.date(2026, 11, 10))
        quiet = dashboard(session, date_to=future)
    assert board.period is not None and str(board.period.end) == "2026-11-10"
    assert board.later_calls_note.startswith("1 call dated after 2026-11-10")
    assert f"(the latest {future})" in board.later_calls_note
    assert "fix it on the call's page" in board.later_calls_note
    assert chosen.later_calls_note == "" and quiet.later_calls_note == ""
    page = api.get("/dashboard").text
    assert re.search(r'id="trend-later-calls">1 call dated after 2026-11-10', page)
    assert api.get("/api/dashboard").json()["later_calls_note"] == board.later_calls_note
    assert 'id="trend-later-calls"' not in api.get("/dashboard?date_to=2026-11-10").text


def test_no_later_call_no_note(ws: Workspace) -> None:
    with ws.session() as session:
        price = _theme(session, "Price")
        for day in (*OCTOBER, *NOVEMBER):
            _call(session, day, [(price, "Too dear.")])
        assert dashboard(session).later_calls_note == ""
