"""Speakers a file gives only by an opaque id are shown as ``Speaker 1``, ``Speaker 2`` in the
order they first speak, the id kept beside them (the call's ``extra``, the upload's result, the
call page): Gong without parties, a recorder's UUID ``speakerId``s and a diarizer's hex hashes
had shown "Speaker 7301184456092217345" or "3f2a9c1e-..." as people. Invented calls from a
vet group, a warehouse, a salon chain and an accounting firm."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from pipeline.ingest import parse_file
from pipeline.ingest.parse import read_calls
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.speaker_ids import opaque_id
from pipeline.ingest.store import content_hash
from pipeline.workspace import Workspace
from tests.conftest import Cli

VET_REP, VET_BUYER = "7301184456092217345", "7301184456092217346"
GONG_VETS = [  # a bare list of Gong monologues: no parties, only speaker ids
    {
        "speakerId": VET_REP,
        "topic": "Intro",
        "sentences": [{"start": 1200, "end": 4000, "text": "Thanks for joining, Dr Hale."}],
    },
    {
        "speakerId": VET_BUYER,
        "topic": "Pain",
        "sentences": [
            {
                "start": 5100,
                "end": 9800,
                "text": "We run three clinics and the phones ring off the hook every morning.",
            }
        ],
    },
    {
        "speakerId": VET_REP,
        "topic": "Setup",
        "sentences": [{"start": 10400, "end": 12000, "text": "How do you book visits today?"}],
    },
    {
        "speakerId": VET_BUYER,
        "topic": "Pricing",
        "sentences": [
            {"start": 12500, "end": 16000, "text": "On paper, and the last system cost too much."}
        ],
    },
]
DOCK, PLANNER = "3f2a9c1e-7b4d-4e1a-9c2f-0a1b2c3d4e5f", "B71E0D42-55AA-4C3E-8F10-9E8D7C6B5A49"
WAREHOUSE = {  # a recorder's turns pointing to speakers by UUID, its speakers list not saved
    "title": "Northgate Storage - discovery",
    "transcript": [
        {"speakerId": PLANNER, "startTime": 2.0, "content": "How do you plan the dock today?"},
        {
            "speakerId": DOCK,
            "startTime": 6.5,
            "content": "Drivers wait an hour at the gate because nobody knows which bay is free.",
        },
        {"speakerId": PLANNER, "startTime": 14.0, "content": "Would a bay board help?"},
        {"speakerId": DOCK, "startTime": 17.0, "content": "Only if it works on the old scanners."},
    ],
}
STYLIST, OWNER = "5f1e0c9ab23d4e7f8a6b9c0d", "a09d8c7b6e5f4a3b2c1d0e9f"
SALON = {  # WhisperX segments diarized by a pipeline that names speakers by hash
    "segments": [
        {"start": 0.4, "end": 3.1, "text": "So how many chairs do you run?", "speaker": STYLIST},
        {
            "start": 3.5,
            "end": 8.0,
            "text": "Four salons, and no-shows cost us a fortune every Saturday.",
            "speaker": OWNER,
        },
        {"start": 8.4, "end": 10.0, "text": "Do you take deposits now?", "speaker": STYLIST},
    ]
}
PARTNER, CLIENT = "e2c41b7a-0d9f-4a55-b8e3-6f1a2c9d7e40", "0c7d9e1f-3a2b-4c5d-8e6f-7a8b9c0d1e2f"
ACCOUNTANTS = (  # a meeting tool's captions with the voice tag left as a participant id
    "WEBVTT\n\n"
    f"00:00:01.000 --> 00:00:04.000\n<v {PARTNER}>How do your clients send receipts now?\n\n"
    f"00:00:05.000 --> 00:00:09.000\n<v {CLIENT}>By email, and half of them arrive after the "
    "quarter closes.\n\n"
    f"00:00:10.000 --> 00:00:12.000\n<v {PARTNER}>We can chase them for you.\n"
)


@pytest.mark.parametrize(
    ("label", "found"),
    [
        ("7301184456092217345", "7301184456092217345"),  # Gong
        ("Speaker 7301184456092217345", "7301184456092217345"),  # as the JSON readers wrote it
        (DOCK, DOCK),
        (PLANNER, PLANNER),  # a GUID in capitals
        (STYLIST, STYLIST),
        ("5F1E0C9AB23D4E7F8A6B9C0D", "5F1E0C9AB23D4E7F8A6B9C0D"),
        ("0058d000004XyZaAAK", "0058d000004XyZaAAK"),  # a Salesforce user
        ("participant_48213", "48213"),
        # Labels a service chose to be read, names, phone numbers, years: kept as they are.
        ("spk_0", None),  # AWS Transcribe
        ("S1", None),  # Speechmatics
        ("Speaker A", None),  # AssemblyAI
        ("Speaker 0", None),  # Deepgram
        ("SPEAKER_00", None),  # pyannote / WhisperX
        ("Guest-1", None),  # Azure
        ("Dr Hale", None),
        ("3M", None),
        ("+44 7700 900123", None),
        ("(602) 555-0188", None),
        ("Speaker 2024", None),
    ],
)
def test_an_opaque_id_is_told_from_a_readable_label(label: str, found: str | None) -> None:
    assert opaque_id(label) == found


def _said(document: Any, filename: str) -> list[tuple[str | None, str]]:
    [call] = parse_file(
        (document if isinstance(document, str) else json.dumps(document)).encode(), filename
    )
    return [(u.speaker, u.text) for u in call.utterances]


@pytest.mark.parametrize(
    ("document", "filename"),
    [(WAREHOUSE, "northgate.json"), (SALON, "salon.json"), (ACCOUNTANTS, "receipts.vtt")],
    ids=["recorder-uuids", "whisperx-hashes", "vtt-participant-ids"],
)
def test_every_format_numbers_id_only_speakers_in_speaking_order(
    document: Any, filename: str
) -> None:
    said = _said(document, filename)
    assert [speaker for speaker, _text in said] == ["Speaker 1", "Speaker 2", "Speaker 1"] + [
        "Speaker 2"
    ] * (len(said) - 3)


@pytest.mark.usefixtures("no_analysis")
def test_gong_ids_through_the_cli_are_numbered_told_and_given_as_ours(
    cli: Cli, tmp_path: Path
) -> None:
    """``--our-speakers`` may name the Gong id: it is the rep's number on the call."""
    path = tmp_path / "hale-vets.json"
    path.write_text(json.dumps(GONG_VETS), encoding="utf-8")
    [result] = cli.json("ingest", path, "--our-speakers", VET_REP)["results"]
    assert result["status"] == "created"
    assert (
        f"Speaker 1 (Gong id {VET_REP}), Speaker 2 (Gong id {VET_BUYER})" in (result["understood"])
    )
    turns = [(u["speaker"], u["role"]) for u in cli.json("utterances")]
    assert turns == [("Speaker 1", "rep"), ("Speaker 2", "buyer")] * 2
    shown = cli("utterances")
    assert VET_REP not in shown.stdout and "Speaker 2" in shown.stdout
    [call] = cli.json("calls")["items"]
    assert call["speakers"] == ["Speaker 1", "Speaker 2"]
    assert call["our_speakers"] == ["Speaker 1"]
    again = cli.json("ingest", path)["results"]
    assert [r["status"] for r in again] == ["duplicate"]


