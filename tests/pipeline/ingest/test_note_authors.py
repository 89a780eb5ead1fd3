"""A recap's writer named in its heading or byline is the rep whose notes they are, the quotes
in them staying the buyer's (review 25a item 3: "Northgate Driving School: demo recap (Ellie
Marsh, 2026-11-03)" had every note said by no one). A heading naming the buyer, the buyer's
company, our product or a tool is no writer. Invented recaps, as reps write them in Markdown."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call, Utterance
from pipeline.workspace import Workspace
from tests.conftest import make_settings

BODY = """
Attendees: Fiona McLeod (owner, Glasgow), Craig McLeod (instructor)

## Situation
- Family school, 5 instructors, two of them part-time.
- Fiona: "I've no idea who owes me what until I sit down with the bank statement."

## Objections
- Price: thinks £12 per instructor is fair but wants the part-timers at a lower rate.
- Craig: "Instructa's diary is slow but it does the job."
"""
QUOTED = {
    "I've no idea who owes me what until I sit down with the bank statement.": "Fiona McLeod",
    "Instructa's diary is slow but it does the job.": "Craig McLeod",
}

Stored = tuple[list[str], list[tuple[str | None, str, str]]]


def _ingest(
    tmp_path: Path,
    text: str,
    metadata: CallMetadata | None = None,
    company: str = "DriveDesk",
    filename: str = "recap.md",
) -> Stored:
    """``(our speakers, (speaker, role, text) per stored line)`` of ``text`` uploaded alone."""
    workspace = Workspace(make_settings(tmp_path / "data", our_company=company))
    try:
        [result] = ingest_bytes(workspace, text.encode(), filename, metadata, analyse=False)
        with workspace.session() as db:
            call = db.get(Call, result.call_id)
            assert call is not None
            lines = db.query(Utterance).filter_by(call_id=call.id).order_by(Utterance.seq)
            return list(call.our_speakers), [(u.speaker, u.role, u.text) for u in lines]
    finally:
        workspace.close()


def _quotes_kept(lines: list[tuple[str | None, str, str]]) -> None:
    assert {text: speaker for speaker, role, text in lines if role == "buyer"} == QUOTED


@pytest.mark.parametrize(
    "top",
    [
        "# Northgate Driving School: demo recap (Ellie Marsh, 2026-11-03)",
        "# Northgate demo (Ellie Marsh · 3 Nov 2026)",
        "# Call with Fiona McLeod — notes by Ellie Marsh",
        "# Northgate Driving School demo\n\nAuthor: Ellie Marsh\nDate: 2026-11-03",
        "# Northgate Driving School demo\n\n**Notes by:** Ellie Marsh",
        "# Demo recap written by Ellie Marsh, 3 Nov 2026",
    ],
)
def test_the_writer_a_recap_names_speaks_its_notes(tmp_path: Path, top: str) -> None:
    ours, lines = _ingest(tmp_path, top + "\n" + BODY)
    assert ours == ["Ellie Marsh"]
    notes = [(speaker, text) for speaker, role, text in lines if role != "buyer"]
    assert notes and all(speaker == "Ellie Marsh" for speaker, _ in notes)
    assert {role for _, role, _ in lines} == {"rep_note", "buyer"}
    _quotes_kept(lines)


def test_a_first_name_byline_is_our_rep_named_in_full(tmp_path: Path) -> None:
    """The manifest names our rep; the heading's "Ellie" is her."""
    top = "# Northgate demo recap (Ellie, 2026-11-03)"
    given = CallMetadata(our_speakers=["Ellie Marsh"])
    ours, lines = _ingest(tmp_path, top + "\n" + BODY, given)
    assert ours == ["Ellie Marsh"]
    assert {speaker for speaker, role, _ in lines if role == "rep_note"} == {"Ellie Marsh"}
    _quotes_kept(lines)


@pytest.mark.parametrize(
    ("top", "named"),
    [
        # the buyer: quoted in the notes, or listed as met
        ("# Northgate demo recap (Fiona McLeod, 2026-11-03)", "Fiona McLeod"),
        ("# Northgate demo recap (Craig, 2026-11-03)", "Craig"),
        (
            "# Northgate demo recap (Linda Bell, 2026-11-03)\nAttendees: Linda Bell (office)",
            "Linda Bell",
        ),
        # the buyer's company, our product, a note-taking tool
        ("# Demo recap (Northgate Driving School, 2026-11-03)", "Northgate Driving School"),
        ("# Northgate demo recap (DriveDesk, 2026-11-03)", "DriveDesk"),
        ("# Northgate demo: notes by Gemini", "Gemini"),
        # a date beside the buyer's company with a person's first word
        ("# Demo recap (Sandra Okafor Ltd, 2026-11-03)", "Sandra Okafor Ltd"),
    ],
)
def test_a_heading_naming_no_writer_of_ours_leaves_the_notes_unsigned(
    tmp_path: Path, top: str, named: str
) -> None:
    ours, lines = _ingest(tmp_path, top + "\n" + BODY)
    assert named not in ours
    assert {speaker for speaker, role, _ in lines if role == "rep_note"} == {None}
    _quotes_kept(lines)


def test_a_writer_other_than_the_reps_given_is_not_taken(tmp_path: Path) -> None:
    """The manifest says Jordan Reyes sold; a name beside the date is then no writer of ours."""
    top = "# Northgate demo recap (Ellie Marsh, 2026-11-03)"
    ours, lines = _ingest(tmp_path, top + "\n" + BODY, CallMetadata(our_speakers=["Jordan Reyes"]))
    assert ours == ["Jordan Reyes"]
    assert {speaker for speaker, role, _ in lines if role == "rep_note"} == {None}
    _quotes_kept(lines)


def test_a_writer_listed_among_the_attendees_at_our_company_is_still_the_writer(
    tmp_path: Path,
) -> None:
    """Reps list themselves too; at our company (``our_company``) they are no buyer."""
    top = "# Northgate demo recap (Ellie Marsh, 2026-11-03)\nAttendees: Ellie Marsh (DriveDesk)"
    ours, lines = _ingest(tmp_path, top + "\n" + BODY)
    assert ours == ["Ellie Marsh"]
    assert {speaker for speaker, role, _ in lines if role == "rep_note"} == {"Ellie Marsh"}
    _quotes_kept(lines)
