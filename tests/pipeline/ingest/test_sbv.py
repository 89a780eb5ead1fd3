"""SubViewer captions (.sbv, YouTube and Vidyard): each caption had become a rep's note with its
timecode in the text, cut mid-sentence. They are read like SRT captions: times as start times,
lines joined into sentences, a speaker only where the text names one. Invented people."""

from __future__ import annotations

from pipeline.ingest import parse_file, sniff_format

WALKTHROUGH = """0:00:00.600,0:00:03.754
Hi Ravi, it's Ines from Saltmarsh Ceramics,

0:00:03.754,0:00:08.369
here's the tour of our glazing room I promised.

0:00:08.369,0:00:11.831
My question is whether your tablets can print

0:00:11.831,0:00:15.020
batch labels straight from the kiln log.

0:00:15.020,0:00:18.500
And my bigger worry is the cost,

0:00:18.500,0:00:22.100
a per-seat fee on top of a minimum might be more than we can justify.
"""

INTERVIEW = """0:00:01.000,0:00:04.000
>> RAVI: So what made you start looking now?

0:00:04.000,0:00:07.500
>> INES: Our kiln logs are on paper

0:00:07.500,0:00:10.000
and we lost a whole firing last month.

0:00:10.000,0:00:12.000
>> Thanks, that helps.
"""


def test_sbv_captions_are_sentences_with_start_times_and_no_role() -> None:
    data = WALKTHROUGH.encode()
    assert sniff_format(data, "walkthrough.sbv") == "sbv"
    assert sniff_format(data, "walkthrough.txt") == "sbv"  # the content says so too
    [call] = parse_file(data, "walkthrough.sbv")
    assert call.format == "sbv"
    assert [(u.text, u.start_seconds) for u in call.utterances] == [
        (
            "Hi Ravi, it's Ines from Saltmarsh Ceramics, here's the tour of our glazing room I "
            "promised.",
            0.6,
        ),
        (
            "My question is whether your tablets can print batch labels straight from the kiln "
            "log.",
            8.369,
        ),
        (
            "And my bigger worry is the cost, a per-seat fee on top of a minimum might be more "
            "than we can justify.",
            15.02,
        ),
    ]
    assert {(u.speaker, u.role) for u in call.utterances} == {(None, "unknown")}


def test_sbv_speaker_marks_keep_their_speakers_and_a_bare_mark_ends_the_turn() -> None:
    [call] = parse_file(INTERVIEW.encode(), "interview.sbv", our_speakers=["Ravi"])
    assert [(u.speaker, u.role, u.text) for u in call.utterances] == [
        ("RAVI", "rep", "So what made you start looking now?"),
        ("INES", "buyer", "Our kiln logs are on paper and we lost a whole firing last month."),
        (None, "unknown", "Thanks, that helps."),
    ]
    assert not any(">>" in u.text for u in call.utterances)


def test_speaker_marks_read_the_same_in_srt_captions() -> None:
    srt = (
        "1\n00:00:01,000 --> 00:00:04,000\n>> RAVI: So what made you start looking now?\n\n"
        "2\n00:00:04,000 --> 00:00:07,500\n>> INES: Our kiln logs are on paper.\n"
    )
    [call] = parse_file(srt.encode(), "interview.srt")
    assert [(u.speaker, u.text) for u in call.utterances] == [
        ("RAVI", "So what made you start looking now?"),
        ("INES", "Our kiln logs are on paper."),
    ]
