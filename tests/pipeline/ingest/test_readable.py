"""Free text that is neither a conversation nor a note is refused; every real export and
example still reads, and what was understood is reported."""

from __future__ import annotations

import pytest

from pipeline.errors import BadInput
from pipeline.ingest.parse import SUPPORTED_EXTENSIONS, read_calls
from pipeline.ingest.readable import notes_written, understood
from tests.conftest import ROOT

FIXTURE_DIRS = [
    ROOT / "tests" / "fixtures" / "real",
    ROOT / "examples" / "calls",
    ROOT / "examples" / "docx_src",
    ROOT / "tests" / "pipeline" / "ingest" / "fixtures",
]


@pytest.mark.parametrize(
    "text",
    ["hello there this is not a transcript", "asdf", "Dana: the price is too high"],
)
def test_text_that_is_neither_is_refused(text: str) -> None:
    with pytest.raises(BadInput, match="does not read as a conversation or a note") as info:
        read_calls(text.encode(), "pasted-transcript.txt")
    assert info.value.filename == "pasted-transcript.txt"


@pytest.mark.parametrize(
    "text",
    [
        "Call with Dana. Price too high for them this year.",  # a short CRM note: two sentences
        "Dana said the licence is more than they budgeted and wants a monthly plan instead",
        "Date: 2026-03-02\nAccount: Brightside\nPrice too high",  # a header makes it a note
        "Maya: How is the rota going?\nDana: Honestly the price is too high for us.",
    ],
)
def test_short_notes_and_conversations_are_kept(text: str) -> None:
    [call] = read_calls(text.encode(), "pasted-transcript.txt")
    assert call.utterances


def test_every_real_export_and_example_still_reads() -> None:
    files = [
        p
        for folder in FIXTURE_DIRS
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.suffix.lower() in SUPPORTED_EXTENSIONS
    ]
    assert len(files) > 60
    refused = []
    for path in files:
        try:
            read_calls(path.read_bytes(), path.name)
        except BadInput as exc:
            if "does not read as" in exc.detail:
                refused.append(path.name)
    assert refused == []


def test_what_was_understood() -> None:
    text = "Maya: How is the rota going?\nDana: Too pricey.\nMaya: Fair.\n"
    [call] = read_calls(text.encode(), "t.txt")
    assert understood(call.utterances).describe() == "2 speakers, 3 turns"
    [note] = read_calls(b"Call with Dana. Price too high.", "n.txt")
    assert understood(note.utterances).describe() == "1 note"
    # Captions without speakers are no one's notes; a quote column with no name is the buyer's.
    captions = b"0:00:01.000,0:00:03.000\nIt costs too much.\n\n0:00:03.000,0:00:05.000\nBye.\n"
    [said] = read_calls(captions, "walkthrough.sbv")
    assert understood(said.utterances).describe() == "2 passages, speaker unknown"
    log = b'Account,Notes,Buyer quote\nBolt Gym,"Demo went well.","It costs too much."\n'
    [row] = read_calls(log, "log.csv")
    assert understood(row.utterances).describe() == "1 note, 1 buyer quote"


HUBSPOT = (
    '"Record ID","Activity date","Activity assigned to","Note body","Associated Company"\n'
    '"411","2026-10-12 14:05","Owen Pryce","<p>Call w/ Declan Furlong (owner), Inishcorr '
    'Boatyard. 140 berths.</p><p>Declan: ""the hoist diary is a copybook in the shed""</p>'
    '<p>Declan: ""we are paid up with Tidemark till January""</p><p>Declan: ""do ye price in '
    'euro?""</p><p>Send EUR pricing. f/u Jan.</p>","Inishcorr Boatyard"\n'
    '"412","2026-10-19 16:40","Jordan Ames","<p>Discovery w/ Lisa Moretti (GM), Harbor Point '
    'Marina.</p><p>Lisa: ""July 4th weekend we had guys rafted three deep""</p><p>Liked it. '
    'Demo for the owner Nov 3.</p>","Harbor Point Marina"\n'
    '"413","2026-10-29 11:15","Jordan Ames","<p>Closed lost to YardHand.</p><p>Tom said '
    'they wanted one contract for all three yards.</p>","Great Bay Marine"\n'
)


def test_each_row_of_a_notes_export_is_told_as_its_own_note() -> None:
    """Each row is one note: its paragraphs and the labels before its quotes ("Declan:") had
    counted a note each, so every row read "5 notes, 3 buyer quotes", as if it told the file."""
    rows = read_calls(HUBSPOT.encode(), "hubspot_notes.csv")
    told = [understood(row.utterances).describe() for row in rows]
    assert told == ["1 note, 3 buyer quotes", "1 note, 1 buyer quote", "1 note"]


def test_a_recap_is_one_note_and_turns_around_notes_part_them() -> None:
    recap = (
        b"# Stanmouth Harbour discovery call\n\nDate: 4 November 2026\n\n## Context\n\n"
        b"Council-run harbour: 180 moorings, permits on paper.\n\n## Concerns\n\n"
        b'- Simon said "anything over five thousand a year goes to a three-quote exercise".\n'
        b"- Simon asked whether Berthwise is on G-Cloud.\n"
        b'- Simon said "we would need the DPIA before it goes to a committee".\n'
    )
    [call] = read_calls(recap, "recap.md")
    assert understood(call.utterances).describe() == "1 note, 2 buyer quotes"
    assert notes_written(["note", "quote", "note", "turn", "turn", "note"]) == 2
    assert notes_written(["quote", "quote", "turn"]) == 0  # a quote column alone is no note
    assert notes_written(["unspoken_for", "note", "unspoken_for", "note"]) == 2
