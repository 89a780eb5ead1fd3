"""A speech service's export titles its call by the job's or meeting's name it holds: an AWS
Transcribe call had been listed by its file name, its ``jobName`` ignored."""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.ingest.json_file import parse_json


def _aws(job: dict[str, str]) -> dict[str, Any]:
    segments = [
        {"id": 0, "transcript": "Thanks for calling, this is Ana.", "start_time": "0.5",
         "speaker_label": "spk_0"},
        {"id": 1, "transcript": "Hi, our recall reminders keep failing.", "start_time": "3.1",
         "speaker_label": "spk_1"},
    ]  # fmt: skip
    return {**job, "results": {"transcripts": [{"transcript": "…"}], "audio_segments": segments}}


def _whisper(job: dict[str, str]) -> dict[str, Any]:
    segments = [
        {"start": 0.0, "text": "Morning, shall we look at the freight quote?", "speaker": "A"},
        {"start": 4.2, "text": "Yes, the fuel surcharge worries me.", "speaker": "B"},
    ]
    return {**job, "segments": segments}


@pytest.mark.parametrize(
    ("shape", "job", "title"),
    [
        (_aws, {"jobName": "okafor-dental-recall-review"}, "okafor-dental-recall-review"),
        (_aws, {"job_name": "brightline-freight-renewal"}, "brightline-freight-renewal"),
        (_whisper, {"meeting_name": "Lindqvist Architects intro"}, "Lindqvist Architects intro"),
        (_whisper, {"meetingName": "Harbour Vets pricing"}, "Harbour Vets pricing"),
        (_aws, {"jobName": "x", "title": "Okafor Dental - review"}, "Okafor Dental - review"),
    ],
)  # fmt: skip
def test_a_job_or_meeting_name_titles_the_call(shape: Any, job: dict[str, str], title: str) -> None:
    """Dental, freight, architecture and veterinary jobs; a title, where given, comes first."""
    [call] = parse_json(json.dumps(shape(job)), "export.json")
    assert call.title == title
    assert len(call.utterances) == 2


def test_an_export_naming_no_job_has_no_title() -> None:
    [call] = parse_json(json.dumps(_aws({"accountId": "381492027711"})), "export.json")
    assert call.title is None
