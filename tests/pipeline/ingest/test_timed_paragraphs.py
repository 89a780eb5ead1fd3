"""A time leading a turn's text or a paragraph (Sonix: ``Name: [00:00:36] text``) is the
turn's start, never its words; a transcription service's advert under the speech is no one's
words. Invented people, in the tools' layouts."""

from __future__ import annotations

import io

import docx

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

SONIX_TURNS = [
    ("Ana Ruiz", "00:00:02", "Thanks for the time today, Theo."),
    ("Theo Brandt", "00:00:06", "Sure. Our dispatch runs on a shared spreadsheet right now."),
    ("Theo Brandt", "00:00:15", "Honestly the price per technician is my worry."),
    ("Ana Ruiz", "00:00:21", "Most shops your size start on the team plan."),
    ("Theo Brandt", "00:00:29", "Okay, send me the order form."),
]
SONIX_ADVERT = [
    "Automatically convert your audio files to text with Sonix. Sonix is the best online, "
    "automated transcription service.",
    "Sonix has many features that you'd love including collaboration tools and share links. "
    "Try Sonix today.",
]


def _sonix_docx() -> bytes:
    """Sonix's Word export: the speaker in bold, then the time in brackets, then the words."""
    document = docx.Document()
    document.add_heading("Harbor HVAC call.mp3", level=1)
    for speaker, time, text in SONIX_TURNS:
        paragraph = document.add_paragraph()
        paragraph.add_run(f"{speaker}: ").bold = True
        paragraph.add_run(f"[{time}] {text}")
    document.add_paragraph("")
    for line in SONIX_ADVERT:
        document.add_paragraph(line)
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _turns(call: ParsedCall) -> list[tuple[str | None, float | None, str]]:
    return [(u.speaker, u.start_seconds, u.text) for u in call.utterances]


def test_sonix_docx_times_are_starts_and_its_advert_is_no_ones() -> None:
    [call] = parse_file(_sonix_docx(), "harbor.docx")
    assert _turns(call) == [
        ("Ana Ruiz", 2.0, "Thanks for the time today, Theo."),
        ("Theo Brandt", 6.0, "Sure. Our dispatch runs on a shared spreadsheet right now."),
        ("Theo Brandt", 15.0, "Honestly the price per technician is my worry."),
        ("Ana Ruiz", 21.0, "Most shops your size start on the team plan."),
        ("Theo Brandt", 29.0, "Okay, send me the order form."),
    ]
    assert SONIX_ADVERT[1] in call.extra["header_lines"]


def test_a_timed_paragraph_under_a_turn_is_the_same_speakers_next() -> None:
    text = (
        "Ana Ruiz: [00:00:02] Thanks for the time today, Theo.\n\n"
        "Theo Brandt: (00:00:06) Sure. Our dispatch runs on a shared spreadsheet right now.\n\n"
        "00:00:15 Honestly the price per technician is my worry, it adds up.\n\n"
        "Ana Ruiz: 00:00:21 Most shops your size start on the team plan.\n\n"
        "Theo Brandt: 10:30 works for me tomorrow.\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert _turns(call) == [
        ("Ana Ruiz", 2.0, "Thanks for the time today, Theo."),
        ("Theo Brandt", 6.0, "Sure. Our dispatch runs on a shared spreadsheet right now."),
        ("Theo Brandt", 15.0, "Honestly the price per technician is my worry, it adds up."),
        ("Ana Ruiz", 21.0, "Most shops your size start on the team plan."),
        ("Theo Brandt", None, "10:30 works for me tomorrow."),  # a time of day, said
    ]


def test_speech_about_transcription_is_still_speech() -> None:
    text = (
        "Ana Ruiz  0:02\nDoes it transcribe the calls automatically?\n\n"
        "Theo Brandt  0:05\nTheir transcription is the best in the market, honestly.\n\n"
        "Ana Ruiz  0:09\nWe convert your audio files to text, and it is the best part.\n"
    )
    [call] = parse_file(text.encode(), "otter.txt")
    assert [u.speaker for u in call.utterances] == ["Ana Ruiz", "Theo Brandt", "Ana Ruiz"]
