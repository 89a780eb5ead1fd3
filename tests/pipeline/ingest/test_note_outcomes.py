"""A call's outcome from what its rep's notes state, when no column or flag gives one.

Why: Copper's "Lost to Karbon." and "Signed!" and Attio's "Decided to go with <us>, closed
won." had left their calls' outcome unknown, and every won/lost split with them."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.detect.deal_news import news_in_sentence
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

OURS = ["Tillwise"]
RIVALS = ["Karbon", "Canopy"]


@pytest.mark.parametrize(
    ("sentence", "outcome", "rival"),
    [
        ("Lost to Karbon.", "lost", "Karbon"),
        ("Signed!", "won", None),
        ("Contract signed.", "won", None),
        ("Closed won — Fernhill Books", "won", None),
        ("closed lost, budget went elsewhere", "lost", None),
        ("Decided to go with Tillwise, closed won.", "won", None),
        ("They went with Canopy.", "lost", "Canopy"),
        ("They chose Karbon in the end.", "lost", "Karbon"),
        # a loss reason labelled as such, whatever its words, and a bare verdict
        ("Lost.", "lost", None),
        ("Loss reason: they'd rather wait until the spring.", "lost", None),
        ("Closed lost (reason): went with Canopy's bundle", "lost", "Canopy"),
        ("Reason lost: price", "lost", None),
        ("Won reason: price", None, None),
        # questions, negations, hedges, other products and other deals state nothing
        ("Not signed yet.", None, None),
        ("Did they sign?", None, None),
        ("Hoping to get it closed won by Friday.", None, None),
        ("They went with Canopy two years ago.", None, None),
        ("They went with a spreadsheet.", None, None),
        ("Signed up for the trial.", None, None),
        ("We use Karbon for the task lists.", None, None),
    ],
)  # fmt: skip
def test_a_notes_clear_statement_is_the_outcome(
    sentence: str, outcome: str | None, rival: str | None
) -> None:
    news = news_in_sentence(sentence, OURS, RIVALS)
    assert (news.outcome if news else None, news.rival if news else None) == (outcome, rival)


# A Copper activities export, in its own columns; invented people and companies.
ACTIVITIES = (
    "Activity ID,Type,Date,User,Details,Related To,Related To Type,Company\n"
    '100,Phone Call,02/02/2026,Rui Santos,"Intro with Ada Lin, 9 staff, on spreadsheets.",'
    "Lin & Co - New Business,Opportunity,Lin & Co\n"
    '101,Phone Call,02/12/2026,Rui Santos,"Spoke with Ada Lin. Karbon came in cheaper. Lost to '
    'Karbon.",Lin & Co - New Business,Opportunity,Lin & Co\n'
    '102,Meeting,03/06/2026,Rui Santos,"Signed! Omar Haddad said the reminders sold it.",'
    "Haddad Tax - New Business,Opportunity,Haddad Tax\n"
    '103,Meeting,03/08/2026,Rui Santos,"Not signed yet. Omar wants a second demo.",'
    "Brook Ledger - New Business,Opportunity,Brook Ledger\n"
    "104,Email,03/09/2026,Rui Santos,\"Lost. Reason: they went with Canopy's e-sign add-on "
    'bundled into their practice suite.",Orchard Books - New Business,Opportunity,Orchard Books\n'
)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    settings = make_settings(tmp_path / "data", our_company="Tillwise", competitors=RIVALS)
    return Workspace(settings)


def _calls(workspace: Workspace) -> dict[str, tuple[str, list[str]]]:
    with workspace.session() as db:
        return {
            f"{c.account} {c.call_date:%m-%d}": (str(c.outcome), list(c.competitors or []))
            for c in db.scalars(select(Call))
        }


def test_crm_notes_set_the_outcome_the_rival_and_the_deals_rows(workspace: Workspace) -> None:
    ingest_bytes(workspace, ACTIVITIES.encode(), "copper.csv", analyse=False)
    assert _calls(workspace) == {
        "Lin & Co 02-02": ("lost", []),  # the deal's other row shares its outcome
        "Lin & Co 02-12": ("lost", ["Karbon"]),
        "Haddad Tax 03-06": ("won", []),
        "Brook Ledger 03-08": ("unknown", []),
        "Orchard Books 03-09": ("lost", ["Canopy"]),  # "Lost. Reason: they went with Canopy's"
    }
    workspace.close()


def test_an_explicit_outcome_wins_over_the_notes(workspace: Workspace) -> None:
    ingest_bytes(
        workspace,
        ACTIVITIES.encode(),
        "copper.csv",
        CallMetadata(outcome="open"),
        analyse=False,
    )
    assert {outcome for outcome, _ in _calls(workspace).values()} == {"open"}
    workspace.close()
