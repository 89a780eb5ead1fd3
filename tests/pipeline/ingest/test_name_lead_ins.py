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


# A name alone as a list item, its quote the next item, in three trades; the item after the
# quote is the rep's again.
LABEL_ITEMS = {
    "vets.md": (
        "# Larkspur Vets - discovery\nDate: 2026-05-04\n"
        "Attendees: Nora Pike (Pawplan); Gail Moss, Owen Reyes (Larkspur Vets)\n\n"
        "- Three vets, one nurse on reception.\n- Owen:\n"
        '- "If the reminders can\'t go by text, the owners will never read them."\n'
        "- Owen is away at a conference in June.\n",
        "Owen Reyes",
        "If the reminders can't go by text, the owners will never read them.",
        "Owen is away at a conference in June.",
    ),
    "warehouse.md": (
        "# Northgate Logistics - call notes\nDate: 2026-05-06\n"
        "Attendees: Nora Pike (Rackwise); Imran Shah (Northgate Logistics)\n\n"
        "* Two sites, 4,000 pallet spaces.\n* Imran:\n"
        "  “We count the racking on a clipboard every Friday and it's wrong by Monday.”\n"
        "* Sent the scanner spec sheet.\n",
        "Imran Shah",
        "We count the racking on a clipboard every Friday and it's wrong by Monday.",
        "Sent the scanner spec sheet.",
    ),
    "accountants.md": (
        "# Pennant & Vale - intro\nDate: 2026-05-08\n"
        "Attendees: Nora Pike (Ledgerlight); Priti Rao, Tom Vale (Pennant & Vale)\n\n"
        "- Twelve partners, payroll for 300 clients.\n- Priti:\n\n"
        '- "January is a nightmare, we can\'t take on a new system before the tax deadline."\n'
        "- Follow up after 31 January.\n",
        "Priti Rao",
        "January is a nightmare, we can't take on a new system before the tax deadline.",
        "Follow up after 31 January.",
    ),
}


@pytest.mark.parametrize("filename", sorted(LABEL_ITEMS))
def test_a_name_alone_over_a_quoted_item_says_who_speaks_it(
    workspace: Workspace, filename: str
) -> None:
    """Walk 3: "Lucy:" as an item before her quote had been a rep note of its own, and the
    quote under it nobody's."""
    text, speaker, quote, after = LABEL_ITEMS[filename]
    ingest_bytes(workspace, text.encode(), filename, analyse=False)
    with workspace.session() as db:
        rows = db.execute(
            select(Utterance.text, Utterance.speaker, Utterance.role).order_by(Utterance.seq)
        ).all()
    workspace.close()
    assert (quote, speaker, "buyer") in rows
    assert (after, None, "rep_note") in rows  # the label reaches its quote only
    assert not any(row.text.rstrip(":") == speaker.split()[0] for row in rows), rows
