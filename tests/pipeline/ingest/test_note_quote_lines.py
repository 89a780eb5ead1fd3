"""A CRM note whose lines quote the buyer as ``Name: "…"`` is the rep's note with buyer quotes,
never the buyer's transcript: a HubSpot note quoting Sam twice had been read as Sam speaking,
its first line (the rep's) the call's title and never analysed, the rep's closing line with
Sam's phone and email one of Sam's turns, and the summary "1 speaker, 1 turn". Notes written
the way HubSpot, Salesforce, Pipedrive, Close and Zoho export them; people and trades invented,
phone numbers from the drama ranges."""

from __future__ import annotations

import pytest

from pipeline.ingest.base import ParsedCall
from pipeline.ingest.parse import read_calls
from pipeline.ingest.readable import understood
from tests.pipeline.ingest.test_note_quote_speakers import EXPORTS, Export

ALL_EXPORTS = [
    *EXPORTS,
    Export("close", "note", "lead_name", "user_name", "date_created", "contact_name"),
    Export("zoho", "Description", "Related To", "Call Owner", "Call Start Time", "Contact Name"),
]

# (account, contact, the note's lines: the rep's first line, the quoted lines, the rep's last)
NOTES = [
    ("Holt Pest Control", "Gary Holt", [
        "Site visit with Gary Holt (ops). 3 vans, job sheets on paper.",
        'Gary: "We lose a morning a week retyping the job sheets into Sage."',
        'Gary: "If the techs need a new phone each, it is dead in the water."',
        "Trial in March. Gary mob 07700 900123, gary@holtpest.example",
    ]),
    ("Ashby & Daughters Funeral Directors", "Ruth Ashby", [
        "Call w/ Ruth Ashby (director). Two branches, arrangements in a day book.",
        'Ruth: "Families want to sign the forms on a tablet, not come back in."',
        'Ruth: "We cannot have next of kin details stored outside the UK."',
        "Send the data residency note. Ruth 01632 960118, ruth@ashbyfd.example",
    ]),
    ("Pixelforge Studio", "Raj Patel", [
        "Discovery with Raj Patel (CTO), 14 devs, timesheets in a spreadsheet.",
        'Raj: "Clients dispute every invoice because they never see the hours."',
        'Raj: "Jira is where the work lives, so it has to read from Jira."',
        "Demo w/c 9 Nov. raj@pixelforge.example / 07700 900456",
    ]),
    ("Hollybrook Farm", "Tom Reeve", [
        "Spoke to Tom Reeve (farm manager). 300 head, herd records on paper.",
        'Tom: "The milk cheque reconciliation eats a full day every month."',
        'Tom: "There is no signal in the parlour, so it has to work offline."',
        "Visit after calving. Tom on 07700 900789, tom@hollybrook.example",
    ]),
    ("Riverside Food Bank", "Ann Lyle", [
        "Call with Ann Lyle (treasurer). Volunteers change weekly, rota by WhatsApp.",
        'Ann: "Half our volunteers are over seventy and will not install an app."',
        'Ann: "We are a charity, anything over forty pounds a month goes to the trustees."',
        "Trustees meet 2 Dec. Ann: ann.lyle@riversidefb.example, 01632 960222",
    ]),
    ("Elm Street Dental", "Amira Haddad", [
        "Demo to Amira Haddad (practice owner), 4 chairs, recalls by post.",
        'Amira: "Our recall letters cost us more in stamps than the software would."',
        'Amira: "Anything we add has to pass the NHS data security toolkit first."',
        "Wants DPA. amira@elmstreetdental.example, 07700 900321",
    ]),
    ("Northgate Vets", "Nadia Brooks", [
        "Call w/ Nadia Brooks (head nurse). Two sites, rota on a whiteboard.",
        'Nadia: "Locums cost us a fortune because we find the gaps too late."',
        'Nadia: "The vets will not fill in anything on a desktop between consults."',
        "Follow up Friday. Nadia mob 07700 900654",
    ]),
    ("Ysgol Bryn", "Nia Evans", [
        "Spoke to Nia Evans (bursar). 600 pupils, trip payments by cheque.",
        'Nia: "Chasing trip money is most of my February, every year."',
        'Nia: "The council procurement rules mean a three quote process."',
        "Send quote pack. nia.evans@ysgolbryn.example",
    ]),
    ("Copper Kettle Brewery", "Jonas Berg", [
        "Tasting room call with Jonas Berg (owner). Kegs tracked on a spreadsheet.",
        'Jonas: "We lose about forty kegs a year and nobody knows where they went."',
        'Jonas: "Our accountant will only take exports in the Xero format."',
        "Next: pricing for 2 sites. Jonas 07700 900987, jonas@copperkettle.example",
    ]),
    ("Greenleaf Landscaping", "Wendy Cole", [
        "Quick call with Wendy Cole (office). 5 crews, quotes in Word.",
        'Wendy: "Every quote we sent in July went unanswered for weeks."',
        'Wendy: "The crews start at seven and I am not in until nine."',
        "Demo booked 12 Nov. wendy@greenleaf.example",
    ]),
]  # fmt: skip


