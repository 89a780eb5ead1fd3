"""Google Meet's transcript (Docs, saved as .txt): the title line "A <> B - topic (date time
zone) - Transcript" names the account on whichever side our company is not; the bare
"00:05:00" lines Meet writes every few minutes time every turn until the next one.
Invented people and companies, in Meet's layout."""

from __future__ import annotations

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.settle import read_title

MEET = """{title}
Attendees
Ciara Dunne, Kwame Mensah, Lior Adler
Transcript
{disclaimer}
Lior Adler: Thanks for making time again. Today is the payroll file.
Kwame Mensah: Great. We have about two hundred contractors out at any one time.
00:05:00
Lior Adler: So the contractor submits on the app and the client approves by email.
Ciara Dunne: Each umbrella company wants a different file.
Ciara Dunne: If it doesn't match, we're rekeying.
00:10:00
Kwame Mensah: We're tied into our current system until next spring.
Lior Adler: Understood, I'll send the file spec.
"""

DISCLAIMER = (
    "This editable transcript was computer generated and might contain errors. "
    "People can also change the text after it was created."
)


def _meet(title: str) -> bytes:
    return MEET.format(title=title, disclaimer=DISCLAIMER).encode()


@pytest.mark.parametrize(
    "title",
    [
        "Larkfield Contract Staffing <> Rosterly - pay/bill deep dive (2026-05-12 14:02 BST)"
        " - Transcript",
        "Rosterly <> Larkfield Contract Staffing | pay/bill deep dive - Transcript",
        "Larkfield Contract Staffing / Rosterly: timesheets & invoicing - Transcript",
        "Rosterly x Larkfield Contract Staffing - w/e timesheet review (2026-05-12 09:30 GMT)"
        " - Transcript",
    ],
)
def test_the_meets_title_names_the_other_side_as_the_account(title: str) -> None:
    [call] = parse_file(
        _meet(title),
        "meet.txt",
        our_speakers=["Lior Adler"],
        our_companies=["Rosterly"],
    )
    read_title(call, ["Rosterly"], ["Lior Adler"])  # as ingest does, once our names are known
    assert call.account == "Larkfield Contract Staffing"


def test_turns_between_meets_time_lines_take_the_last_ones_time() -> None:
    title = "Larkfield Contract Staffing <> Rosterly - payroll (2026-05-12 14:02 BST) - Transcript"
    [call] = parse_file(_meet(title), "meet.txt", our_speakers=["Lior Adler"])
    assert [(u.speaker, u.start_seconds) for u in call.utterances] == [
        ("Lior Adler", 0.0),
        ("Kwame Mensah", 0.0),
        ("Lior Adler", 300.0),
        ("Ciara Dunne", 300.0),
        ("Kwame Mensah", 600.0),
        ("Lior Adler", 600.0),
    ]
