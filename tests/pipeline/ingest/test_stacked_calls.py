"""Several calls in one text file (``stacked``): split at a repeated header block, never at a
heading or a footer inside one call.

Why: two Clari Copilot transcripts separated by ``====`` had become one won call; the lost
call's objections were filed under the won account and its header became a mention.

Fixtures: invented people and companies (Vetora sells clinic scheduling to vet practices), in
the layouts of Clari Copilot, Chorus, Otter, Google Meet and Zoom text exports (one also saved
as Word) and of a rep's notes file.
"""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import docx
import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace
from tests.conftest import make_settings

OURS = ("Vetora",)


def _clari(account: str, when: str, buyer: str, outcome: str, lines: list[str]) -> str:
    turns = "\n".join(f"[00:00:{5 * i:02d}] {line}" for i, line in enumerate(lines))
    return (
        "Clari Copilot — Call Transcript\n"
        f"{account} <> Vetora | Pricing call\n"
        f"{when}, 10:00 AM EDT · 15 min\n"
        f"Participants: Hana Sato (Vetora), {buyer} ({account})\n"
        f"Outcome: {outcome}\n\n{turns}\n"
    )


WON = _clari(
    "Maplewood Animal Clinic",
    "Feb 3, 2026",
    "Owen Pike",
    "Closed Won",
    [
        "Hana Sato: Hi Owen, I have the revised quote here.",
        "Owen Pike: Our front desk double-books surgery slots every week.",
        "Hana Sato: The booking rules stop that on day one.",
        "Owen Pike: Good, send the order form.",
    ],
)
LOST = _clari(
    "Birchfield Equine Vets",
    "Feb 4, 2026",
    "Rosa Quint",
    "Closed Lost",
    [
        "Hana Sato: Hi Rosa, where did you land?",
        "Rosa Quint: The per-seat price is more than our locum budget allows this year.",
        "Hana Sato: Understood, I'll check back in the spring.",
    ],
)


def _parse_bytes(data: bytes, name: str) -> list[ParsedCall]:
    return parse_file(data, name, our_companies=OURS)


def _parse(text: str, name: str = "calls.txt") -> list[ParsedCall]:
    return _parse_bytes(text.encode(), name)


def _texts(call: ParsedCall) -> list[str]:
    return [u.text for u in call.utterances]


@pytest.mark.parametrize("separator", ["=" * 40, "-" * 12, "* * *", "\f", "Transcript 2", ""])
def test_clari_exports_one_after_another_are_two_calls(separator: str) -> None:
    first, second = _parse(f"{WON}\n{separator}\n\n{LOST}")
    assert (first.call_date, first.outcome) == (dt.date(2026, 2, 3), "won")
    assert (second.call_date, second.outcome) == (dt.date(2026, 2, 4), "lost")
    assert first.account == "Maplewood Animal Clinic"
    assert second.account == "Birchfield Equine Vets"
    assert {p.name for p in second.people} == {"Hana Sato", "Rosa Quint"}
    assert _texts(first)[-1] == "Good, send the order form."
    assert _texts(second)[0] == "Hi Rosa, where did you land?"
    for call in (first, second):  # no header line, rule or label is anyone's words
        assert not [t for t in _texts(call) if "Clari" in t or "Outcome" in t or "===" in t]
        assert "Transcript 2" not in _texts(call)


def test_two_calls_saved_in_one_word_document_are_two_calls() -> None:
    document = docx.Document()
    for text in (WON, LOST):
        for line in text.splitlines():
            document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    first, second = _parse_bytes(buffer.getvalue(), "clari.docx")
    assert [first.outcome, second.outcome] == ["won", "lost"]
    assert second.account == "Birchfield Equine Vets"
    assert _texts(second)[0] == "Hi Rosa, where did you land?"


def _chorus(account: str, when: str, buyer: str, said: str) -> str:
    return (
        f"{account} <> Vetora | Discovery\nChorus.ai Meeting Transcript\n"
        f"Date: {when} 10:02 AM CDT\nDuration: 31 min\n"
        f"Participants: Hana Sato (Vetora), {buyer} ({account})\n\n"
        f"Hana Sato\n00:04\nThanks for making the time today.\n\n{buyer}\n00:09\n{said}\n"
    )


