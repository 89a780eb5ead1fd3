"""JSON transcripts of phone and meeting tools with no reader of their own (``json_search``).

Why: Dialpad's ``type: "moment"`` labels ("competitor", "pricing") had been glued into the
buyer's turns and the call had no date though every line carries one; Aircall's transcription,
whose turns say only ``participant_type: internal|external``, had been refused with "expected
a list under 'utterances'" although such a list is there, one level down.

Fixtures: invented people; layouts after the Dialpad API docs (``lines`` with ``type``, ``time``,
``name``, ``user_id``/``contact_id``) and the Aircall Public API docs (``GET
/v1/calls/:id/transcription``: ``transcription.content.utterances[]``).
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

import pytest

from pipeline.errors import BadInput
from pipeline.ingest import parse_file


def _line(kind: str, name: str, time: str, content: str, rep: bool) -> dict[str, Any]:
    side = {"user_id": 4410027733} if rep else {"contact_id": "5520019982"}
    return {"content": content, "name": name, "time": time, "type": kind, **side}


DIALPAD: dict[str, Any] = {
    "call_id": 4829104471002112,
    "lines": [
        _line("transcript", "Ines Halloran", "2026-04-08T09:15:02.100Z", "Morning Bram.", True),
        _line("transcript", "Bram Oduya", "2026-04-08T09:15:06.400Z", "We picked Rivalo.", False),
        _line("moment", "Bram Oduya", "2026-04-08T09:15:06.400Z", "competitor", False),
        _line("transcript", "Ines Halloran", "2026-04-08T09:15:10.000Z", "What swung it?", True),
        _line("transcript", "Bram Oduya", "2026-04-08T09:15:14.000Z", "Cost per van.", False),
        _line("moment", "Bram Oduya", "2026-04-08T09:15:14.000Z", "pricing", False),
        _line("transcript", "Bram Oduya", "2026-04-08T09:15:20.000Z", "And the contract.", False),
    ],
}

AIRCALL: dict[str, Any] = {
    "transcription": {
        "id": 771204,
        "call_id": 1900442817,
        "call_created_at": "2026-05-19T15:40:11.000Z",
        "type": "call",
        "content": {
            "language": "en-GB",
            "utterances": [
                {
                    "start_time": 0.6,
                    "end_time": 4.2,
                    "text": "Hi, it's Ines from Vanly, returning your call.",
                    "participant_type": "internal",
                    "user_id": 90113,
                },
                {
                    "start_time": 4.9,
                    "end_time": 9.8,
                    "text": "Thanks. The quote is more than our fuel cards cost us.",
                    "participant_type": "external",
                    "phone_number": "+441632960771",
                },
                {
                    "start_time": 10.3,
                    "end_time": 13.0,
                    "text": "It's priced per active van.",
                    "participant_type": "internal",
                    "user_id": 90113,
                },
                {
                    "start_time": 13.5,
                    "end_time": 17.1,
                    "text": "Is there a minimum term?",
                    "participant_type": "external",
                    "phone_number": "+441632960771",
                },
            ],
        },
    }
}


def _parse(document: Any, **kwargs: Any) -> Any:
    [call] = parse_file(json.dumps(document).encode(), "transcript.json", **kwargs)
    return call


def test_a_tools_moment_labels_are_no_speech_and_lines_date_the_call() -> None:
    call = _parse(DIALPAD, our_speakers=["Ines Halloran"])
    said = [(u.speaker, u.role, u.text) for u in call.utterances]
    assert said == [
        ("Ines Halloran", "rep", "Morning Bram."),
        ("Bram Oduya", "buyer", "We picked Rivalo."),
        ("Ines Halloran", "rep", "What swung it?"),
        ("Bram Oduya", "buyer", "Cost per van. And the contract."),
    ]
    assert call.call_date == dt.date(2026, 4, 8)


@pytest.mark.parametrize(
    ("key", "speech", "label"),
    [
        ("kind", "utterance", "highlight"),
        ("type", "transcript", "action_item"),
        ("item_type", "sentence", "Chapter"),
        ("eventType", "speech", "system-event"),
    ],
)
def test_other_tools_labels_among_the_lines_are_dropped(key: str, speech: str, label: str) -> None:
    lines = [
        {"speaker": "Ines Halloran", key: speech, "text": "Shall we start?"},
        {"speaker": "Bram Oduya", key: label, "text": "Budget concern"},
        {"speaker": "Bram Oduya", key: speech, "text": "Go ahead."},
    ]
    call = _parse({"recording": {"entries": lines}}, our_speakers=["Ines Halloran"])
    assert [u.text for u in call.utterances] == ["Shall we start?", "Go ahead."]


def test_labels_are_dropped_where_speech_lines_carry_no_type() -> None:
    lines = [
        {"speaker": "Ines Halloran", "text": "Shall we start?"},
        {"speaker": "Bram Oduya", "type": "note", "text": "Follow up on pricing"},
        {"speaker": "Bram Oduya", "text": "Go ahead."},
    ]
    call = _parse({"recording": {"entries": lines}})
    assert [u.text for u in call.utterances] == ["Shall we start?", "Go ahead."]


def test_turns_that_only_state_their_side_are_read_at_any_depth() -> None:
    call = _parse(AIRCALL)
    said = [(u.speaker, u.role, u.start_seconds) for u in call.utterances]
    assert said == [
        ("Agent", "rep", 0.6),
        ("Caller", "buyer", 4.9),
        ("Agent", "rep", 10.3),
        ("Caller", "buyer", 13.5),
    ]
    assert call.call_date == dt.date(2026, 5, 19)
    assert not any("+44" in u.text for u in call.utterances)


@pytest.mark.parametrize(
    ("key", "ours", "theirs"),
    [
        ("participantType", "internal", "external"),
        ("party", "agent", "customer"),
        ("side", "user", "contact"),
    ],
)
def test_side_fields_of_other_shapes(key: str, ours: str, theirs: str) -> None:
    turns = [
        {"text": "Hi, Ines from Vanly.", key: ours, "offset": 0},
        {"text": "Hello, Bram here.", key: theirs, "offset": 3},
    ]
    call = _parse({"call": {"data": {"turns": turns}}})
    assert [u.role for u in call.utterances] == ["rep", "buyer"]


def test_a_named_speaker_keeps_the_name_beside_the_side() -> None:
    turns = [
        {"text": "Hi, Ines from Vanly.", "participant_type": "internal", "name": "Ines Halloran"},
        {"text": "Hello.", "participant_type": "external", "name": "Bram Oduya"},
    ]
    call = _parse({"call": {"utterances_list": turns}})
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Ines Halloran", "rep"),
        ("Bram Oduya", "buyer"),
    ]


def test_a_refusal_names_the_list_found_and_what_a_turn_needs() -> None:
    unsided = json.loads(json.dumps(AIRCALL))
    for turn in unsided["transcription"]["content"]["utterances"]:
        del turn["participant_type"]
    with pytest.raises(BadInput) as refused:
        _parse(unsided)
    reason = str(refused.value)
    assert "'transcription.content.utterances', holds 4" in reason
    assert "no speaker" in reason
    assert "expected a list under 'utterances'" not in reason


def test_the_callmine_schema_drops_labels_and_dates_from_its_lines_too() -> None:
    lines = [
        {
            "speaker": "Ines Halloran",
            "type": "transcript",
            "text": "Hello.",
            "time": "2026-06-02T10:00:00Z",
        },
        {"speaker": "Bram Oduya", "type": "moment", "text": "pricing"},
        {"speaker": "Bram Oduya", "type": "transcript", "text": "Too dear."},
    ]
    call = _parse({"utterances": lines})
    assert [u.text for u in call.utterances] == ["Hello.", "Too dear."]
    assert call.call_date == dt.date(2026, 6, 2)


def _aircall(*turns: tuple[str, str, dict[str, Any]]) -> dict[str, Any]:
    """An Aircall transcription whose turns name no one: a side and a user id or a number."""
    utterances = [
        {"start_time": 2.0 * index, "end_time": 2.0 * index + 1.5, "text": text,
         "participant_type": side, **ids}
        for index, (side, text, ids) in enumerate(turns)
    ]  # fmt: skip
    content = {"language": "en-GB", "utterances": utterances}
    return {
        "transcription": {"id": 771305, "call_id": 1900442990, "type": "call", "content": content}
    }


def test_a_warm_transfers_two_agents_stay_two_speakers() -> None:
    """Two agents with no name, each with their own user id, had merged into one "Agent"."""
    call = _parse(
        _aircall(
            ("internal", "Hi, it's Vanly sales, how can I help?", {"user_id": 90113}),
            (
                "external",
                "The quote is more than our fuel cards cost.",
                {"phone_number": "+441632960771"},
            ),
            ("internal", "Let me bring in our fleet specialist.", {"user_id": 90113}),
            (
                "internal",
                "Hello, fleet team here, let's look at the per-van price.",
                {"user_id": 90227},
            ),
            ("external", "Thanks, that would help.", {"phone_number": "01632 960771"}),
        )
    )
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Agent", "rep"),
        ("Caller", "buyer"),
        ("Agent", "rep"),
        ("Agent 2", "rep"),
        ("Caller", "buyer"),  # the same number written without the country code
    ]


def test_two_external_numbers_are_two_callers_and_no_ids_one_speaker() -> None:
    turns = (
        ("internal", "Hi, Vanly here.", {"user_id": 90113}),
        ("external", "Hi, I'm patching in our finance lead.", {"phone_number": "+441632960771"}),
        ("external", "Hello. The setup fee is over our budget.", {"phone_number": "+441632960999"}),
    )
    call = _parse(_aircall(*turns))
    assert [u.speaker for u in call.utterances] == ["Agent", "Caller", "Caller 2"]
    unmarked = _parse(_aircall(*((side, text, {}) for side, text, _ids in turns)))
    assert [u.speaker for u in unmarked.utterances] == ["Agent", "Caller"]  # as before


def test_dialpad_lines_with_ids_and_no_names_take_their_side_from_the_id() -> None:
    """A Dialpad line names a user (ours) or a contact (theirs) by id; without a name the
    transcript had been refused as speakerless."""

    def line(content: str, time: str, **ids: Any) -> dict[str, Any]:
        return {"content": content, "time": f"2026-04-08T09:15:{time}Z", "type": "transcript",
                "contact_id": None, "user_id": None, **ids}  # fmt: skip

    document = {
        "call_id": 4829104471002388,
        "lines": [
            line("Morning, Vanly sales.", "02.100", user_id=4410027733),
            line("We picked another tool, it's cheaper.", "06.400", contact_id="5520019982"),
            line("Transferring you to my colleague.", "10.000", user_id=4410027733),
            line("Hi, I look after renewals.", "14.000", user_id=4410029901),
            line("Our contract ends in June.", "18.000", contact_id="5520019982"),
        ],
    }
    call = _parse(document)
    assert [(u.speaker, u.role) for u in call.utterances] == [
        ("Agent", "rep"),
        ("Caller", "buyer"),
        ("Agent", "rep"),
        ("Agent 2", "rep"),
        ("Caller", "buyer"),
    ]
