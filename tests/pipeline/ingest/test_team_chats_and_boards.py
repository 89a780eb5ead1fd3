"""Slack threads (pasted or exported), chat widgets' JSON (Intercom, Drift) and board exports
with groups (monday.com). A pasted Slack thread had been two notes of glued messages with no
author, an Intercom conversation was refused ("JSON transcript not found"), and a board's
repeated header row had become a call named "Name" while its "Accounts" column was ignored."""

from __future__ import annotations

import datetime as dt
import json
from typing import Any

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from tests.pipeline.ingest.conftest import turns
from tests.pipeline.ingest.test_pdf_and_xlsx import workbook


def _read(data: str | bytes, name: str) -> ParsedCall:
    raw = data.encode() if isinstance(data, str) else data
    [call] = parse_file(raw, name, our_speakers=["Lena Brooks", "Omar Haddad"])
    return call


SLACK_PASTE = """\
Lena Brooks  9:14 AM
Lost Birchwood :disappointed: Their COO's words were "we can't run payroll in two systems again"
also he said
> the price was fine, it's the missing shift swaps
Omar Haddad  9:20 AM
ugh, second one this month
did they mention the mobile app? (edited)
:+1: 2
2 replies
Lena Brooks  9:31 AM
yeah, I told them "the app ships in May" but it didn't land
Priya Shah  9:31 AM
Omar said "we should offer them the pilot again"
9:32 AM
https://example.com/call/123
"""


def test_a_pasted_slack_thread_is_one_note_per_message_with_its_author() -> None:
    call = _read(SLACK_PASTE, "slack_thread.txt")
    assert turns(call) == [
        ("Lena Brooks", "rep_note", 0.0, "Lost Birchwood Their COO's words were"),
        (None, "buyer", 0.0, "we can't run payroll in two systems again"),
        ("Lena Brooks", "rep_note", 0.0, "also he said"),
        (None, "buyer", 0.0, "the price was fine, it's the missing shift swaps"),
        (
            "Omar Haddad",
            "rep_note",
            360.0,
            "ugh, second one this month. did they mention the mobile app?",
        ),
        # The rep quoting themself stays the rep's note; a link alone is no one's words.
        (
            "Lena Brooks",
            "rep_note",
            1020.0,
            'yeah, I told them "the app ships in May" but it didn\'t land',
        ),
        # A colleague quoting another colleague is no buyer's word either.
        ("Priya Shah", "rep_note", 1020.0, 'Omar said "we should offer them the pilot again"'),
    ]


def test_a_transcript_timed_into_the_call_is_no_slack_thread() -> None:
    """A "Name  0:05" line is a time into a recording, not a clock: read as speaker turns."""
    text = "Lena Brooks  0:05\nHi Dana, thanks for joining.\nDana Ruiz  0:09\nHappy to.\n"
    assert [u.speaker for u in _read(text, "otter.txt").utterances] == ["Lena Brooks", "Dana Ruiz"]


def test_a_slack_channel_export_is_read_as_notes_by_author() -> None:
    profile = {"real_name": "Lena Brooks", "display_name": "lena"}
    messages = [
        {"type": "message", "subtype": "channel_join", "user": "U1", "text": "<@U1> joined",
         "ts": "1773400000.000100"},
        {"type": "message", "user": "U1", "user_profile": profile, "ts": "1773400060.000200",
         "text": "Lost Birchwood. <@U2> she said:\n&gt; we can't run payroll in two systems"},
        {"type": "message", "user": "U2", "ts": "1773400120.000300", "text": "noted",
         "user_profile": {"real_name": "Omar Haddad"}},
        {"type": "message", "subtype": "bot_message", "bot_id": "B1", "ts": "1773400130.0",
         "text": "Deal Birchwood moved to Closed Lost"},
    ]  # fmt: skip
    call = _read(json.dumps(messages), "general/2026-03-13.json")
    assert turns(call) == [
        ("Lena Brooks", "rep_note", 0.0, "Lost Birchwood."),
        ("Lena Brooks", "rep_note", 0.0, "@Omar Haddad she said:"),  # a lead-in: no detection
        (None, "buyer", 0.0, "we can't run payroll in two systems"),
        ("Omar Haddad", "rep_note", 60.0, "noted"),
    ]
    assert call.call_date == dt.date(2026, 3, 13)


def test_slack_emphasis_and_links_are_read_as_their_words() -> None:
    """``*bold*``, ``_italic_``, ``~strike~`` and ``<url|label>`` had been kept in the notes."""
    profile = {"real_name": "Lena Brooks"}
    text = (
        "*Birchwood Care – discovery (3/4)*\nThey _really_ need rota exports, ~maybe~ by May."
        "\nDeck: <https://deck.example/b|pricing deck>, file name_with_marks stays"
    )
    messages = [
        {"type": "message", "user": "U1", "user_profile": profile, "ts": "1773400060.0",
         "text": text},
    ]  # fmt: skip
    call = _read(json.dumps(messages), "deals/2026-03-13.json")
    assert [u.text for u in call.utterances] == [
        "Birchwood Care – discovery (3/4) They really need rota exports, maybe by May. Deck: "
        "pricing deck, file name_with_marks stays"
    ]


