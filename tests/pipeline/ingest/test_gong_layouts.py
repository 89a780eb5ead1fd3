"""Gong's calls and monologues read the same in every layout its API answers and scripts save
it in (review 24q: a merged export, the transcript inside the call object, was refused as
holding no speaker turns). The corpus file is rearranged into each layout here."""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Callable
from typing import Any

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file
from pipeline.ingest.speaker_ids import speaker_ids_notice
from tests.pipeline.ingest.conftest import turns
from tests.real_exports import CORPUS

MERGED: dict[str, Any] = json.loads(
    (CORPUS / "gong_calls_inline_transcript.json").read_text(encoding="utf-8")
)
CALL: dict[str, Any] = MERGED["calls"][0]
CALL_ID = CALL["metaData"]["id"]
EXPECTED = [
    ("Tom Okafor", "rep", 2.1, "Thanks for making time, Elena. I'm Tom from Shiftwise."),
    (
        "Elena Marsh",
        "buyer",
        10.2,
        "We run nine care homes and every rota is built in a spreadsheet on Sunday night. "
        "When someone calls in sick, the manager phones down a list until somebody says yes. "
        "Per-seat pricing worries me, because half our staff are bank workers who do two "
        "shifts a month.",
    ),
    (
        "Sam Ibe",
        "buyer",
        34.7,
        "I need the rota to flag when a nurse's registration has lapsed, the regulator checks "
        "that.",
    ),
    (
        "Tom Okafor",
        "rep",
        42.6,
        "I'll send a quote that only counts staff who work in a given month.",
    ),
    ("Sam Ibe", "buyer", 48.5, "Send it by Friday and I'll take it to the board."),
]


def _without_transcript() -> dict[str, Any]:
    call = copy.deepcopy(CALL)
    del call["transcript"]
    return call


def _api_pair() -> Any:
    """The /v2/calls/extensive and /v2/calls/transcript answers saved side by side."""
    return {
        "calls": [_without_transcript()],
        "callTranscripts": [{"callId": CALL_ID, "transcript": CALL["transcript"]}],
    }


def _transcript_object_in_call() -> Any:
    call = copy.deepcopy(CALL)
    call["transcript"] = {"callId": CALL_ID, "transcript": CALL["transcript"]}
    return {"calls": [call]}


NAMED_LAYOUTS: dict[str, Callable[[], Any]] = {
    "transcript-inside-each-call": lambda: MERGED,
    "api-answers-side-by-side": _api_pair,
    "one-call-object": lambda: CALL,
    "a-list-of-call-objects": lambda: [CALL],
    "call-transcript-object-inside-the-call": _transcript_object_in_call,
}
BARE_LAYOUTS: dict[str, Callable[[], Any]] = {
    "callTranscripts-alone": lambda: {
        "callTranscripts": [{"callId": CALL_ID, "transcript": CALL["transcript"]}]
    },
    "one-CallTranscript": lambda: {"callId": CALL_ID, "transcript": CALL["transcript"]},
    "a-bare-list-of-monologues": lambda: CALL["transcript"],
}


def _read(document: Any) -> list[Any]:
    return parse_file(json.dumps(document).encode(), "gong.json")


@pytest.mark.parametrize("layout", NAMED_LAYOUTS)
def test_every_layout_with_parties_gives_named_sided_turns(layout: str) -> None:
    [call] = _read(NAMED_LAYOUTS[layout]())
    assert turns(call) == EXPECTED
    assert (call.title, call.call_date) == (
        "Shiftwise <> Harbourview Care - rota demo",
        dt.date(2025, 4, 8),
    )
    assert "Priti Rao" in {person.name for person in call.people}  # listed, never speaks
    assert call.notice is None


@pytest.mark.parametrize("layout", BARE_LAYOUTS)
def test_a_transcript_without_parties_numbers_its_speakers_and_tells_their_ids(
    layout: str,
) -> None:
    """Without parties Gong gives only ``speakerId``s: the turns had read "Speaker
    4410022003300440001"; now "Speaker 1" .. in speaking order, each id told beside it."""
    [call] = _read(BARE_LAYOUTS[layout]())
    speakers = [u.speaker for u in call.utterances]
    assert [u.text for u in call.utterances] == [text for *_rest, text in EXPECTED]
    assert speakers == ["Speaker 1", "Speaker 2", "Speaker 3", "Speaker 1", "Speaker 3"]
    told = speaker_ids_notice(call)
    assert told is not None and told.endswith(
        "Speaker 1 (Gong id 4410022003300440001), Speaker 2 (Gong id 4410022003300440002), "
        "Speaker 3 (Gong id 4410022003300440003)"
    )
    assert call.extra["speaker_ids"]["Speaker 2"] == "4410022003300440002"


def test_a_speaker_the_parties_do_not_list_is_numbered_and_told_by_id() -> None:
    """The unlisted speaker had been "Speaker 9990000000000000001" among named people."""
    document = copy.deepcopy(MERGED)
    document["calls"][0]["transcript"][3]["speakerId"] = "9990000000000000001"
    [call] = _read(document)
    assert [u.text for u in call.utterances] == [text for *_rest, text in EXPECTED]
    assert [u.speaker for u in call.utterances[:3]] == ["Tom Okafor", "Elena Marsh", "Speaker 1"]
    assert call.utterances[2].role == "buyer"  # as before: the file gives no side, the call does
    assert call.notice is not None and "9990000000000000001" in call.notice
    assert speaker_ids_notice(call) == (
        "speakers the file gives only by an id are shown by number, in the order they first "
        "speak: Speaker 1 (Gong id 9990000000000000001)"
    )


def _refusal(document: Any) -> str:
    with pytest.raises(BadInput) as caught:
        _read(document)
    assert caught.value.filename == "gong.json"
    return caught.value.detail


def test_a_refusal_says_what_the_file_held_and_what_could_not_be_read() -> None:
    reason = _refusal({"calls": [_without_transcript()]})
    assert "no speaker turns" not in reason
    assert "1 call" in reason and "no transcript" in reason
    unreadable = copy.deepcopy(MERGED)
    for monologue in unreadable["calls"][0]["transcript"]:
        for sentence in monologue["sentences"]:
            sentence["words"] = sentence.pop("text")
    reason = _refusal(unreadable)
    assert "no speaker turns" not in reason
    assert "6 monologue(s)" in reason and "'words'" in reason
