"""A "Summary" a rep writes at the top of their notes is their record of the account, stored
as a note like the rest; what ingest keeps aside on purpose (a meeting tool's summary beside a
transcript, a notes template's agenda) is named in the upload's result, never dropped silently.

Why: a rep's Markdown notes opening "## Summary / Wholesale fish supplier to ~120
restaurants…" had been read as a meeting tool's summary: kept out of the notes, and the upload
said nothing of it."""

from __future__ import annotations

import json

import pytest
from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Utterance
from pipeline.workspace import Workspace

VET = """# Riverbend Vets - discovery notes

**Date:** 2026-03-04
**Account:** Riverbend Veterinary Group

## Summary
Three-site small animal practice, 14 vets. Reception books everything by phone.

## What they said
- Front desk double-books the Monday surgery list every week.
"""

WAREHOUSE = """# Kestrel Storage - call notes
Date: 2026-03-06
Account: Kestrel Storage Ltd

SUMMARY
Bonded warehouse near Felixstowe, 40 staff on two shifts.
Pickers work from printed lists.

Pain: stock counts are a week behind the system.
"""

SALON = """## Glow & Go Salons
**Date:** 12 March 2026
**Account:** Glow & Go

### Summary:
- Four salons in Leeds, 22 stylists
- Owner Priya books the rota herself on Sundays

Objection - price: the card fee on deposits already eats into margins.
"""

# A plumber's notes: the call was on Zoom (a field) and the title says "close" and "copper",
# words some tools are named; the summary is still the rep's.
PLUMBER = """# Copper & Sons Plumbing - close plan
**Date:** 2026-03-14
**Location:** Zoom

## Summary
Six vans, two apprentices. Jobs booked on a whiteboard in the yard.

- Quotes go out late because the office types them up at night.
"""

CASES = {
    "plumber.md": (PLUMBER, ["Six vans, two apprentices."]),
    "vet.md": (VET, ["Three-site small animal practice, 14 vets."]),
    "warehouse.txt": (WAREHOUSE, ["Bonded warehouse near Felixstowe", "printed lists"]),
    "salon.md": (SALON, ["Four salons in Leeds, 22 stylists", "books the rota herself"]),
}


@pytest.mark.parametrize("filename", sorted(CASES))
def test_a_reps_summary_atop_their_notes_is_stored_as_their_record(
    workspace: Workspace, filename: str
) -> None:
    text, written = CASES[filename]
    [result] = ingest_bytes(workspace, text.encode(), filename, analyse=False)
    assert result.status == "created"
    with workspace.session() as db:
        stored = db.execute(
            select(Utterance.text, Utterance.role, Utterance.note_kind).order_by(Utterance.seq)
        ).all()
    workspace.close()
    for words in written:
        [(_text, role, kind)] = [row for row in stored if words in row.text]
        assert (role, kind) == ("rep_note", "record")
    assert len(stored) >= 2  # the notes under the summary are kept too


def test_what_is_kept_aside_on_purpose_is_named_in_the_upload_result(
    workspace: Workspace,
) -> None:
    """A meeting tool's summary above a transcript, and an accounting firm's agenda, are read
    and kept aside: the result says so."""
    transcript = (
        "Ledgerwise <> Hollis & Co Accountants\nDate: 2026-03-09\n\nSummary\n"
        "Hollis & Co reviewed the practice plan for nine partners.\n\nTranscript\n"
        "Mara Lind: Thanks for making time, how is year end going?\n"
        "Tom Hollis: Busy. Honestly the per-seat price is the sticking point.\n"
        "Mara Lind: Understood, partners on read-only seats are free.\n"
    )
    notes = (
        "# Hollis & Co - follow-up\nDate: 2026-03-11\n\n## Agenda\n- Pricing\n- Migration\n\n"
        "## Notes\n- Tom worries the migration lands in tax season.\n"
    )
    [told] = ingest_bytes(workspace, transcript.encode(), "hollis.txt", analyse=False)
    [agenda] = ingest_bytes(workspace, notes.encode(), "hollis-notes.md", analyse=False)
    workspace.close()
    assert "the meeting tool's summary (1 line) kept aside, not analysed" in (told.understood or "")
    assert "the agenda (2 lines) kept aside, not analysed" in (agenda.understood or "")


