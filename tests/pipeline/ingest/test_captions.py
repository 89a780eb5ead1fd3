"""Captions with no speaker: YouTube's auto-captions (no punctuation, lines filled to a width,
each cue overlapping the next) are split where a line ends before it is full, at a sound tag
and at a pause; punctuated captions at their sentences. Never a fixed number of words, and no
piece is anyone's (two had held both sides of a call). Invented calls in the tools' layouts."""

from __future__ import annotations

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall


def _srt(lines: list[str], *, step: float = 2.6, length: float = 3.2) -> bytes:
    """An SRT of one line per cue, each starting ``step`` after the last (YouTube's rolling
    captions overlap: each lasts longer than the step)."""
    blocks = []
    for index, line in enumerate(lines):
        start, end = index * step, index * step + length
        blocks.append(f"{index + 1}\n{_time(start)} --> {_time(end)}\n{line}\n")
    return "\n".join(blocks).encode()


def _time(seconds: float) -> str:
    whole = int(seconds)
    millis = round((seconds - whole) * 1000)
    return f"00:{whole // 60:02d}:{whole % 60:02d},{millis:03d}"


def _said(call: ParsedCall) -> list[str]:
    return [u.text for u in call.utterances]


AUTO_CAPTIONS = [
    "right now we schedule the techs from a",
    "whiteboard and every morning somebody",
    "has to call each of them",
    "got it so the dispatch board shows every",
    "tech on one screen and they get the job",
    "on their phone",
    "[Music]",
    "how much is it per tech",
    "it's forty a month per technician with",
    "the mobile app included",
    "that's more than we pay for the whole",
    "crm honestly",
]


def test_auto_captions_split_where_a_line_ends_early_and_at_sounds() -> None:
    [call] = parse_file(_srt(AUTO_CAPTIONS), "captions.srt")
    assert _said(call) == [
        "right now we schedule the techs from a whiteboard and every morning somebody has to "
        "call each of them",
        "got it so the dispatch board shows every tech on one screen and they get the job on "
        "their phone",
        "how much is it per tech",
        "it's forty a month per technician with the mobile app included",
        "that's more than we pay for the whole crm honestly",
    ]
    assert {(u.speaker, u.role) for u in call.utterances} == {(None, "unknown")}
    assert [u.start_seconds for u in call.utterances][:3] == [0.0, 7.8, 18.2]


def test_punctuated_captions_split_at_sentences_and_pauses() -> None:
    data = (
        b"1\n00:00:00,000 --> 00:00:04,000\nWe schedule the techs from a whiteboard. How much\n\n"
        b"2\n00:00:04,000 --> 00:00:06,000\nis it per tech?\n\n"
        b"3\n00:00:09,000 --> 00:00:12,000\nforty a month per technician\n\n"
        b"4\n00:00:12,100 --> 00:00:14,000\nwith the app included\n"
    )
    [call] = parse_file(data, "captions.srt")
    assert [(u.start_seconds, u.text) for u in call.utterances] == [
        (0.0, "We schedule the techs from a whiteboard."),
        (0.0, "How much is it per tech?"),
        (9.0, "forty a month per technician with the app included"),  # after a 3 s pause
    ]


def test_named_captions_keep_their_speakers() -> None:
    """Descript writes the name into each caption: turns, not phrases."""
    data = (
        b"1\n00:00:00,500 --> 00:00:03,000\nNora Vance: Thanks Eli. You use a whiteboard?\n\n"
        b"2\n00:00:03,200 --> 00:00:06,000\nEli Park: Yeah, and a group text.\n\n"
        b"3\n00:00:06,000 --> 00:00:08,000\nEli Park: [laughs] It's a mess.\n"
    )
    [call] = parse_file(data, "descript.srt")
    assert [(u.speaker, u.text) for u in call.utterances] == [
        ("Nora Vance", "Thanks Eli. You use a whiteboard?"),
        ("Eli Park", "Yeah, and a group text. [laughs] It's a mess."),
    ]
