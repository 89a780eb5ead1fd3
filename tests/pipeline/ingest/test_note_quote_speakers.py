"""Every buyer quote of every CRM note is counted in the ingest summary, and a quote whose
speaker is not repeated ("Also: "…"") is the speaker of the note's previous quote, else the
note's contact (review 25a items 1-2: "1 buyer quote" for a note with two, the second said
by "buyer" alone). Notes written as HubSpot, Salesforce and Pipedrive export them; people
invented."""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.ingest.parse import read_calls
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings


@dataclass(frozen=True)
class Export:
    """A CRM's notes export: its column for the note, the account, the owner, the date, and its
    contact column when it has one."""

    name: str
    note: str
    account: str
    owner: str
    date: str
    contact: str | None = None

    def csv(self, rows: list[dict[str, str]]) -> bytes:
        columns = [self.date, self.account, self.owner, self.note]
        columns += [self.contact] if self.contact else []
        keys = ["date", "account", "owner", "note", "contact"][: len(columns)]
        out = io.StringIO()
        writer = csv.writer(out)
        writer.writerow(columns)
        for row in rows:
            writer.writerow([row.get(key, "") for key in keys])
        return out.getvalue().encode()


EXPORTS = [
    Export("hubspot", "Note body", "Associated Company", "Note owner", "Create Date"),
    Export("salesforce", "Full Comments", "Company / Account", "Assigned", "Date", "Contact"),
    Export("pipedrive", "Note - Content", "Organization - Name", "Note - User", "Note - Add time",
           "Person - Name"),
]  # fmt: skip

# Two quotes in one note, the second after a lead-in that names no one ("Also:", "Then,
# on price:", "Later -").
SECOND_LEAD_INS = ["Also:", "On pricing:", "Later -", "And then:"]


def _note(lead_in: str) -> str:
    return (
        "<p>Discovery call with Aisha Begum, owner of Roundabout Driving School. 4 instructors "
        'on a shared sheet. Aisha: "I spend every Sunday night matching bank transfers to '
        f'lessons, it\'s soul destroying." {lead_in} "half the time I find out about a '
        "cancellation when I'm sat outside their house.\" f/u Tues w/ pricing.</p>"
    )


def _row(note: str, contact: str = "") -> dict[str, str]:
    return {"date": "2026-10-13", "account": "Roundabout Driving School",
            "owner": "Ellie Marsh", "note": note, "contact": contact}  # fmt: skip


def _said(export: Export, rows: list[dict[str, str]]) -> list[list[tuple[str | None, str]]]:
    """Each note's buyer quotes: (speaker, words)."""
    calls = read_calls(export.csv(rows), f"{export.name}_notes.csv")
    return [[(u.speaker, u.text) for u in call.utterances if u.role == "buyer"] for call in calls]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
@pytest.mark.parametrize("lead_in", SECOND_LEAD_INS)
def test_a_quote_after_a_lead_in_naming_no_one_is_the_previous_quotes_speaker(
    export: Export, lead_in: str
) -> None:
    [quotes] = _said(export, [_row(_note(lead_in))])
    assert len(quotes) == 2
    assert [speaker for speaker, _ in quotes] == ["Aisha Begum", "Aisha Begum"]


@pytest.mark.parametrize("export", [e for e in EXPORTS if e.contact], ids=lambda e: e.name)
def test_the_previous_quote_speaker_comes_before_the_notes_contact(export: Export) -> None:
    """The contact column names the deal's contact; the note quotes her colleague twice."""
    note = (
        "Call with the Ridgeway team. Mike Dunn: \"Instructa's half the price and the lads "
        'already have it." Also: "we would need the pick-up points on the pupils\' phones too."'
    )
    [quotes] = _said(export, [_row(note, contact="Sarah Dunn")])
    assert [speaker for speaker, _ in quotes] == ["Mike Dunn", "Mike Dunn"]
    # With no quote before it in the note, the one contact the row names said it.
    [alone] = _said(export, [_row('Also: "we would need pick-up points on the phones."',
                                  contact="Sarah Dunn")])  # fmt: skip
    assert [speaker for speaker, _ in alone] == ["Sarah Dunn"]


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
def test_a_named_second_speaker_and_another_note_keep_their_own(export: Export) -> None:
    """A lead-in that names someone else keeps them; a quote in the next note (another row)
    inherits nothing from this note's quotes."""
    named = (
        'Met Aisha Begum and Tom Reid. Aisha: "I spend every Sunday night on bank transfers." '
        'Tom Reid said "the pupils never read their texts anyway, they want an app."'
    )
    other = 'Follow-up. Also: "we would need the pick-up points on the pupils\' phones too."'
    first, second = _said(export, [_row(named), _row(other)])
    assert [speaker for speaker, _ in first] == ["Aisha Begum", "Tom Reid"]
    assert [speaker for speaker, _ in second] == [None]


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return Workspace(make_settings(tmp_path / "data", our_company="DriveDesk"))


@pytest.mark.parametrize("export", EXPORTS, ids=lambda e: e.name)
def test_the_summary_counts_every_buyer_quote_of_every_note(
    export: Export, workspace: Workspace
) -> None:
    """Named quotes too (they had been counted as turns: "2 speakers, 5 turns, 1 buyer
    quote"), and a note's own lines are its notes, whoever signed them."""
    one = 'Ridgeway - lost to Instructa. Mike Dunn: "Instructa\'s half the price for us."'
    rows = [_row(_note("Also:")), _row(one), _row("Sent the pricing sheet. No reply yet.")]
    try:
        results = ingest_bytes(workspace, export.csv(rows), "notes.csv", analyse=False)
        with workspace.session() as db:
            stored = [
                db.query(Utterance).filter_by(call_id=result.call_id, role="buyer").count()
                for result in results
            ]
    finally:
        workspace.close()
    assert stored == [2, 1, 0]
    for result, quotes in zip(results, stored, strict=True):
        told = result.understood or ""
        assert "turn" not in told and "note" in told
        assert (f"{quotes} buyer quote" in told) == bool(quotes)
