"""A comparison has one row per point: buyers' lines on a point a fact row already covers
("Price") go into that row's note below the table, not a second "Price" row below it.

Why: the demo's RotaPro page had two "Price" and two "Plans and terms" rows, the second
"Plans and terms" saying "As in the Plans and terms row above"."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    industry: str
    rival: str
    fact: str  # what our team entered about the rival's price
    said: tuple[str, str]  # two buyers on its price (a lost deal, an open one)
    ours: str


TRADES = [
    Trade(
        "Veterinary", "VetBoard", "VetBoard charges $12 per user a month.",
        ("VetBoard came in cheaper per vet than you.", "VetBoard charges per clinic site."),
        "$49 a month per clinic, any number of vets.",
    ),
    Trade(
        "Logistics", "PickRight", "PickRight charges $3 per handheld a month.",
        ("PickRight's price per handheld is lower than yours.", "PickRight charges per warehouse."),
        "$199 a month per warehouse, handhelds included.",
    ),
    Trade(
        "Beauty", "Chairly", "Chairly charges $2 per booking.",
        ("Chairly's price is lower for a salon our size.", "Chairly charges per chair."),
        "A flat $39 a month per salon, no booking fees.",
    ),
]  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_buyers_on_a_point_a_fact_covers_share_its_row(workspace: Workspace, trade: Trade) -> None:
    with workspace.session() as db:
        set_profile(db, ProductProfile(name="Ourapp", pricing=[trade.ours]))
        db.add(CompetitorFact(competitor=trade.rival, fact=trade.fact, source=None))
        theme = add_theme(db, trade.rival, trade.rival.casefold())
        for n, (outcome, said) in enumerate(zip(("lost", "open"), trade.said, strict=True)):
            _, [turn] = _call(db, n + 1, f"Account {n}", outcome, f"2026-04-0{n + 1}",
                              [("Ola", "buyer", said)], trade.industry)  # fmt: skip
            _mention(db, turn, "objection", "price", theme, competitor=trade.rival)
        db.flush()
        page = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
        body = page.body_markdown
    rows = [line.split(" | ") for line in body.splitlines() if line.startswith("| **")]
    aspects = [cells[0] for cells in rows]
    assert len(aspects) == len(set(aspects)), aspects  # no point twice
    [price] = [cells for cells in rows if trade.fact in cells[2]]
    assert price[2] == f"{trade.fact} [F1] |", price  # the fact alone in its cell
    # The buyers' lines on the point: the row's note below the table, cited.
    [note] = [line for line in body.splitlines() if line.startswith(f"- {price[0][4:-2]},")]
    assert all(said[:25] in note for said in trade.said) and "[Q" in note, note
    assert "above" not in body, body