def _part(kind: str, author: dict[str, str], body: str | None, at: int) -> dict[str, object]:
    return {"type": "conversation_part", "part_type": kind, "body": body, "created_at": at,
            "author": author}  # fmt: skip


LEAD = {"type": "lead", "id": "c1", "name": "Dana Ruiz", "email": "dana@example.org"}
ADMIN = {"type": "admin", "id": "7", "name": "Lena Brooks"}
BOT = {"type": "bot", "id": "9", "name": "Fin"}
INTERCOM = {
    "type": "conversation",
    "created_at": 1773400000,
    "source": {"type": "conversation", "body": "<p>Hi, can I ask about pricing?</p>",
               "author": LEAD},
    "custom_attributes": {"Company": "Birchwood Care"},
    "conversation_parts": {
        "type": "conversation_part.list",
        "conversation_parts": [
            _part("comment", BOT, "<p>I'm Fin, the AI agent.</p>", 1773400005),
            _part("assignment", BOT, None, 1773400010),
            _part("comment", ADMIN, "<p>Hi Dana, Lena here. What do you use today?</p>", 1773400100),  # noqa: E501
            _part("comment", LEAD, "<p>RotaPro.</p><p>It can&#39;t do shift swaps.</p>", 1773400200),  # noqa: E501
            _part("note", ADMIN, "<p>Hot lead</p>", 1773400210),
            _part("close", ADMIN, None, 1773400300),
        ],
    },
}  # fmt: skip


def test_an_intercom_conversation_is_the_lead_against_the_admin() -> None:
    call = _read(json.dumps(INTERCOM), "intercom_conversation_1.json")
    assert turns(call) == [
        ("Dana Ruiz", "buyer", 0.0, "Hi, can I ask about pricing?"),
        ("Lena Brooks", "rep", 100.0, "Hi Dana, Lena here. What do you use today?"),
        ("Dana Ruiz", "buyer", 200.0, "RotaPro. It can't do shift swaps."),
    ]
    assert call.call_date == dt.date(2026, 3, 13)
    assert call.account == "Birchwood Care"


def test_a_drift_conversation_reads_user_as_our_agent_beside_contacts() -> None:
    """Drift calls its agents "user" and the visitor "contact"; bots and notes are no speech."""
    messages = [
        {"type": "chat", "body": "Hello! How can we help?", "createdAt": 1773400000000,
         "author": {"id": 11, "type": "user", "bot": True}},
        {"type": "chat", "body": "Is there an API?", "createdAt": 1773400030000,
         "author": {"id": 501, "type": "contact", "bot": False}},
        {"type": "private_note", "body": "enterprise?", "createdAt": 1773400040000,
         "author": {"id": 12, "type": "user", "bot": False}},
        {"type": "chat", "body": "<p>Yes, a REST one.</p>", "createdAt": 1773400060000,
         "author": {"id": 12, "type": "user", "bot": False}},
    ]  # fmt: skip
    call = _read(json.dumps({"data": {"messages": messages}}), "drift.json")
    assert turns(call) == [
        ("Contact 501", "buyer", 30.0, "Is there an API?"),
        ("User 12", "rep", 60.0, "Yes, a REST one."),
    ]


BOARD_HEADER = ["Name", "Subitems", "Owner", "Stage", "Contacts", "Accounts", "Notes", "Item ID"]
BOARD: list[list[Any]] = [
    ["Shift Deals"],
    [],
    ["Active deals"],
    BOARD_HEADER,
    ["Birchwood - 3 sites", None, "Lena Brooks", "Proposal", "Dana Ruiz", "Birchwood Care",
     'Dana: "we can\'t run payroll in two systems again"', 41],
    [],
    ["Closed lost"],
    BOARD_HEADER,
    ["Elm Row", None, "Omar Haddad", "Lost", "Sam Ito", "Elm Row Clinics",
     "Lost to RotaPro on price.", 42],
]  # fmt: skip


def test_a_board_export_skips_its_group_rows_and_reads_the_accounts_column() -> None:
    calls = parse_file(workbook(("Shift Deals", BOARD)), "Shift_Deals_export.xlsx")
    assert [(c.title, c.account, c.deal_id, c.deal_stage) for c in calls] == [
        ("Birchwood - 3 sites", "Birchwood Care", "41", "Proposal"),
        ("Elm Row", "Elm Row Clinics", "42", "Lost"),
    ]
    assert [p.name for p in calls[0].people] == ["Lena Brooks", "Dana Ruiz"]


def test_a_csv_board_export_skips_its_group_rows_too() -> None:
    rows = [",".join(f'"{cell}"' if cell else "" for cell in map(_cell, row)) for row in BOARD[3:]]
    calls = parse_file("\n".join(rows).encode(), "board.csv")
    assert [c.account for c in calls] == ["Birchwood Care", "Elm Row Clinics"]


def _cell(value: object) -> str:
    return "" if value is None else str(value).replace('"', '""')
