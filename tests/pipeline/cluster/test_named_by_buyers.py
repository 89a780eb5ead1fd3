"""A theme is named in the buyers' own words first: a rep's notes had named themes ("Asked for a
nonprofit-style discount", "Carla asked if paralegals can be cheaper seats") though buyers had
said the worry themselves; a rep's note counts half."""

from __future__ import annotations

import datetime as dt
import re
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
    "I can't justify sixty-five a month per user when I'm billing flat fees.",
    "Sixty-five a head is too much for a firm our size.",
    "Honestly your price is the sticking point.",
    "On price, sixty-five per user is more than we budgeted.",
]
NOTES = [
    "Our $65 is a stretch; Carla asked if paralegals can be cheaper seats.",
    "Annual plan at $55/user.",
    "Price: asked for a nonprofit-style discount, they do pro bono work",
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
                    text=text, char_end=len(text), confidence=0.98 if speaker is None else 0.85,
                )
            )  # fmt: skip


def _names(ws: Workspace) -> list[str]:
    with ws.session() as db:
        return [c.name for c in db.scalars(select(Cluster).where(Cluster.status == "active"))]


def test_buyers_words_name_the_theme_before_a_reps_notes(workspace: Workspace) -> None:
    _said(workspace, [(t, "buyer") for t in BUYERS] + [(t, "rep_note") for t in NOTES])
    run_clustering(workspace, rebuild=True)
    [name] = _names(workspace)  # the rep's notes, surer and as typical, had named it
    assert name == "Your price is the sticking point"


def test_a_theme_of_notes_alone_is_named_by_its_notes(workspace: Workspace) -> None:
    _said(workspace, [(t, "rep_note") for t in NOTES])
    run_clustering(workspace, rebuild=True)
    [name] = _names(workspace)
    said = set(re.findall(r"[\w$/'-]+", " ".join(NOTES).lower()))
    assert name and set(re.findall(r"[\w$/'-]+", name.lower())) <= said, name
