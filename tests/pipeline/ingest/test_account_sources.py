"""Where the account comes from when the user gives none: a phone tool's ``To:`` party, a
notes title, a meeting export's name and invitees; never the tool's brand or a department.

Why: a RingCentral transcript's account had been "RingCentral" (the tool's title) though its
header said ``To: Fraser Valley Freight Ltd. +1 …``; a contact line's "Kieran Sutton
(Workshop)" had made "Workshop" the account over the title's company; a tl;dv export had no
title, date or account though ``meeting.name``, ``happenedAt`` and the invitees' addresses give
all three."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from pipeline.embed import Embedder
from pipeline.ingest.names import bracket_company
from pipeline.ingest.tool_brands import is_tool_brand
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.stored_calls import store_all

TEAM = ("Nadia Brooks", "Owen Price")

PHONE_TOOL = """RingCentral Call Transcript
From: Nadia Brooks (Ext. 305)
To: Harbour Lane Conveyancing LLP +44 20 7946 0321
Date: 03/11/2026 10:15 AM GMT
Duration: 00:06:12
Direction: Outbound

00:00:02 Nadia Brooks: Hi Gemma, it's Nadia from Docketly, following up on the trial.
00:00:07 +44 20 7946 0321: Hi Nadia. Honestly the price is more than we budgeted for this year.
00:00:15 Nadia Brooks: Understood. Can I send a quote for ten seats instead of twenty?
00:00:21 +44 20 7946 0321: Send it over and I'll take it to the partners.
"""

NOTES = """Call notes – Ashdown Garden Centre
Date: 2026-02-09
Rep: Owen Price
Contact: Priya Nair (Operations Manager), Tom Reyes (Workshop)

Priya said the booking system keeps double-booking the delivery van.
Tom asked whether the repair log can sit in the same place as the bookings.
"""


def _meeting(name: str, invitees: list[tuple[str, str]]) -> bytes:
    """A tl;dv JSON export: the meeting, its organizer and invitees, then the transcript."""
    speakers = ["Nadia Brooks", *(person for person, _mail in invitees)]
    lines = [
        "Thanks for joining, shall we start with how you track matters today?",
        "We use a spreadsheet and it is too slow for the team.",
        "And the price has to fit this year's budget.",
    ]
    return json.dumps(
        {
            "meeting": {
                "id": "m1",
                "name": name,
                "happenedAt": "2026-02-12T15:00:12.000Z",
                "organizer": {"name": "Nadia Brooks", "email": "nadia@docketly.example"},
                "invitees": [{"name": n, "email": m} for n, m in invitees],
            },
            "transcript": {
                "id": "t1",
                "data": [
                    {"speaker": s, "text": t, "startTime": float(i * 5), "endTime": i * 5 + 4.0}
                    for i, (s, t) in enumerate(zip(speakers, lines, strict=False))
                ],
            },
        }
    ).encode()


FILES = {
    "ringcentral_call_transcript_442079460321.txt": PHONE_TOOL.encode(),
    "ashdown_call_notes.txt": NOTES.encode(),
    "tldv_kestrel.json": _meeting(
        "Kestrel Row Solicitors / Docketly - démo",
        [("Gemma Hart", "gemma@kestrelrowsolicitors.example")],
    ),
    "tldv_weekly.json": _meeting(
        "Weekly check-in",
        [("Ravi Shah", "ravi@oak-ridge-vets.example"), ("Lee Moss", "lee.moss@gmail.com")],
    ),
}


@pytest.fixture(scope="module")
def stored(tmp_path_factory: pytest.TempPathFactory, embedder: Embedder) -> dict[str, Call]:
    settings = make_settings(tmp_path_factory.mktemp("accounts") / "data", our_company="Docketly")
    return store_all(Workspace(settings, embedder=embedder), FILES, TEAM)


def test_a_phone_tools_to_party_is_the_account_not_its_brand(stored: dict[str, Call]) -> None:
    call = stored["ringcentral_call_transcript_442079460321.txt"]
    assert call.account == "Harbour Lane Conveyancing LLP"


def test_a_department_in_brackets_is_not_the_account(stored: dict[str, Call]) -> None:
    assert stored["ashdown_call_notes.txt"].account == "Ashdown Garden Centre"


def test_a_meeting_exports_name_and_date_are_read(stored: dict[str, Call]) -> None:
    call = stored["tldv_kestrel.json"]
    assert call.title == "Kestrel Row Solicitors / Docketly - démo"
    assert call.call_date == dt.date(2026, 2, 12)
    assert call.account == "Kestrel Row Solicitors"  # the title's words the domain spells


def test_an_invitees_domain_is_the_account_when_nothing_else_names_one(
    stored: dict[str, Call],
) -> None:
    call = stored["tldv_weekly.json"]
    assert call.account == "Oak Ridge Vets"  # ours and a webmail address are no account
    assert "attendee_domains" not in (call.extra or {})  # addresses are not kept


@pytest.mark.parametrize(
    ("inner", "company"),
    [
        ("Workshop", None),
        ("Fleet Services", None),
        ("Procurement", None),
        ("Acme Logistics", "Acme Logistics"),
        ("Shiftwise", "Shiftwise"),
    ],
)
def test_a_department_in_brackets_is_no_company(inner: str, company: str | None) -> None:
    assert bracket_company(inner) == company


@pytest.mark.parametrize(
    ("name", "brand"),
    [("RingCentral", True), ("Otter.ai", True), ("tl;dv", True), ("Harbour Lane", False)],
)
def test_a_tools_brand_is_known(name: str, brand: bool) -> None:
    assert is_tool_brand(name) is brand
