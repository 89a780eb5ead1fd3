"""One voice and no names, a time on each line (a Loom, a voice memo's transcript): each time
starts a segment of one speaker, ``Speaker``, whose side a user can set; a lone speaker who
says they are from the account, or from a company not ours, is the buyer. Invented people."""

from __future__ import annotations

from pipeline.calls.edits import update_call
from pipeline.calls.queries import get_call
from pipeline.calls.schemas import CallUpdate
from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.workspace import Workspace

BUYER_LOOM = (
    "0:00 Hi Ana, it's Jo from Kite Yoga Studios. Here's how we book classes today.\n"
    "0:08 This is the paper diary at the front desk.\n"
    "0:15 The big problem is double bookings on Saturdays,\n"
    "when two teachers take the same room.\n"
    "0:31 Can your system send reminders by text?\n"
    "1:02 That's us, shout if anything is unclear.\n"
)


def _segments(call: ParsedCall) -> list[tuple[str | None, float | None, str]]:
    return [(u.speaker, u.start_seconds, u.text) for u in call.utterances]


def test_a_buyers_loom_is_timed_segments_of_the_buyer() -> None:
    [call] = parse_file(BUYER_LOOM.encode(), "loom.txt", our_companies=["Dispatchly"])
    assert _segments(call) == [
        ("Speaker", 0.0,
         "Hi Ana, it's Jo from Kite Yoga Studios. Here's how we book classes today."),
        ("Speaker", 8.0, "This is the paper diary at the front desk."),
        ("Speaker", 15.0,
         "The big problem is double bookings on Saturdays, when two teachers take the same room."),
        ("Speaker", 31.0, "Can your system send reminders by text?"),
        ("Speaker", 62.0, "That's us, shout if anything is unclear."),
    ]  # fmt: skip
    assert {u.role for u in call.utterances} == {"buyer"}


def test_hour_stamps_and_no_introduction_stay_unknown() -> None:
    text = (
        "00:00:04 So the rota goes out on Fridays.\n"
        "00:00:12 Then people swap shifts by text.\n"
        "00:01:05 Nobody knows who is actually on.\n"
    )
    [call] = parse_file(text.encode(), "memo.txt", our_companies=["Dispatchly"])
    assert [(u.speaker, u.start_seconds, u.role) for u in call.utterances] == [
        ("Speaker", 4.0, "unknown"),
        ("Speaker", 12.0, "unknown"),
        ("Speaker", 65.0, "unknown"),
    ]


def test_our_reps_own_loom_is_not_the_buyer() -> None:
    text = BUYER_LOOM.replace(
        "Hi Ana, it's Jo from Kite Yoga Studios", "Hi Jo, it's Ana from Dispatchly"
    )
    [call] = parse_file(text.encode(), "loom.txt", our_companies=["Dispatchly"])
    assert "buyer" not in {u.role for u in call.utterances}


def test_another_company_without_ours_known_is_not_enough() -> None:
    [call] = parse_file(BUYER_LOOM.encode(), "loom.txt")
    assert {u.role for u in call.utterances} == {"unknown"}


def test_an_agenda_of_clock_times_stays_notes() -> None:
    text = "Workshop plan\n\n9:00 Intro and coffee\n9:30 Live demo of the rota\n10:15 Questions\n"
    [call] = parse_file(text.encode(), "agenda.txt")
    assert {u.speaker for u in call.utterances} == {None}


def test_the_account_names_the_lone_speaker_and_the_role_can_be_set(ws: Workspace) -> None:
    meta = CallMetadata(account="Kite Yoga Studios")
    [result] = ingest_bytes(ws, BUYER_LOOM.encode(), "loom.txt", meta, analyse=False)
    assert result.status == "created", result.reason
    with ws.session() as db:
        utterances = get_call(db, result.call_id or 0).utterances
        assert {u.role for u in utterances} == {"buyer"}
        # "it's Jo from Kite Yoga Studios": the lone nameless buyer takes her name (self_names.py)
        assert {u.speaker for u in utterances} == {"Jo"}
        detail = update_call(db, result.call_id or 0, CallUpdate(speaker_roles={"Jo": "rep"}))
    assert {u.role for u in detail.utterances} == {"rep"}
