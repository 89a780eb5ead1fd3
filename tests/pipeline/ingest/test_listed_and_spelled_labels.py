"""Timed speaker labels as list items (Tactiq: ``- 00:04 Name: text``) and times spelled out
(a Teams / Stream page copy: ``Name   0 minutes 3 seconds`` over the text) are timed turns,
as their neighbouring shapes are; both had been one rep's note per line, names and times left
inside the text. Invented calls of four trades (``fixtures/transcripts/README.md``)."""

from __future__ import annotations

import re

import pytest

from pipeline.ingest import parse_file
from tests.pipeline.ingest.conftest import FIXTURES

SHAPES = FIXTURES / "transcripts"

# file -> (speaker, start) of each turn, in order, read by eye from the file
EXPECTED = {
    "tactiq_copperfox_brewing.md": [
        ("Sam Okoro", 0.0), ("Hana Lindqvist", 6.0), ("Sam Okoro", 12.0),
        ("Hana Lindqvist", 31.0), ("Theo Brandt", 38.0), ("Theo Brandt", 47.0),
        ("Sam Okoro", 58.0), ("Hana Lindqvist", 72.0), ("Sam Okoro", 78.0),
        ("Hana Lindqvist", 87.0), ("Theo Brandt", 96.0), ("Sam Okoro", 104.0),
    ],
    "tactiq_hollis_plumbing.txt": [
        ("Ines Halloran", 0.0), ("Gary Hollis", 5.0), ("Ines Halloran", 10.0),
        ("Dee Hollis", 15.0), ("Gary Hollis", 24.0), ("Ines Halloran", 33.0),
        ("Dee Hollis", 46.0), ("Gary Hollis", 53.0), ("Ines Halloran", 63.0),
    ],
    "stream_brookvale_schools.txt": [
        ("Arjun Mehta", 2.0), ("Rosa Delacroix", 9.0), ("Arjun Mehta", 16.0),
        ("Rosa Delacroix", 24.0), ("Kenji Watanabe", 38.0), ("Arjun Mehta", 61.0),
        ("Rosa Delacroix", 72.0), ("Arjun Mehta", 3725.0), ("Kenji Watanabe", 3739.0),
    ],
    "stream_lakeshore_dental_lab.txt": [
        ("Colette Marchand", 4.0), ("Bruno Ferri", 10.0), ("Bruno Ferri", 19.0),
        ("Colette Marchand", 31.0), ("Bruno Ferri", 62.0),
    ],
}  # fmt: skip


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_each_label_is_a_timed_turn_of_its_speaker(name: str) -> None:
    [call] = parse_file((SHAPES / name).read_bytes(), name)
    assert [(u.speaker, u.start_seconds) for u in call.utterances] == EXPECTED[name]
    assert all(u.role != "rep_note" for u in call.utterances)
    speakers = {speaker for speaker, _start in EXPECTED[name]}
    for utterance in call.utterances:  # no name or time left inside what was said
        assert not any(speaker in utterance.text for speaker in speakers), utterance.text
        assert not re.search(r"\d+ seconds?|^\d", utterance.text), utterance.text


def test_the_header_lines_stay_the_title_and_date() -> None:
    name = "tactiq_copperfox_brewing.md"
    [call] = parse_file((SHAPES / name).read_bytes(), name)
    assert call.title == "Copperfox Brewing <> Kegline demo"
    assert str(call.call_date) == "2026-09-08"


def test_a_turn_over_two_lines_is_one_turn() -> None:
    name = "stream_brookvale_schools.txt"
    [call] = parse_file((SHAPES / name).read_bytes(), name)
    assert call.utterances[4].text == (
        "At Pine Street it worked, but the sex-offender registry check took almost a minute "
        "per visitor. Parents were queuing out the door at pickup."
    )


def test_one_bulleted_time_among_notes_stays_a_note() -> None:
    notes = (
        "Ridgeway Roofing - call notes\n\n"
        "- 9:30 Dana Price: wants the quote before the storm season\n"
        "- Crew of twelve, three trucks, quotes still done on paper\n"
        "- Worried about the monthly fee on slow winter months\n"
    )
    [call] = parse_file(notes.encode(), "notes.md")
    assert {u.role for u in call.utterances} == {"rep_note"}
    assert any(u.text.startswith("9:30 Dana Price") for u in call.utterances)


@pytest.mark.parametrize(
    "said",
    [
        "It took 3 minutes 20 seconds just to open the job list on site.",
        "Our kiosk froze for 1 minute 5 seconds at every check-in.",
        "The oven log said 12 minutes 40 seconds, so the batch was fine.",
    ],
)
def test_a_spelled_time_inside_speech_stays_speech(said: str) -> None:
    text = (
        "Mira Tal   0 minutes 2 seconds\nHow was the week?\n\n"
        f"Owen Tate   0 minutes 6 seconds\n{said}\n"
    )
    [call] = parse_file(text.encode(), "call.txt")
    assert [(u.speaker, u.text) for u in call.utterances][-1] == ("Owen Tate", said)


def _note_lines(label: str) -> bytes:
    """Three trades' turns, each opening with a timed label in a shape no reader takes."""
    said = [
        ("Nadia Rowe", "Our walk-in freezer alarm went off twice last weekend and nobody came."),
        ("Felix Amar", "We already pay a contractor for the compressors, so this feels double."),
        ("Nadia Rowe", "Send me the price for three kitchens and the response times in writing."),
    ]
    return "\n\n".join(
        label.format(name=name, ts=f"0{i}:1{i}", ts_n=i + 1) + f" {text}"
        for i, (name, text) in enumerate(said)
    ).encode()


@pytest.mark.parametrize(
    "label", ["{name} ({ts}) -", "{name} {ts}", "{name} [{ts}] |", "> {ts} {name}:"]
)
def test_notes_that_each_open_with_a_timed_label_are_warned_of(label: str) -> None:
    [call] = parse_file(_note_lines(label), "call.md")
    assert {u.role for u in call.utterances} == {"rep_note"}  # shapes no reader takes
    assert call.notice is not None and "3 speaker labels left inside the text" in call.notice


def test_a_numbered_list_of_timed_labels_is_turns() -> None:
    [call] = parse_file(_note_lines("{ts_n}. {ts} {name}:"), "call.md")
    assert [u.speaker for u in call.utterances] == ["Nadia Rowe", "Felix Amar", "Nadia Rowe"]
    assert call.notice is None


def test_a_log_of_days_and_times_is_no_label() -> None:
    log = (
        "Monday 10:30 called the site manager about the scaffold permit, no answer.\n\n"
        "Tuesday 14:00 sent the revised quote for the east wing and the crane hire.\n\n"
        "Friday 09:15 they asked for references from two other schools we built.\n"
    )
    [call] = parse_file(log.encode(), "log.txt")
    assert call.notice is None