def test_chorus_exports_pasted_without_a_rule_are_two_calls() -> None:
    text = _chorus(
        "Alder Vet Group", "Mar 2, 2026", "Ian Moss", "Reminders go out by hand every night."
    ) + "\n" + _chorus(
        "Crane Pet Hospital", "Mar 9, 2026", "Lea Ward", "We lose a day each month to rota fixes."
    )  # fmt: skip
    first, second = _parse(text)
    assert [first.call_date, second.call_date] == [dt.date(2026, 3, 2), dt.date(2026, 3, 9)]
    assert _texts(first)[-1] == "Reminders go out by hand every night."
    assert [u.speaker for u in second.utterances] == ["Hana Sato", "Lea Ward"]


def _otter(title: str, when: str, buyer: str, said: str) -> str:
    return (
        f"{title}\n{when} • 12:40\n\nSUMMARY KEYWORDS\nbookings, reminders\n\n"
        f"SPEAKERS\n{buyer}, Hana Sato\n\nHana Sato  0:04  \nHi, thanks for joining.\n\n"
        f"{buyer}  0:10  \n{said}\n\nTranscribed by https://otter.ai\n"
    )


def test_otter_exports_concatenated_are_three_calls() -> None:
    text = "\n".join(
        [
            _otter("Vetora / Alder Vet Group", "Tue, Mar 3, 2026 2:03PM", "Ian Moss", "No-shows cost us two slots a day."),  # noqa: E501
            _otter("Vetora / Crane Pet Hospital", "Wed, Mar 4, 2026 9:00AM", "Lea Ward", "Our rota lives in a spreadsheet."),  # noqa: E501
            _otter("Vetora / Dune Equine", "Thu, Mar 5, 2026 4:30PM", "Max Orr", "The board signs off in June."),  # noqa: E501
        ]
    )  # fmt: skip
    calls = _parse(text)
    assert [c.call_date for c in calls] == [dt.date(2026, 3, d) for d in (3, 4, 5)]
    assert [_texts(c)[-1] for c in calls] == [
        "No-shows cost us two slots a day.",
        "Our rota lives in a spreadsheet.",
        "The board signs off in June.",
    ]


def test_zoom_transcripts_with_meeting_headers_are_two_calls() -> None:
    def zoom(topic: str, when: str, buyer: str, said: str) -> str:
        return (
            f"Meeting: {topic}\nDate: {when}\nParticipants: Hana Sato, {buyer}\n\n"
            f"[Hana Sato] 10:00:03\nHello and welcome.\n\n[{buyer}] 10:00:09\n{said}\n"
        )

    text = zoom("Vetora demo - Alder Vet Group", "2026-03-10", "Ian Moss", "Can it text owners?")
    text += "\n" + zoom("Vetora demo - Dune Equine", "2026-03-12", "Max Orr", "Who hosts the data?")
    first, second = _parse(text)
    assert first.title != second.title
    assert [first.call_date, second.call_date] == [dt.date(2026, 3, 10), dt.date(2026, 3, 12)]
    assert _texts(second)[-1] == "Who hosts the data?"


def test_notes_file_with_two_call_blocks_is_two_calls() -> None:
    text = (
        "Call with Ian Moss — Mar 3, 2026\nAttendees: Hana Sato, Ian Moss (Alder Vet Group)\n"
        "- Reminders sent by hand every night\n- Wants a two-way SMS demo\n\n"
        "Call with Lea Ward — Mar 5, 2026\nAttendees: Hana Sato, Lea Ward (Crane Pet Hospital)\n"
        "- Rota in a spreadsheet, weekly fixes\n- Budget set in April\n"
    )
    first, second = _parse(text, "notes.md")
    assert _texts(first) == ["Reminders sent by hand every night", "Wants a two-way SMS demo"]
    assert _texts(second) == ["Rota in a spreadsheet, weekly fixes", "Budget set in April"]


def test_google_meet_transcripts_one_after_another_are_two_calls() -> None:
    def meet(title: str, buyer: str, said: str) -> str:
        return (
            f"{title} - Transcript\nAttendees\nHana Sato, {buyer}\nTranscript\n00:00:00\n \n"
            f"Hana Sato: Morning {buyer.split()[0]}, thanks for joining.\n\n{buyer}: {said}\n"
        )

    text = meet("Vetora x Alder Vet Group (2026-03-20 10:02 GMT)", "Ian Moss", "We need SMS.")
    text += "\n" + meet("Vetora x Dune Equine (2026-03-24 15:00 GMT)", "Max Orr", "Too pricey.")
    first, second = _parse(text)
    assert [first.call_date, second.call_date] == [dt.date(2026, 3, 20), dt.date(2026, 3, 24)]
    assert [u.speaker for u in second.utterances] == ["Hana Sato", "Max Orr"]


