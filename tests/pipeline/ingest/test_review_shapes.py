"""Shapes a reviewer met as a tutoring-software marketer: a voicemail notification, a Notion
page's properties table, a pasted email with "£" and no charset, a Descript export line, a
title naming whose call it was after its purpose. Expected values written by reading them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.service import ingest_bytes
from pipeline.ingest.titles import title_account
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

VOICEMAIL = """From: RingCentral <service@ringcentral.com>
To: sophie.turner@classnest.co.uk
Subject: New Voice Message from 0161 496 0732 - OAKWOOD MUSIC
Date: Tue, 10 Nov 2026 18:42:05 +0000

You have a new voice message.

Transcription (Preview):
Hi Sophie it's Fiona McLeod from Oakwood Music Academy in Didsbury returning your call. The main
sticking point for us honestly is the GDPR side. Thanks bye.
"""


def test_a_voicemail_transcription_is_the_callers_words() -> None:
    [call] = parse_file(VOICEMAIL.encode(), "voicemail.txt", our_companies=["ClassNest"])
    assert call.call_date == dt.date(2026, 11, 10)
    [said] = call.utterances  # the notification's own lines are no one's words
    assert call.extra["notification"] == ["You have a new voice message."]
    assert said.speaker == "Caller"
    assert said.text.startswith("Hi Sophie it's Fiona McLeod from Oakwood Music Academy")
    assert said.text.endswith("the GDPR side. Thanks bye.")
    assert call.account == "Oakwood Music Academy"  # "it's Fiona McLeod from …"


ZOOM_PHONE_VOICEMAIL = """From: Zoom <no-reply@zoom.us>
Sent: Tuesday, May 12, 2026 9:14 AM
To: Lena Ortiz <lena.ortiz@fieldnest.io>
Subject: New voicemail from MARTA KOVACS (+1 602-555-0148)

Hi Lena Ortiz,

You have a new voicemail.

From: MARTA KOVACS (+1 602-555-0148)
To: Lena Ortiz (Ext. 2210)
Duration: 00:00:31

Transcription (Preview):
Hi Lena, it's Marta from Desert Bloom Landscaping. The per-crew price is still too high for us. Bye.
"""


@pytest.mark.parametrize(
    ("caller_id", "speaker"),
    [("MARTA KOVACS", "Marta Kovacs"), ("WIRELESS CALLER", "Caller"), ("PHOENIX AZ", "Caller")],
)
def test_a_voicemail_is_spoken_by_the_caller_the_notification_names(
    caller_id: str, speaker: str
) -> None:
    text = ZOOM_PHONE_VOICEMAIL.replace("MARTA KOVACS", caller_id)
    [call] = parse_file(text.encode(), "voicemail.txt", our_companies=["FieldNest"])
    [said] = call.utterances
    assert (said.speaker, said.role) == (speaker, "buyer")
    assert said.text.startswith("Hi Lena, it's Marta from Desert Bloom Landscaping.")
    named = [p.name for p in call.people if p.role == "buyer"]
    assert named == ([speaker] if speaker != "Caller" else [])  # her name is redacted too


NOTION = """# Discovery call – Crescent Tutors (Birmingham)

| Property | Value |
| --- | --- |
| Account | Crescent Tutors |
| Date | 16/06/2026 |
| Stage | Closed Lost |
| Competitor | Teachworks |

## Notes

