"""A meeting tool's lines about the meeting (a report's banner, a calendar event's chips, when
the transcription ended) are metadata, never speech."""

from __future__ import annotations

from pipeline.ingest import parse_file

REPORT = """Ovenware <> Kettle Lane Bakery | Discovery
Tuesday, May 5, 2026 · 9:00 AM EST · 22 mins
Scribe Meeting Report

Participants
Odile Marchetti, Rufus Penhallow

Summary
Kettle Lane wants to stop taking flour orders by phone.

Transcript
Odile Marchetti (00:00:04)
Thanks for the time, Rufus.

Rufus Penhallow (00:00:09)
Phone orders eat my mornings.
"""

CALENDAR_NOTES = """# Ovenware / Kettle Lane Bakery - Demo
Invited Odile Marchetti Rufus Penhallow ines@kettlelane.example
Attachments Ovenware / Kettle Lane Bakery - Demo
Meeting records Transcript Recording

Odile Marchetti: Thanks for joining, Rufus.
Rufus Penhallow: Phone orders eat my mornings.
Odile Marchetti: Then the app is for you.
Transcription ended after 00:07:12
"""


def _said(data: str, name: str) -> list[tuple[str | None, str]]:
    [call] = parse_file(data.encode(), name)
    return [(u.speaker, u.text) for u in call.utterances]


def test_a_reports_banner_and_participants_are_no_speech() -> None:
    [call] = parse_file(REPORT.encode(), "report.txt")
    assert [(u.speaker, u.text) for u in call.utterances] == [
        ("Odile Marchetti", "Thanks for the time, Rufus."),
        ("Rufus Penhallow", "Phone orders eat my mornings."),
    ]
    assert [p.name for p in call.people] == ["Odile Marchetti", "Rufus Penhallow"]
    # The user is told the tool's summary was read and left out.
    assert call.notice is not None and "summary" in call.notice


def test_calendar_chips_and_the_transcriptions_end_are_no_speech() -> None:
    assert _said(CALENDAR_NOTES, "notes.md") == [
        ("Odile Marchetti", "Thanks for joining, Rufus."),
        ("Rufus Penhallow", "Phone orders eat my mornings."),
        ("Odile Marchetti", "Then the app is for you."),
    ]


def test_speech_that_opens_with_the_same_words_is_kept() -> None:
    lines = "Rufus Penhallow: Hi.\nOdile Marchetti: Hello.\nAttachments are a pain for our staff.\n"
    assert _said(lines, "call.txt")[-1] == (
        "Odile Marchetti",
        "Hello. Attachments are a pain for our staff.",
    )
