"""A nameless speaker who introduces themself takes that name (``self_names``).

Why: an Aircall transcription's turns say only ``participant_type: internal``, read as
"Agent", and a phone transcript's labels are "Agent:"/"Customer:"; the rep who said "Hi, it's
Tom from <our company>" stayed "Agent" in every quote although the roster names him, and the
buyer who said "it's Gemma from <their company>" stayed "Caller".

Fixtures: invented people and companies; layouts after the Aircall Public API docs (``GET
/v1/calls/:id/transcription``: ``transcription.content.utterances[]`` with ``participant_type``)
and a plain ``Agent:``/``Customer:`` phone transcript.
"""

from __future__ import annotations

import json
from typing import Any

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.settle import settle_people
from pipeline.ingest.team import Roster

ROSTER = Roster(names=("Nadia Okafor", "Owen Tarrant"), companies=("Brightrail",))


def _turn(start: float, side: str, text: str) -> dict[str, Any]:
    who = {"user_id": 55120} if side == "internal" else {"phone_number": "+441632960114"}
    return {"start_time": start, "end_time": start + 4, "text": text, "participant_type": side,
            **who}  # fmt: skip


def _aircall(*turns: tuple[str, str]) -> bytes:
    utterances = [_turn(5.0 * i, side, text) for i, (side, text) in enumerate(turns)]
    document = {
        "transcription": {
            "id": 660318,
            "call_id": 1744019920,
            "call_created_at": "2026-06-02T09:12:40.000Z",
            "type": "call",
            "content": {"language": "en-GB", "utterances": utterances},
        }
    }
    return json.dumps(document).encode()


def _settled(data: bytes, filename: str) -> ParsedCall:
    [call] = parse_file(data, filename)
    settle_people(call, ROSTER)
    return call


def _speakers(call: ParsedCall) -> dict[str, str]:
    return {u.speaker: u.role for u in call.utterances if u.speaker}


def test_aircall_rep_and_caller_take_the_names_they_introduce_themselves_with() -> None:
    data = _aircall(
        ("internal", "Hi, it's Owen from Brightrail, returning your call about the quote."),
        ("external", "Yeah, hi Owen, Maeve Kilbride at Kilbride Joinery. The quote is steep."),
        ("internal", "It's priced per active site."),
        ("external", "Can I pause a site between phases?"),
    )
    call = _settled(data, "aircall_call_1744019920_transcription.json")
    assert _speakers(call) == {"Owen Tarrant": "rep", "Maeve Kilbride": "buyer"}
    assert "Agent" not in call.our_speakers


@pytest.mark.parametrize(
    "intro",
    [
        "Morning, Nadia Okafor here from Brightrail.",
        "Hi, this is Nadia at Brightrail, thanks for picking up.",
        "Hello, my name's Nadia, I look after accounts at Brightrail.",
        "Hi Gemma, it's Nadia from Brightrail, have you got a minute?",
    ],
)
def test_a_phone_transcripts_agent_takes_the_roster_name_they_say(intro: str) -> None:
    text = (
        f"Agent: {intro}\n"
        "Customer: Hi Nadia, it's Gemma from Corran Yard. Our permits live on paper.\n"
        "Agent: How many sites do you run?\n"
        "Customer: Four at the moment, and the paperwork eats my mornings.\n"
    )
    call = _settled(text.encode(), "corran_yard_call.txt")
    assert _speakers(call) == {"Nadia Okafor": "rep", "Gemma": "buyer"}


def test_a_name_said_about_someone_else_renames_no_one() -> None:
    text = (
        "Agent: Hi, Owen asked me to call you back about the renewal. I'm Owen's cover.\n"
        "Customer: Oh right, is it Owen from Brightrail who sent the quote?\n"
        "Agent: That's right. It's Owen who handles the renewal side.\n"
        "Customer: Our budget is tight this year, so I need the numbers first.\n"
    )
    call = _settled(text.encode(), "renewal_call.txt")
    assert _speakers(call) == {"Agent": "rep", "Customer": "buyer"}


def test_a_rep_not_on_the_roster_keeps_the_label() -> None:
    text = (
        "Agent: Hi, it's Dylan from Brightrail, thanks for calling.\n"
        "Customer: Hi, I'm after a price for three sites.\n"
    )
    assert "Agent" in _speakers(_settled(text.encode(), "pricing_call.txt"))


def test_two_people_behind_one_label_keep_it() -> None:
    text = (
        "Agent: Hi, it's Owen from Brightrail.\n"
        "Customer: Hi Owen, it's Gemma from Corran Yard.\n"
        "Agent: Thanks both for making the time.\n"
        "Customer: And this is Ruairi from Corran Yard, I run the sites.\n"
    )
    call = _settled(text.encode(), "corran_yard_pair.txt")
    assert _speakers(call) == {"Owen Tarrant": "rep", "Customer": "buyer"}


def test_a_buyer_is_not_named_when_two_nameless_buyers_speak() -> None:
    text = (
        "Agent: Hi, it's Owen from Brightrail.\n"
        "Customer 1: Hi Owen, it's Gemma from Corran Yard.\n"
        "Customer 2: Morning.\n"
        "Agent: Thanks both for making the time.\n"
        "Customer 1: Our permits live on paper.\n"
    )
    call = _settled(text.encode(), "corran_yard_three.txt")
    assert _speakers(call) == {"Owen Tarrant": "rep", "Customer 1": "buyer", "Customer 2": "buyer"}


def test_a_rep_the_header_and_the_roster_both_name_is_still_one_person() -> None:
    text = (
        "Outbound call log\n"
        "Agent: Owen Tarrant\n"
        "Customer account: Corran Yard\n"
        "Call date: 2026-06-02\n"
        "\n"
        "AGENT: Hi, is that Gemma? This is Owen from Brightrail, following up on the trial.\n"
        "CUSTOMER: Yes, hi Owen. Our permits still live on paper.\n"
        "AGENT: How many sites are live?\n"
        "CUSTOMER: Four, and the paperwork eats my mornings.\n"
    )
    call = _settled(text.encode(), "dialer_call_log.txt")
    # the buyer is whom the rep asks for ("is that Gemma?", greeted_names)
    assert _speakers(call) == {"Owen Tarrant": "rep", "Gemma": "buyer"}
