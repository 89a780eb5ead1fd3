"""A notes page's attendee of ours is its writer, a lead-in naming an attendee gives the quote
after it its speaker (review 24o item 8: "our speakers: -", the quote after "Amir worried about
migration:" said by no one). Invented notes, as a rep writes them in Markdown or Notion."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest.parse import read_calls
from tests.pipeline.ingest.test_note_authors import _ingest

NOTES = """# Thistle Vets – pricing call notes

**Date:** 2026-05-06
**Attendees:** Rosa Quill (Pawfile); Gareth Hume (Practice Manager, Thistle Vets), \
Maya Osei (Owner, Thistle Vets)

## Notes

- Gareth's team books reminders by hand every Monday.
- Maya worried about the switch: "we've got ten years of records in there and I can't lose them".
- Gareth, on price - "forty a vet is more than we pay now".
- Maya: "if it's live before the winter rush, we'll sign".
"""


@pytest.fixture
def stored(tmp_path: Path) -> tuple[list[str], list[tuple[str | None, str, str]]]:
    return _ingest(tmp_path, NOTES, company="Pawfile", filename="thistle_notes.md")


def test_the_attendee_of_ours_writes_the_notes(
    stored: tuple[list[str], list[tuple[str | None, str, str]]],
) -> None:
    ours, lines = stored
    assert ours == ["Rosa Quill"]
    assert {speaker for speaker, role, _ in lines if role == "rep_note"} == {"Rosa Quill"}


def test_a_lead_in_naming_an_attendee_gives_the_quote_its_speaker(
    stored: tuple[list[str], list[tuple[str | None, str, str]]],
) -> None:
    said = {text: speaker for speaker, role, text in stored[1] if role == "buyer"}
    assert said["we've got ten years of records in there and I can't lose them"] == "Maya Osei"
    assert said["forty a vet is more than we pay now"] == "Gareth Hume"
    assert said["if it's live before the winter rush, we'll sign"] == "Maya Osei"


@pytest.mark.parametrize("lead_in", ["Pain point:", "Budget worry -", "Next step:"])
def test_a_lead_in_naming_no_one_names_no_speaker(lead_in: str) -> None:
    note = f'**Attendees:** Rosa Quill (Pawfile)\n\n- {lead_in} "it all has to be on paper".\n'
    [call] = read_calls(note.encode(), "notes.md")
    assert [u.speaker for u in call.utterances if u.role == "buyer"] == [None]