def _call(export: Export, account: str, contact: str, lines: list[str]) -> ParsedCall:
    row = {"date": "2026-11-03", "account": account, "owner": "Ellie Marsh",
           "note": "\n".join(lines), "contact": contact}  # fmt: skip
    [call] = read_calls(export.csv([row]), f"{export.name}_notes.csv")
    return call


def _quoted(line: str) -> str:
    return line.split(": ", 1)[1].strip('"')


@pytest.mark.parametrize("export", ALL_EXPORTS, ids=lambda e: e.name)
@pytest.mark.parametrize(("account", "contact", "lines"), NOTES, ids=[n[0] for n in NOTES])
def test_name_colon_quote_lines_are_buyer_quotes_in_the_reps_note(
    export: Export, account: str, contact: str, lines: list[str]
) -> None:
    call = _call(export, account, contact, lines)
    quotes = [u for u in call.utterances if u.role == "buyer"]
    assert [u.text for u in quotes] == [_quoted(line) for line in lines[1:-1]]
    assert all(u.quoted for u in quotes)
    if export.contact:
        assert {u.speaker for u in quotes} == {contact}
    notes = " ".join(u.text for u in call.utterances if u.role == "rep_note")
    last = lines[-1].removeprefix("Next: ")  # "Next:" labels the rep's plan: the label goes
    assert lines[0] in notes and last in notes  # the rep's own lines, read as notes
    assert call.title != lines[0]
    told = understood(call.utterances).describe()
    assert "turn" not in told and "2 buyer quotes" in told


@pytest.mark.parametrize("export", ALL_EXPORTS, ids=lambda e: e.name)
def test_several_buyers_quoted_in_turn_are_each_their_own_quote(export: Export) -> None:
    lines = [
        "Committee demo (Ann Lyle, Chair; Tom Vickery, Hon. Treasurer).",
        'Tom: "Do you do the membership subs as well as the bookings?"',
        'Ann: "The members would only ever use the bar tab."',
        'Tom: "Anything holding members\' details goes past our DPO first."',
    ]
    call = _call(export, "Port Ellery Sailing Club", "", lines)
    quotes = [(u.speaker, u.text) for u in call.utterances if u.role == "buyer"]
    assert [text for _, text in quotes] == [_quoted(line) for line in lines[1:]]
    assert [speaker for speaker, _ in quotes] == ["Tom Vickery", "Ann Lyle", "Tom Vickery"]


# A notes field holding a pasted transcript (unquoted turns) stays a transcript.
TRANSCRIPT = [
    "Gary: We retype every job sheet into Sage on a Monday.",
    "Ellie: How long does that take you?",
    "Gary: Most of the morning, and the techs hate the paper.",
    "Ellie: Our app sends the sheet straight to Sage.",
]


@pytest.mark.parametrize("export", ALL_EXPORTS, ids=lambda e: e.name)
def test_a_pasted_transcript_in_a_notes_field_is_still_turns(export: Export) -> None:
    call = _call(export, "Holt Pest Control", "Gary Holt", TRANSCRIPT)
    said = [(u.speaker, u.text) for u in call.utterances]
    assert said == [tuple(line.split(": ", 1)) for line in TRANSCRIPT]
