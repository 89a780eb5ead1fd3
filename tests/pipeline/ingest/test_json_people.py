"""JSON transcripts whose turns point to a people list beside them by id (``json_people``)."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from pipeline.ingest import parse_file
from tests.pipeline.ingest.conftest import turns

# A conversation-intelligence export: people with a user/contact type, turns by speaker id,
# the call's title and date in an object beside them (Modjo-like; invented people).
SPEAKERS_BY_ID: dict[str, Any] = {
    "call": {
        "id": "c_91",
        "title": "Kettle Lane Bakery - Discovery",
        "date": "2026-05-04T09:30:00Z",
    },
    "speakers": [
        {"id": 1, "name": "Odile Marchetti", "type": "user", "email": "odile@ovenware.example"},
        {"id": 2, "name": "Rufus Penhallow", "type": "contact", "company": "Kettle Lane Bakery"},
    ],
    "transcript": [
        {"speakerId": 1, "startTime": 1.5, "content": "Thanks for making time, Rufus."},
        {
            "speakerId": 2,
            "startTime": 6.0,
            "content": "Flour orders by phone are eating my mornings.",
        },
        {"speakerId": 1, "startTime": 11.0, "content": "We do the ordering from the app for you."},
        {
            "speakerId": 2,
            "startTime": 15.0,
            "content": "If it syncs with the till, that changes things.",
        },
    ],
}

EXPECTED_TURNS = [
    ("Odile Marchetti", "rep", 1.5, "Thanks for making time, Rufus."),
    ("Rufus Penhallow", "buyer", 6.0, "Flour orders by phone are eating my mornings."),
    ("Odile Marchetti", "rep", 11.0, "We do the ordering from the app for you."),
    ("Rufus Penhallow", "buyer", 15.0, "If it syncs with the till, that changes things."),
]


def _parse(document: Any, **kwargs: Any) -> Any:
    [call] = parse_file(json.dumps(document).encode(), "export.json", **kwargs)
    return call


def test_speaker_ids_resolve_against_the_speakers_list_with_the_calls_fields() -> None:
    call = _parse(SPEAKERS_BY_ID)
    assert turns(call) == EXPECTED_TURNS
    assert call.title == "Kettle Lane Bakery - Discovery"
    assert call.call_date == dt.date(2026, 5, 4)
    assert call.account == "Kettle Lane Bakery"  # the contact's company


def _snake_case_participants(side_key: str, ours: Any, theirs: Any) -> dict[str, Any]:
    return {
        "meeting": {
            "started_at": "2026-06-11 14:00",
            "participants": [
                {"speaker_id": "s-7", "full_name": "Ines Varga", side_key: ours},
                {"speaker_id": "s-9", "full_name": "Caspar Lindqvist", side_key: theirs},
            ],
            "segments": [
                {"speaker_id": "s-9", "start_time": 0, "text": "Our drivers log routes on paper."},
                {"speaker_id": "s-7", "start_time": 4, "text": "The app records them as they go."},
            ],
        }
    }


@pytest.mark.parametrize(
    ("side_key", "ours", "theirs"),
    [
        ("affiliation", "internal", "external"),
        ("is_internal", True, False),
        ("isInternal", True, False),
        ("role", "host", "prospect"),
        ("type", "user", "customer"),
    ],
)
def test_nested_participants_by_speaker_id_give_each_side(
    side_key: str, ours: Any, theirs: Any
) -> None:
    call = _parse(_snake_case_participants(side_key, ours, theirs))
    assert turns(call) == [
        ("Caspar Lindqvist", "buyer", 0.0, "Our drivers log routes on paper."),
        ("Ines Varga", "rep", 4.0, "The app records them as they go."),
    ]
    assert call.call_date == dt.date(2026, 6, 11)


def test_our_speakers_win_over_the_listed_side() -> None:
    # A colleague set up as a "contact" in the recorder is still ours when the user says so.
    call = _parse(SPEAKERS_BY_ID, our_speakers=["Rufus Penhallow", "Odile Marchetti"])
    assert {u.speaker: u.role for u in call.utterances} == {
        "Odile Marchetti": "rep",
        "Rufus Penhallow": "rep",
    }


def test_ids_without_a_list_still_tell_speakers_apart() -> None:
    document = {"transcript": [dict(t) for t in SPEAKERS_BY_ID["transcript"]]}
    call = _parse(document)
    assert [u.speaker for u in call.utterances] == ["Speaker 1", "Speaker 2"] * 2