def _sentences(*lines: tuple[str, str]) -> list[dict[str, object]]:
    return [
        {"speaker_name": name, "text": text, "start_time": 4.0 * index}
        for index, (name, text) in enumerate(lines)
    ]


def test_a_recorders_json_summary_is_kept_aside_and_named(workspace: Workspace) -> None:
    """A recorder's JSON export with its own summary beside the sentences (a kennel's and a
    salon's calls): the summary is no one's words, kept in the call's record and named."""
    kennel = {
        "title": "Barkside Kennels <> Pawplan",
        "sentences": _sentences(
            ("Ivo Grant", "Thanks for joining, how many runs do you have?"),
            ("Lena Shaw", "Forty runs, and the booking diary is a mess at Christmas."),
        ),
        "summary": {
            "overview": "Barkside reviewed online booking for forty runs.",
            "action_items": "Ivo Grant: send the deposit terms\nLena Shaw: ask the owner",
            "keywords": ["deposits", "Christmas"],
        },
    }
    salon = {
        "title": "Shear Joy <> Pawplan",
        "sentences": _sentences(
            ("Ivo Grant", "What do you use for the rota today?"),
            ("Cass Moor", "A wall chart, and the no-shows cost us every Saturday."),
        ),
        "overview": "Shear Joy wants reminders to cut no-shows.",
    }
    results = [
        ingest_bytes(workspace, json.dumps(document).encode(), name, analyse=False)
        for name, document in (("kennel.json", kennel), ("salon.json", salon))
    ]
    with workspace.session() as db:
        texts = db.scalars(select(Utterance.text)).all()
    workspace.close()
    told = [result.understood or "" for [result] in results]
    assert "the meeting tool's summary (5 lines) kept aside, not analysed" in told[0]
    assert "the meeting tool's summary (1 line) kept aside, not analysed" in told[1]
    assert not any("Barkside reviewed" in text or "Shear Joy wants" in text for text in texts)


@pytest.mark.parametrize(
    ("wrap", "buyer_said", "overview"),
    [  # walk 6: an API answer's summary nested under "data.transcript" was dropped silently
        (("data", "transcript"), "We key every fuel receipt by hand.", "Fleet of 12 trucks."),
        (("data",), "Our vet chart lives on paper cards.", "Clinic of three vets."),
        (("meeting", "details"), "Half our tables no-show on Fridays.", "Bistro of 40 covers."),
    ],
)
def test_a_summary_nested_with_the_call_is_kept_aside_and_named(
    workspace: Workspace, wrap: tuple[str, ...], buyer_said: str, overview: str
) -> None:
    call: dict[str, object] = {
        "title": "Any Account <> Pawplan",
        "sentences": _sentences(
            ("Ivo Grant", "How do you do it today?"), ("Lena Shaw", buyer_said)
        ),
        "summary": {"overview": overview, "action_items": "Ivo Grant: send pricing"},
    }
    document: dict[str, object] = call
    for key in reversed(wrap):
        document = {key: document}
    [result] = ingest_bytes(workspace, json.dumps(document).encode(), "call.json", analyse=False)
    with workspace.session() as db:
        texts = db.scalars(select(Utterance.text)).all()
    workspace.close()
    assert "the meeting tool's summary (2 lines) kept aside, not analysed" in (
        result.understood or ""
    )
    assert buyer_said in texts and not any(overview in text for text in texts)


def test_a_summary_under_a_tools_header_stays_the_tools(workspace: Workspace) -> None:
    """The same "Summary" under a meeting tool's banner is the tool's words: kept aside and
    named, as beside a transcript (a dental clinic's recap saved alone)."""
    recap = (
        "Fathom - Brightsmile Dental <> Chairly\nDate: 2026-03-12\n\nSummary\n"
        "Brightsmile compared Chairly with their paper recall list.\n\n"
        "- Dr. Osei asked how reminders reach patients without smartphones.\n"
    )
    [result] = ingest_bytes(workspace, recap.encode(), "brightsmile.txt", analyse=False)
    with workspace.session() as db:
        texts = db.scalars(select(Utterance.text)).all()
    workspace.close()
    assert not any("paper recall list" in text for text in texts)
    assert "the meeting tool's summary (1 line) kept aside" in (result.understood or "")
