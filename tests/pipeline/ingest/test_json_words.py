"""Word- and phrase-level speech-to-text JSON, and JSON of tools with no reader of their own,
on small inputs: words of a speaker merged into turns, punctuation attached, times read."""

from __future__ import annotations

import json
from typing import Any

from pipeline.ingest import ParsedCall, parse_file
from pipeline.ingest.json_pieces import seconds, speaker_name


def _one(document: Any) -> ParsedCall:
    [call] = parse_file(json.dumps(document).encode(), "stt.json")
    return call


def _said(call: ParsedCall) -> list[tuple[str | None, float | None, str]]:
    return [(u.speaker, u.start_seconds, u.text) for u in call.utterances]


def test_times_and_speaker_labels_in_the_ways_services_write_them() -> None:
    assert [seconds(v) for v in ("0.04", "1.500s", "PT1M2.5S", {"seconds": "3", "nanos": 5e8})] == [
        0.04, 1.5, 62.5, 3.5
    ]  # fmt: skip
    assert seconds("soon") is None and seconds(-1) is None
    assert seconds(10**400) is None and seconds({"seconds": 10**400}) is None  # no OverflowError
    names = [speaker_name(v) for v in (0, "A", "spk_1", "SPEAKER_00", "UU", "", None)]
    assert names == ["Speaker 0", "Speaker A", "spk_1", "SPEAKER_00", None, None, None]


def test_aws_items_take_their_channel_from_the_channel_segments() -> None:
    items = [
        {"start_time": "0.1", "alternatives": [{"content": "Hello"}], "type": "pronunciation"},
        {"alternatives": [{"content": "."}], "type": "punctuation"},
        {"start_time": "1.0", "alternatives": [{"content": "Hi"}], "type": "pronunciation"},
        {"start_time": "1.4", "alternatives": [{"content": "there"}], "type": "pronunciation"},
    ]
    channels = [
        {"channel_label": "ch_0", "items": [{"start_time": "0.1"}]},
        {"channel_label": "ch_1", "items": [{"start_time": "1.0"}, {"start_time": "1.4"}]},
    ]
    call = _one({"results": {"items": items, "channel_labels": {"channels": channels}}})
    assert _said(call) == [("ch_0", 0.1, "Hello."), ("ch_1", 1.0, "Hi there")]


def test_speechmatics_marks_attach_to_either_side() -> None:
    def result(content: str, kind: str = "word", **extra: Any) -> dict[str, Any]:
        return {"type": kind, "alternatives": [{"content": content, "speaker": "S1"}], **extra}

    call = _one(
        {
            "format": "2.9",
            "results": [
                result("He", start_time=0.5),
                result("said"),
                result("“", "punctuation", attaches_to="next"),
                result("yes"),
                result("”", "punctuation"),
            ],
        }
    )
    assert _said(call) == [("S1", 0.5, "He said “yes”")]


def test_google_words_without_a_speaker_tag_are_read_from_each_transcript() -> None:
    results = [
        {"alternatives": [{"transcript": "Hello there.", "words": [{"startTime": "2s"}]}]},
        {"alternatives": [{"transcript": "How are you?", "words": [{"speakerTag": 0}]}]},
    ]
    call = _one({"results": results})
    # With no speakers, each sentence stands alone: two people may have said them.
    assert _said(call) == [(None, 2.0, "Hello there."), (None, None, "How are you?")]


def test_azure_fast_transcription_phrases_in_time_order() -> None:
    phrases = [
        {"offsetMilliseconds": 2500, "speaker": 2, "text": "Fine, thanks."},
        {"offsetMilliseconds": 400, "speaker": 1, "text": "How are you?"},
    ]
    call = _one({"combinedPhrases": [{"text": "..."}], "phrases": phrases})
    assert _said(call) == [("Speaker 1", 0.4, "How are you?"), ("Speaker 2", 2.5, "Fine, thanks.")]


def test_turns_nested_anywhere_with_a_speaker_object_and_a_unix_date() -> None:
    call = _one(
        {
            "meeting": {
                "title": "Pilot review",
                "date": 1742464920,
                "attendees": [{"name": "Ana"}, {"name": "Bo"}],
                "transcript_lines": [
                    {"speaker": {"name": "Ana"}, "text": "Shall we start?", "start_ms": 1500},
                    {"speaker": {"name": "Bo"}, "text": "Yes.", "start_ms": 4000},
                ],
            }
        }
    )
    assert call.title == "Pilot review" and str(call.call_date) == "2025-03-20"
    assert _said(call) == [("Ana", 1.5, "Shall we start?"), ("Bo", 4.0, "Yes.")]


def test_deepgram_and_assemblyai_words_with_speakers_but_no_utterances() -> None:
    words = [
        {"word": "hi", "punctuated_word": "Hi.", "start": 0.2, "speaker": 0},
        {"word": "hello", "punctuated_word": "Hello", "start": 1.0, "speaker": 1},
        {"word": "again", "punctuated_word": "again.", "start": 1.3, "speaker": 1},
    ]
    call = _one({"results": {"channels": [{"alternatives": [{"transcript": "", "words": words}]}]}})
    assert _said(call) == [("Speaker 0", 0.2, "Hi."), ("Speaker 1", 1.0, "Hello again.")]
    assembly = [
        {"text": "Hi.", "start": 200, "speaker": "A"},
        {"text": "Hello.", "start": 1000, "speaker": "B"},
    ]
    call = _one({"audio_url": "x", "utterances": None, "text": "Hi. Hello.", "words": assembly})
    assert _said(call) == [("Speaker A", 0.2, "Hi."), ("Speaker B", 1.0, "Hello.")]


def test_a_unix_date_past_any_calendar_is_no_date() -> None:
    turns = [{"speaker_name": "Ana", "text": "Hello."}, {"speaker_name": "Bo", "text": "Hi."}]
    for date in (1e300, 10**25):
        call = _one({"title": "Far future", "date": date, "sentences": turns})
        assert call.call_date is None and len(call.utterances) == 2
