"""A theme is named in the buyers' own words: a rep's notes had named themes ("Annual plan",
"Carla asked if paralegals can be cheaper seats") though buyers had said the worry themselves."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.analysis.flow import run_clustering
from pipeline.embed import Embedder
from pipeline.store.models import Call, Cluster, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

BUYERS = [
    "Sixty-five per user is too much for us.",
    "Sixty-five a head is too much for a firm our size.",
    "Honestly your price per user is too much.",
    "It's too much per user for a small practice.",
]
NOTES = [
    "Annual plan at $55/user.",
    "Annual plan at $55/user offered.",
    "Annual plan at $55/user quoted to her.",
    "Annual plan at $55/user, she balked.",
    "Annual plan at $55/user sent.",
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _said(ws: Workspace, lines: list[tuple[str, str]]) -> None:
    with ws.session() as db:
        for n, (text, role) in enumerate(lines):
            call = Call(
                content_hash=f"h{n}", filename=f"c{n}.txt", format="txt", raw_text=text,
                call_date=dt.date(2026, 1, 1 + n),
            )  # fmt: skip
            db.add(call)
            db.flush()
            speaker = None if role == "rep_note" else "Dana"
            said = Utterance(call_id=call.id, seq=0, speaker=speaker, role=role, text=text)
            db.add(said)
            db.flush()
            db.add(
                Mention(
                    utterance_id=said.id, call_id=call.id, kind="objection", category="price",
                    text=text, char_end=len(text), confidence=0.9,
                )
            )  # fmt: skip


def _names(ws: Workspace) -> list[str]:
    with ws.session() as db:
        return [c.name for c in db.scalars(select(Cluster).where(Cluster.status == "active"))]


def test_buyers_words_name_the_theme_before_a_reps_notes(workspace: Workspace) -> None:
    _said(workspace, [(t, "buyer") for t in BUYERS] + [(t, "rep_note") for t in NOTES])
    run_clustering(workspace, rebuild=True)
    [name] = _names(workspace)
    assert "annual plan" not in name.lower() and "per user" in name.lower()


def test_a_theme_of_notes_alone_is_named_by_its_notes(workspace: Workspace) -> None:
    _said(workspace, [(t, "rep_note") for t in NOTES])
    run_clustering(workspace, rebuild=True)
    [name] = _names(workspace)
    assert "annual plan" in name.lower()
