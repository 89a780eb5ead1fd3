"""A transcript stamped with the time of day (Zoom's ``[Name] 10:02:09``) is timed from its
first stamp (review 22i item 9: 36129 s "into" a call that had just begun)."""

from __future__ import annotations

from pipeline.ingest import parse_file

ZOOM_CLOCK = """Harlow Physio - Clinicflow call

[Ines Moreau] 14:31:05
Hi Greg, Ines from Clinicflow, thanks for making the time.

[Greg Tallis] 14:31:12
No worries. We book everything on paper at the moment.

[Ines Moreau] 14:32:40
Got it. How many practitioners?
"""


def test_a_wall_clock_transcript_is_timed_from_its_first_stamp() -> None:
    [call] = parse_file(ZOOM_CLOCK.encode(), "harlow_zoom.txt")
    assert [u.start_seconds for u in call.utterances] == [0.0, 7.0, 95.0]


def test_a_recordings_offsets_are_kept() -> None:
    text = ZOOM_CLOCK.replace("14:31:05", "00:00:05").replace("14:31:12", "00:00:12")
    [call] = parse_file(text.replace("14:32:40", "00:01:40").encode(), "harlow_zoom.txt")
    assert [u.start_seconds for u in call.utterances] == [5.0, 12.0, 100.0]
