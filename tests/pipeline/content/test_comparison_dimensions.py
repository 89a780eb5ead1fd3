"""A comparison's side-by-side rows are things buyers compared the rival on (price, switching,
how they work today...), each answered by the profile fact on it where there is one; a line
that names nothing the rival does is no row, and a published row never shows our side as a
bare "—".

Why: the demo's RotaPro page had four rows headed "What it does (a deal we lost)" or "(an open
deal)", each "To write: no answer on file — ask product.", quoting "I'll probably take
RotaPro's deal and look again next year." and "Moving everything over from RotaPro is the bit
I dread." (a switching worry our migration fact answers); published, our side read "—"."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.publish.public_copy import publishable
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    industry: str
    rival: str
    price: str  # what a buyer said of the rival's price
    moving: str  # dreading the move off the rival: no switching word of the row rules
    undecided: str  # the buyer's own plan, nothing the rival does
    migration: str  # our onboarding fact on moving off it
    pricing: str


TRADES = [
    Trade(
        "Veterinary",
        "VetDesk",
        "VetDesk is cheaper per vet.",
        "Moving everything off VetDesk is the part I dread.",
        "I will probably take the VetDesk offer and look again next year.",
        "We move patient records, vaccine history and reminders from your old system for free.",
        "$89 a month per practice plus $12 per vet.",
    ),
    Trade(
        "Warehousing",
        "StockPilot",
        "StockPilot charges per pallet position, which is cheaper for us.",
        "Moving everything over from StockPilot is the bit I dread.",
        "I will probably take the StockPilot offer and look again next spring.",
        "We import SKUs, bin locations and pick paths from your old system at no charge.",
        "$400 a month per warehouse, unlimited users.",
    ),
    Trade(
        "Accounting",
        "LedgerHub",
        "LedgerHub costs us less per seat.",
        "Moving everything over from LedgerHub would eat the whole of January.",
        "We will likely sign with LedgerHub again and revisit it after tax season.",
        "We migrate client engagements and time records from your old system for free.",
        "$35 per seat per month, billed monthly.",
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _cells(row: str) -> list[str]:
    return [c.strip() for c in re.split(r"(?<!\\)\|", row.strip())[1:-1]]


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_rows_are_what_buyers_compared_on_answered_by_our_facts(
    workspace: Workspace, trade: Trade
) -> None:
    profile = ProductProfile(name="Tallyo", pricing=[trade.pricing], onboarding=[trade.migration])
    with workspace.session() as db:
        theme = add_theme(db, f"{trade.rival} came up", trade.rival.lower())
        said = (trade.price, trade.moving, trade.undecided)
        for n, text in enumerate(said, start=1):
            _, [turn] = _call(
                db, n, f"{trade.industry} account {n}", ("lost", "open", "lost")[n - 1],
                f"2026-03-0{n}", [("Robin", "buyer", text)], industry=trade.industry,
            )  # fmt: skip
            _mention(db, turn, "objection", "competitor", theme, competitor=trade.rival)
        set_profile(db, profile)
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
        body = document.body_markdown
        html = export_document(db, workspace.settings, document.id, "html").content.decode()
    rows = [_cells(line) for line in body.splitlines() if line.startswith("| **")]
    assert not any(row[0].startswith("**What it does") for row in rows), rows
    # The buyer's own plan names nothing the rival does: no row (it may be listed below).
    assert not any(trade.undecided in row[2] for row in rows), rows
    [moving] = [row for row in rows if trade.moving in row[2]]
    assert moving[0].startswith("**Switching"), moving
    assert trade.migration in moving[1] and "[P" in moving[1], moving
    # Published, our side of every row says something.
    us = re.findall(r'<td data-label="Us">(.*?)</td>', html, re.S)
    assert us and all(cell.strip() not in ("", "—") for cell in us), us


def test_a_published_row_with_our_side_to_write_goes() -> None:
    """A row a writer has not answered yet compares nothing: published, it goes (with the
    quote only it cited), never "—" beside the buyers' words; an answered row stays."""
    page = (
        "# Us vs Kennelbase\n\n## Side by side\n\n| | Us | Kennelbase |\n|---|---|---|\n"
        "| **Price** | $60 a month per site. [P1] | “Kennelbase is cheaper per run.” [Q1] |\n"
        "| **Support** | To write: no answer on file — ask product. "
        "| “Kennelbase support takes a week to answer.” [Q2] |\n"
        "\n## Sources\n\nWhat buyers and reps said on sales calls:\n\n"
        "- **[Q1]** “Kennelbase is cheaper per run.” — buyer, A, call 1, 2026-01-02, lost\n"
        "- **[Q2]** “Kennelbase support takes a week to answer.” — buyer, B, call 2, "
        "2026-01-03, open\n\n"
        "From our product profile:\n\n- **[P1]** $60 a month per site.\n"
    )
    published = publishable(page, {})
    assert "| **Price** | $60 a month per site. [P1] |" in published, published
    assert "Support" not in published and "| — |" not in published, published
    assert "takes a week" not in published, published