def test_the_content_hash_is_the_files_own_so_earlier_uploads_stay_duplicates() -> None:
    """A call stored before its ids were numbered had hashed "Speaker 7301..."."""
    [call] = read_calls(json.dumps(GONG_VETS).encode(), "hale-vets.json")
    numbered = content_hash(call)
    for utterance in call.utterances:
        utterance.speaker = call.read_speakers[utterance.speaker or ""]
    call.read_speakers = {}
    assert call.utterances[0].speaker == f"Speaker {VET_REP}"
    assert content_hash(call) == numbered


def test_the_call_page_and_api_say_each_numbers_id(
    workspace: Workspace, client: TestClient
) -> None:
    [created] = ingest_bytes(
        workspace, json.dumps(WAREHOUSE).encode(), "northgate.json", CallMetadata(), analyse=False
    )
    assert f"Speaker 1 (id {PLANNER}), Speaker 2 (id {DOCK})" in (created.understood or "")
    detail = client.get(f"/api/calls/{created.call_id}").json()
    assert [u["speaker"] for u in detail["utterances"]] == ["Speaker 1", "Speaker 2"] * 2
    assert detail["extra"]["speaker_ids"] == {"Speaker 1": PLANNER, "Speaker 2": DOCK}
    page = client.get(f"/calls/{created.call_id}").text
    assert f'Speaker 2 <span class="muted">(id {DOCK})</span>' in page
    assert f"Speaker {DOCK}" not in page and f">{DOCK}<" not in page
