"""The workspace remembers a rep whom one call's file placed on our side (an address on our
domain, an internal flag, our company by their name) and reads them as our rep on later calls
where only the talk could say; a guess from the talk is never remembered, nor a name alone.

Why (walk s31 #1): Dana Whitfield, ours on one call, was read as the buyer on a later Teams
call, and her "Keiko, can you add the probe spec?" became a buyer question theme."""

from __future__ import annotations

import json

from pipeline.ingest.rep_memory import learned_on_calls, remembered_rep
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.plugins.stored_calls import store_all

# An accounting-practice software seller: Priya Nair hosts from tallyline.example.
BOOKED = json.dumps(
    {
        "title": "Tallyline <> Hughes & Co Accountants",
        "dateString": "2026-01-20T10:00:00.000Z",
        "host_email": "priya.nair@tallyline.example",
        "participants": ["priya.nair@tallyline.example", "owen@hughesco.example"],
        "speakers": [{"id": 0, "name": "Priya Nair"}, {"id": 1, "name": "Owen Hughes"}],
        "sentences": [
            {"speaker_id": 0, "speaker_name": "Priya Nair", "text": "Thanks for the time, Owen."},
            {"speaker_id": 1, "speaker_name": "Owen Hughes",
             "text": "Year end is chaos here, we chase every client for bank statements."},
        ],
    }
).encode()  # fmt: skip

# A later call in another tool, where nothing but the talk says who is who, and Priya says
# too little to be judged by it.
FOLLOW_UP = b"""WEBVTT

00:00:01.000 --> 00:00:03.000
<v Priya Nair>Morning both.</v>

00:00:03.500 --> 00:00:09.000
<v Grace Lin>Morning. Owen asked me to join, I run the payroll side for our clients.</v>

00:00:09.500 --> 00:00:11.000
<v Priya Nair>Go on.</v>

00:00:11.500 --> 00:00:19.000
<v Grace Lin>The payroll export never matches the ledger and I fix it by hand every month.</v>
"""

# A rep that only the talk names (no address, flag or company): a guess, never remembered.
GUESSED = b"""WEBVTT

00:00:01.000 --> 00:00:06.000
<v Sam Ortiz>Thanks for making the time. Let me walk you through our platform.</v>

00:00:06.500 --> 00:00:12.000
<v Tom Reyes>Sure. We currently use spreadsheets for the salon bookings and it's a mess.</v>

00:00:12.500 --> 00:00:18.000
<v Sam Ortiz>How do you handle reminders today? Our starter plan sends them for you.</v>

00:00:18.500 --> 00:00:24.000
<v Tom Reyes>We text people by hand. Honestly our budget is tight this year.</v>
"""  # fmt: skip


def _roles(call: Call) -> dict[str, str]:
    return {u.speaker or "": u.role for u in call.utterances}


def test_a_rep_the_file_placed_on_our_side_is_ours_on_a_later_call(workspace: Workspace) -> None:
    calls = store_all(workspace, {"hughes.json": BOOKED, "payroll.vtt": FOLLOW_UP})
    assert _roles(calls["hughes.json"]) == {"Priya Nair": "rep", "Owen Hughes": "buyer"}
    assert _roles(calls["payroll.vtt"]) == {"Priya Nair": "rep", "Grace Lin": "buyer"}


def test_only_what_a_file_states_is_remembered(workspace: Workspace) -> None:
    calls = store_all(workspace, {"hughes.json": BOOKED, "salon.vtt": GUESSED})
    assert _roles(calls["salon.vtt"])["Sam Ortiz"] == "rep"  # the talk's guess, on its call
    fresh = Workspace(workspace.settings)
    try:
        with fresh.session() as db:
            assert learned_on_calls(db) == ["Priya Nair"]  # Sam Ortiz was a guess; Owen a buyer
    finally:
        fresh.close()
    assert not remembered_rep("Priya", ["Priya Nair"])  # a first name alone may be anyone's
    assert remembered_rep("priya nair", ["Priya Nair"])
