"""A bare name before a quote in a rep's note ("Objection - price: Niamh: "…"") only says who
spoke: the rep's label goes with the quote, never with the name.

Why: "Niamh:" had been stored as a note of its own tagged objection/price, beside her quote.
The lead-in stays a row (the labelled sets address sentences by their turn, so removing it
would move every later sentence's address); it carries no kind."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace

NOTES = {
    "vets.md": (
        "# Riverbend Vets - demo\nDate: 2026-04-02\n"
        "Attendees: Sam Hale (Pawplan), Ama Boateng (Riverbend Vets)\n\n"
        'Objection - price: Ama: "Nine pounds a vet is more than our whole phone bill." '
        "Wants it against the missed appointments.\n",
        "Ama Boateng",
        "Nine pounds a vet is more than our whole phone bill.",
        "price",
    ),
    "storage.md": (
        "# Kestrel Storage - call notes\nDate: 2026-04-03\n\n"
        "- Concern - integration: Tomasz (shift lead): \"If it doesn't talk to our WMS the "
        'pickers will ignore it." Sent the API docs.\n',
        None,
        "If it doesn't talk to our WMS the pickers will ignore it.",
        "integrations",
    ),
    "salon.txt": (
        "Glow & Go - follow-up\nDate: 2026-04-05\nAttendees: Leah Moss (Chairly), Priya Shah\n\n"
        "Objection - contract: Priya Shah: “We won't sign for two years with a salon lease "
        "ending next spring.”\n",
        "Priya Shah",
        "We won't sign for two years with a salon lease ending next spring.",
        "contract",
    ),
}


@pytest.mark.parametrize("filename", sorted(NOTES))
def test_a_name_before_a_quote_carries_no_label_of_its_own(
    workspace: Workspace, filename: str
) -> None:
    text, speaker, quote, category = NOTES[filename]
    ingest_bytes(workspace, text.encode(), filename, analyse=False)
    with workspace.session() as db:
        rows = db.execute(
            select(
                Utterance.text,
                Utterance.speaker,
                Utterance.role,
                Utterance.note_kind,
                Utterance.note_category,
            ).order_by(Utterance.seq)
        ).all()
    workspace.close()
    [said] = [row for row in rows if row.text == quote]
    assert (said.role, said.note_kind, said.note_category) == ("buyer", "objection", category)
    if speaker is not None:
        assert said.speaker == speaker
    labelled = [row for row in rows if row.note_kind is not None]
    assert [row.text for row in labelled] == [quote]  # the name before it holds no label