- Currently on Teachworks for scheduling, invoices done in QuickBooks.
- Amira: "I'm not signing another twelve-month contract, we got stung by the last one"
"""


def test_a_notion_properties_table_is_the_calls_metadata() -> None:
    [call] = parse_file(NOTION.encode(), "crescent.md")
    assert (call.account, call.call_date, call.outcome, call.competitors) == (
        "Crescent Tutors",
        dt.date(2026, 6, 16),
        "lost",
        ["Teachworks"],
    )
    assert not any("|" in u.text for u in call.utterances)
    assert [u.role for u in call.utterances] == ["rep_note", "rep_note", "buyer"]


def test_a_pasted_email_without_charset_keeps_its_pound_signs() -> None:
    mail = (
        "From: Tom Hargreaves <tom@classnest.co.uk>\nTo: Priya Shah <priya@brightstart.co.uk>\n"
        "Subject: Re: ClassNest - next steps for Brightstart\n"
        "Date: Mon, 19 Oct 2026 09:12:44 +0100\n\nHi Priya,\n\n"
        "- Growth plan, 2 locations, £118/month, billed monthly\n- Xero sync in week 1\n\n"
        "Best,\nTom\n"
    )
    [call] = parse_file(mail.encode(), "email.txt")
    assert [u.text for u in call.utterances] == [
        "Growth plan, 2 locations, £118/month, billed monthly",
        "Xero sync in week 1",
    ]
    assert title_account(call.title or "", ["ClassNest"]) == "Brightstart"


def test_titles_naming_whose_call_after_its_purpose() -> None:
    assert title_account("onboarding plan for Kite Yoga") == "Kite Yoga"
    assert title_account("Pricing follow-up with Harbor Plumbing") == "Harbor Plumbing"
    assert title_account("Call with Mike Brennan — Keystone Electric") == "Keystone Electric"
    assert title_account("Harbor Electric with Dana") is None  # a name first, then a person
    assert title_account("notes for the team") is None


@pytest.mark.parametrize(
    ("text", "speakers", "title"),
    [
        (
            "Pinecrest Tutors - renewal discussion\nDescript transcript · exported Jun 22, 2026\n\n"
            "Speaker 1 (00:00): So, thanks for jumping on, Karen.\n"
            "Speaker 2 (00:06): We've been going back and forth.\n",
            ["Speaker 1", "Speaker 2"],
            "Pinecrest Tutors - renewal discussion",
        ),
        (
            "Summit HVAC - contract review\nThu, Nov 12, 2026 · 11:00 AM · 19 min\nOtter.ai\n\n"
            "Jordan Hayes  0:03\nAny questions before we lock the January start?\n\n"
            "Rick Alvarez  0:09\nYeah, a couple.\n",
            ["Jordan Hayes", "Rick Alvarez"],
            "Summit HVAC - contract review",
        ),
    ],
    ids=["descript", "otter-pdf"],
)
def test_an_export_tools_own_line_is_not_speech(text: str, speakers: list[str], title: str) -> None:
    [call] = parse_file(text.encode(), "call.txt")
    assert [u.speaker for u in call.utterances] == speakers
    assert call.title == title


def test_a_turn_of_only_noise_is_no_utterance() -> None:
    """Otter's "Unknown Speaker  1:05 / [inaudible]" had become an empty buyer turn."""
    text = (
        "Liam O'Brien  0:04\nG'day Chloe, Liam from ClassNest.\n\n"
        "Unknown Speaker  1:05\n[inaudible]\n\n"
        "Chloe Nguyen  1:07\n[laughs] Sorry, that's my admin Jess.\n\n"
        "Liam O'Brien  1:12\n(crosstalk)\n"
    )
    [call] = parse_file(text.encode(), "otter.txt")
    assert [(u.speaker, u.text) for u in call.utterances] == [
        ("Liam O'Brien", "G'day Chloe, Liam from ClassNest."),
        ("Chloe Nguyen", "[laughs] Sorry, that's my admin Jess."),
    ]


def test_a_day_first_workspace_reads_ambiguous_dates_day_first(tmp_path: Path) -> None:
    """A UK team's "Date: 03/02/2026" had been stored as 2 March, silently."""
    note = b"Date: 03/02/2026\nAccount: Granville Tuition\n\n- Parents pay termly, fees worry.\n"
    clear = (
        b"Date: 22/06/2026\nAccount: Kite Tutors\n\n- Wants termly billing, worried about fees.\n"
    )
    dates = {}
    for order in ("month-first", "day-first"):
        workspace = Workspace(make_settings(tmp_path / order, date_order=order))
        try:
            stored = [
                ingest_bytes(workspace, data, name, analyse=False)[0].call_id
                for name, data in (("uk.md", note), ("clear.md", clear))
            ]
            with workspace.session() as db:
                dates[order] = [db.get(Call, call_id).call_date for call_id in stored]
        finally:
            workspace.close()
    assert dates["month-first"] == [dt.date(2026, 3, 2), dt.date(2026, 6, 22)]
    assert dates["day-first"] == [dt.date(2026, 2, 3), dt.date(2026, 6, 22)]


@pytest.mark.parametrize(
    ("note", "outcome"),
    [
        ("- Not a fit right now. Closed lost - no decision / status quo.\n", "lost"),
        ("- outcome: verbal yes 2/10, signed 6/10 → WON\n", "won"),
        ("- Status: Closed Won, starts in May.\n", "won"),
        ("- Asked how many closed won deals we have in vets.\n- Wants a trial.\n", None),
        ('- Dana: "we lost two staff to burnout, it\'s closed lost for them" she said.\n', None),
    ],
)
def test_a_reps_note_stating_the_verdict_gives_the_outcome(note: str, outcome: str | None) -> None:
    """Notes ending "Closed lost - no decision" had stayed "unknown": few won deals to learn
    answers from, and zero won or lost beside each rival."""
    text = (
        f"Call notes - Keystone Electric\nDate: 2026-10-09\n\n- Twelve vans, no telematics.\n{note}"
    )
    [call] = parse_file(text.encode(), "notes.txt")
    assert call.outcome == outcome


def test_a_day_first_workspace_reads_a_chat_of_ambiguous_dates_day_first(tmp_path: Path) -> None:
    """A WhatsApp chat whose dates never say the order had stayed month-first in a UK team's
    workspace (3 September read as 9 March)."""
    chat = (
        b"[03/09/2026, 10:15:32] Priya Shah: Hi Tom, is the Growth plan per location?\n"
        b"[03/09/2026, 10:17:04] Tom Hargreaves: Hiya Priya, yes it is.\n"
    )
    workspace = Workspace(make_settings(tmp_path / "uk", date_order="day-first"))
    try:
        [result] = ingest_bytes(workspace, chat, "WhatsApp Chat with Priya.txt", analyse=False)
        with workspace.session() as db:
            call = db.get(Call, result.call_id)
            assert call is not None and call.call_date == dt.date(2026, 9, 3)
    finally:
        workspace.close()