# One call each: headings, a footer, a rule under the title, a speaker's repeated lines.
ONE_CALL = {
    "agenda and next steps headings": (
        "Alder Vet Group - discovery\nDate: 2026-03-03\nAttendees: Hana Sato, Ian Moss\n\n"
        "Agenda\n- Booking rules\n- Reminders\n\nHana Sato: Shall we start with reminders?\n"
        "Ian Moss: Reminders go out by hand every night.\n\nNext steps\n- Send the SMS demo\n"
        "Date: 2026-03-10\nAttendees: Hana Sato, Ian Moss, Eve Moss\n"
    ),
    "title repeated in the footer": (
        "Alder Vet Group <> Vetora | Discovery\nDate: Mar 3, 2026\n"
        "Participants: Hana Sato (Vetora), Ian Moss (Alder Vet Group)\n\n"
        "Hana Sato: Shall we start with reminders?\nIan Moss: They go out by hand.\n\n"
        "Alder Vet Group <> Vetora | Discovery\nDate: Mar 3, 2026\n"
    ),
    "rule under the title": (
        "Alder Vet Group - discovery\n==========================\nDate: 2026-03-03\n"
        "Attendees: Hana Sato, Ian Moss\n\nHana Sato: Shall we start with reminders?\n\n"
        "Ian Moss: They go out by hand.\n\n====\n\nHana Sato: Then the SMS demo is for you.\n"
    ),
    "a speaker's lines repeated": (
        "Date: 2026-03-03\nAttendees: Hana Sato, Ian Moss\n\nHana Sato\n00:04\nHello.\n\n"
        "Ian Moss\n00:09\nHello again.\n\nHana Sato\n00:12\nHello.\n\nIan Moss\n00:15\nBye.\n"
    ),
}


@pytest.mark.parametrize("name", sorted(ONE_CALL))
def test_one_call_is_never_split(name: str) -> None:
    (call,) = _parse(ONE_CALL[name])
    assert call.notice is None or "header blocks" not in call.notice


def test_a_repeated_page_header_is_one_call_and_no_ones_words() -> None:
    header = "Alder Vet Group <> Vetora | Discovery\nDate: Mar 3, 2026\nParticipants: Hana Sato, Ian Moss\n"  # noqa: E501
    text = (
        f"{header}\nHana Sato: Shall we start with reminders?\n\n{header}\n"
        "Ian Moss: They go out by hand every night.\n"
    )
    (call,) = _parse(text)
    assert _texts(call) == ["Shall we start with reminders?", "They go out by hand every night."]
    assert call.notice is not None and "2 header blocks found; read as one call" in call.notice


def test_a_block_unlike_the_first_is_one_call_with_a_warning() -> None:
    text = (
        "Alder Vet Group <> Vetora | Discovery\nDate: Mar 3, 2026\n"
        "Participants: Hana Sato, Ian Moss\nOutcome: Closed Won\nDuration: 20 min\n\n"
        "Hana Sato: Shall we start with reminders?\n\n====\n\n"
        "Follow-up with the practice manager\nAccount: Alder Vet Group\n\n"
        "Ian Moss: They go out by hand every night.\n"
    )
    (call,) = _parse(text)
    assert _texts(call) == ["Shall we start with reminders?", "They go out by hand every night."]
    assert call.notice is not None and "2 header blocks found; read as one call" in call.notice
    assert "Account: Alder Vet Group" in call.extra["header_lines"]


def test_each_call_of_the_file_is_stored_once(tmp_path: Path) -> None:
    workspace = Workspace(make_settings(tmp_path, our_company="Vetora"))
    data = f"{WON}\n{'=' * 40}\n\n{LOST}".encode()
    first = ingest_bytes(workspace, data, "clari.txt", CallMetadata(), analyse=False)
    again = ingest_bytes(workspace, data, "clari.txt", CallMetadata(), analyse=False)
    assert [r.status for r in first] == ["created", "created"]
    # Known already ("resumed": stored but, with analyse=False, not analysed yet)
    assert [r.status for r in again] == ["resumed", "resumed"]
    assert [r.call_id for r in again] == [r.call_id for r in first]
