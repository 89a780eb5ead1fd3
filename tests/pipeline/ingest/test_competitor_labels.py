"""The products a rep names under a "Competitor:" label or field are rivals of the call, tagged
like any competitor mention, however the rep wrote them: a list, "quoted by X", "looking at X
and Y".

Why: "Competitor: currently quoted by Trakkio and RouteMate." had been stored as the rep's
record with no rival tagged, so the call was missing from the Trakkio comparison."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Mention
from pipeline.workspace import Workspace

CASES = {
    "kennels.md": (
        "# Barkside Kennels - demo notes\nDate: 2026-05-04\nAccount: Barkside Kennels\n\n"
        "- Forty runs, bookings by phone.\n"
        "- Competitor: currently quoted by Kennelo and PetDiary. Kennelo cheaper per run.\n",
        ["Kennelo", "PetDiary"],
    ),
    "warehouse.txt": (
        "Kestrel Storage - call notes\nDate: 2026-05-06\n\n"
        "Pickers work from printed lists.\n"
        "Competitors: looking at StockPilot and Bin Wizard\n"
        "Next steps: send the scanner spec\n",
        ["StockPilot", "Bin Wizard"],
    ),
    "accountants.md": (
        "# Hollis & Co - follow-up\n**Date:** 2026-05-07\n\n"
        "Competitors:\n- LedgerLoop (their current one)\n- Tallyhand, quoted last week\n",
        ["LedgerLoop", "Tallyhand"],
    ),
}


@pytest.mark.parametrize("filename", sorted(CASES))
def test_the_products_under_a_competitor_label_are_the_calls_rivals(
    workspace: Workspace, filename: str
) -> None:
    text, rivals = CASES[filename]
    [result] = ingest_bytes(workspace, text.encode(), filename)
    assert result.status == "created"
    with workspace.session() as db:
        stored = db.scalars(select(Call.competitors)).one()
        tagged = set(
            db.scalars(select(Mention.competitor).where(Mention.competitor.is_not(None))).all()
        )
    workspace.close()
    assert stored == rivals
    assert tagged == set(rivals)


def test_a_header_field_in_prose_names_its_products(workspace: Workspace) -> None:
    """A header's "Competitors:" field written as prose (a salon's notes) is the products it
    names, not one rival of the whole sentence; a plain list stays as written."""
    prose = (
        "# Glow & Go - discovery\nDate: 2026-05-08\n"
        "Competitors: currently on Fresha, also quoted by Booksy\n\n"
        "- Four salons, 22 stylists.\n"
    )
    listed = (
        "# Shear Joy - discovery\nDate: 2026-05-09\nCompetitors: monday.com; Vagaro\n\n"
        "- One salon, six chairs.\n"
    )
    ingest_bytes(workspace, prose.encode(), "glow.md", analyse=False)
    ingest_bytes(workspace, listed.encode(), "shear.md", analyse=False)
    with workspace.session() as db:
        stored = db.scalars(select(Call.competitors).order_by(Call.id)).all()
    workspace.close()
    assert stored == [["Fresha", "Booksy"], ["monday.com", "Vagaro"]]


def test_only_a_competitor_label_names_rivals(workspace: Workspace) -> None:
    """The deal's other record fields ("Decision maker:", "Champion:", "Budget:") name people
    and figures, no rivals: "Decision maker: Jo" had made Jo a competitor of the call."""
    notes = (
        "Fenwick Cycles - call notes\nDate: 2026-05-10\n\n"
        "Decision maker: Jo (owner)\nChampion: Priti in the workshop\n"
        "Competitor: quoted by ShelfSync last month\nBudget: Jo holds it\n"
    )
    ingest_bytes(workspace, notes.encode(), "fenwick.txt", analyse=False)
    with workspace.session() as db:
        stored = db.scalars(select(Call.competitors)).one()
    workspace.close()
    assert stored == ["ShelfSync"]
