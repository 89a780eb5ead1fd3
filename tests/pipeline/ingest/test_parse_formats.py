"""Every format and shape: speakers, roles, start times, text and metadata, exactly."""

from __future__ import annotations

import datetime as dt
import io
import json

import docx
import pytest

from pipeline.ingest import FORMATS, SUPPORTED_EXTENSIONS, parse_file, sniff_format
from pipeline.ingest.prepare import apply_metadata
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.settle import read_title
from pipeline.ingest.titles import title_account, title_date
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.pipeline.ingest.conftest import turns


def test_bracketed_timestamp_name_company_with_header_metadata(
    fixture_bytes: dict[str, bytes],
) -> None:
    [call] = parse_file(fixture_bytes["bracketed.txt"], "bracketed.txt")
    assert call.format == "txt"
    assert call.call_date == dt.date(2026, 3, 12)
    assert call.account == "Brightside Dental"
    assert call.outcome == "lost"
    assert call.competitors == ["Jobber", "Housecall Pro"]
    assert turns(call) == [
        ("Maya Chen", "rep", 4.0, "Hi Dana, thanks for taking the time today."),
        ("Dana Ruiz", "buyer", 9.0, "Sure, no problem. Sorry, I'm a couple of minutes late."),
        ("Maya Chen", "rep", 15.0, "No worries at all. How are you handling scheduling right now?"),
        ("Dana Ruiz", "buyer", 21.0, "Honestly? Spreadsheets. And it's, um, a mess."),
        (
            "Luis Ortega",
            "buyer",
            62.0,
            "The bigger issue for us is price, e.g. $1.5k a year is a lot.",
        ),
    ]
    # The company in "Name (Company)" is kept and, with the account, decides the roles.
    assert [u.company for u in call.utterances][:2] == ["Tidyhive", "Brightside Dental"]


def test_name_colon_multiline_turns_and_title(fixture_bytes: dict[str, bytes]) -> None:
    [call] = parse_file(fixture_bytes["colon.txt"], "colon.txt", our_speakers=["Sam Patel"])
    assert call.title == "Pricing follow-up with Harbor Plumbing"
    assert call.our_speakers == ["Sam Patel"]
    assert turns(call) == [
        (
            "Sam",
            "rep",
            None,
            "Thanks for jumping back on. Did you get a chance to look at the proposal?",
        ),
        (
            "Priya",
            "buyer",
            None,
            "I did. It's more than we budgeted, to be honest, and the 12-month contract is a "
            "sticking point.",
        ),
        ("Sam", "rep", None, "Understood. We offer a monthly plan too."),
        ("Priya", "buyer", None, "Does it integrate with QuickBooks?"),
        ("Sam", "rep", None, "It does, both Online and Desktop."),
    ]


def test_zoom_otter_header_lines_keep_each_timed_paragraph(
    fixture_bytes: dict[str, bytes],
) -> None:
    """Two timed paragraphs of one speaker stay two turns, each with its time (the second
    had been merged into the first and its moment lost); a wrapped line joins its turn."""
    [call] = parse_file(fixture_bytes["otter.txt"], "otter.txt")
    assert turns(call) == [
        (
            "Maya Chen",
            "rep",
            2.0,
            "Okay, I think we're recording. Thanks for making the time, Tom.",
        ),
        (
            "Tom Becker",
            "buyer",
            7.0,
            "Yeah, happy to. We've been using ServiceTitan, but the renewal is coming up.",
        ),
        ("Tom Becker", "buyer", 15.0, "And it's just too expensive for a crew our size."),
        ("Maya Chen", "rep", 3845.0, "Got it. Let me show you how our platform handles dispatch."),
    ]


def test_plain_notes_paragraphs_are_rep_notes(fixture_bytes: dict[str, bytes]) -> None:
    [call] = parse_file(fixture_bytes["notes.txt"], "notes.txt")
    assert call.format == "txt"
    assert turns(call) == [
        (None, "rep_note", None, "Call with Greenleaf Landscaping, spoke to the owner."),
        (
            None,
            "rep_note",
            None,
            "They're on Jobber now and the contract runs until June, so switching before then "
            "means paying twice.",
        ),
        (
            None,
            "rep_note",
            None,
            "Biggest worry is the setup time: they have 14 crews and no office manager.",
        ),
    ]


def test_markdown_notes_bullets_front_matter_and_inline_markup(
    fixture_bytes: dict[str, bytes],
) -> None:
    [call] = parse_file(fixture_bytes["notes.md"], "notes.md")
    assert call.format == "md"
    assert call.title == "Oakridge HVAC - demo notes"
    assert call.call_date == dt.date(2026, 3, 20)
    assert call.account == "Oakridge HVAC"
    assert call.deal_stage == "Closed Won"
    assert call.outcome == "won"
    assert turns(call) == [
        (None, "rep_note", None, "Price is fine if we can do annual billing"),
        (
            None,
            "rep_note",
            None,
            "Asked about security: where is the data hosted? They need SOC 2 for their insurer.",
        ),
        (None, "rep_note", None, "Wants QuickBooks sync"),
        (None, "rep_note", None, "Compared us with Housecall Pro"),
        (None, "rep_note", None, "Decision by end of month."),
    ]


VOICE_TURNS = [
    ("Maya Chen", "rep", 1.5, "Thanks for joining, Dana. How many techs do you have on the road?"),
    ("Dana Ruiz", "buyer", 7.5, "About twelve. Some part-time. Is there a setup fee?"),
]


def test_vtt_voice_tags_merge_consecutive_cues(fixture_bytes: dict[str, bytes]) -> None:
    [call] = parse_file(fixture_bytes["voice.vtt"], "voice.vtt")
    assert call.format == "vtt"
    assert turns(call) == VOICE_TURNS


def test_vtt_speaker_prefix_cues_and_unlabelled_continuation(
    fixture_bytes: dict[str, bytes],
) -> None:
    [call] = parse_file(fixture_bytes["colon.vtt"], "colon.vtt")
    assert turns(call) == [
        ("Sam Patel", "rep", 0.0, "Hi Priya, can you hear me okay?"),
        (
            "Priya Nair",
            "buyer",
            3.0,
            "Yes, loud and clear. We looked at the quote and it's a bit steep.",
        ),
        ("Sam Patel", "rep", 8.0, "Understood, let me walk you through the plans."),
    ]
    assert [u.company for u in call.utterances] == ["Tidyhive", "Harbor Plumbing", "Tidyhive"]


def test_srt_speaker_prefix_and_markup(fixture_bytes: dict[str, bytes]) -> None:
    [call] = parse_file(fixture_bytes["call.srt"], "call.srt")
    assert call.format == "srt"
    assert turns(call) == [
        ("Maya", "rep", 2.0, "So what made you start looking now?"),
        (
            "Dana",
            "buyer",
            5.5,
            "Our Jobber contract ends in May. And we got burned on the setup last time.",
        ),
        ("Maya", "rep", 60.25, "That makes sense."),
    ]


def test_callmine_json_schema(fixture_bytes: dict[str, bytes]) -> None:
    [call] = parse_file(fixture_bytes["callmine.json"], "callmine.json")
    assert call.format == "json"
    assert call.title == "Brightside Dental - pricing follow-up"
    assert call.call_date == dt.date(2026, 3, 12)
    assert (call.account, call.deal_id, call.deal_stage, call.outcome) == (
        "Brightside Dental",
        "D-1042",
        "Proposal",
        "open",
    )
    assert call.our_speakers == ["Maya Chen"]
    assert call.competitors == ["Jobber"]
    assert turns(call) == [
        ("Maya Chen", "rep", 12.5, "Did the proposal make sense?"),
        (
            "Dana Ruiz",
            "buyer",
            65.0,
            "Mostly. The price is higher than Jobber. And twelve months is long.",
        ),
        ("Ops Lead", "buyer", 80.0, "Can we pay monthly?"),
    ]


EXPORT_TURNS = [
    ("Sam Patel", "rep", 3.0, "Thanks for making the time."),
    ("Priya Nair", "buyer", 7.25, "Sure. We mostly want to know about integrations."),
    ("Ken Ito", "buyer", 15.0, "And security, we handle customer addresses."),
]


def test_participants_transcript_export_with_affiliations(
    fixture_bytes: dict[str, bytes],
) -> None:
    [call] = parse_file(fixture_bytes["export.json"], "export.json")
    assert call.title == "Discovery call"
    assert turns(call) == EXPORT_TURNS
    assert [u.company for u in call.utterances] == ["Tidyhive", "Harbor Plumbing", None]


def test_hubspot_csv_rows_html_quoted_commas_and_newlines(
    fixture_bytes: dict[str, bytes],
) -> None:
    calls = parse_file(fixture_bytes["hubspot.csv"], "hubspot.csv")
    assert [c.format for c in calls] == ["csv"] * 3  # the blank row is skipped
    first, second, third = calls
    assert (first.call_date, first.account, first.deal_stage, first.outcome, first.deal_id) == (
        dt.date(2026, 3, 14),
        "Harbor Plumbing, LLC",
        "Closed Lost",
        "lost",
        "D-2001",
    )
    assert first.competitors == ["Jobber"]
    assert first.extra["columns"] == {"Record ID": "101"}
    # A few words quoted in the rep's own sentence are the rep's choice of words, not a buyer
    # sentence of their own (review 22j: "way over budget" alone had headed a theme).
    note = 'Priya said the price is too high, "way over budget". Going with Jobber.'
    assert turns(first) == [(None, "rep_note", None, note)]
    assert (second.call_date, second.outcome, second.competitors) == (
        dt.date(2026, 3, 18),
        "open",
        [],
    )
    assert turns(second) == [
        (None, "rep_note", None, "Worried about setup time"),
        (None, "rep_note", None, "Asked about QuickBooks, twice"),
    ]
    assert (third.call_date, third.outcome) == (dt.date(2026, 3, 18), "won")
    assert third.competitors == ["Housecall Pro", "ServiceTitan"]
    # A transcript pasted into a CRM note keeps its speakers; too little to tell who is who.
    assert turns(third) == [
        ("Maya", "unknown", None, "Anything else holding you back?"),
        ("Tom", "unknown", None, "Not really, the monthly plan works for us."),
        ("Maya", "unknown", None, "Great."),
    ]
    [with_rep] = parse_file(
        fixture_bytes["hubspot.csv"], "hubspot.csv", our_speakers=["Maya Chen"]
    )[2:]
    assert [u.role for u in with_rep.utterances] == ["rep", "buyer", "rep"]


def test_salesforce_csv_semicolons_and_boolean_closed_won(
    fixture_bytes: dict[str, bytes],
) -> None:
    calls = parse_file(fixture_bytes["salesforce.csv"], "salesforce.csv")
    assert [(c.title, c.call_date, c.account, c.deal_stage, c.outcome) for c in calls] == [
        ("Intro call", dt.date(2026, 2, 2), "Pine Dental", "Negotiation", "open"),
        ("Renewal", dt.date(2026, 2, 10), "Lake Clinic", "Closed Won", "won"),
        ("Lost deal", dt.date(2026, 2, 11), "Hill Vets", "Closed Lost", "lost"),
    ]
    assert [turns(c) for c in calls][0] == [
        (None, "rep_note", None, "They need SOC 2 before signing.")
    ]


def test_csv_explicit_column_map(fixture_bytes: dict[str, bytes]) -> None:
    column_map = {"text": "What they said", "account": "practice", "date": "When"}
    column_map["outcome"] = "Result"
    [call] = parse_file(fixture_bytes["custom.csv"], "custom.csv", column_map=column_map)
    assert (call.call_date, call.account, call.outcome) == (
        dt.date(2026, 4, 1),
        "Sunny Smiles",
        "lost",
    )
    assert turns(call) == [(None, "rep_note", None, "Too expensive for a two-chair practice.")]


def _docx_bytes(build: list[str], table: list[list[str]] | None = None) -> bytes:
    document = docx.Document()
    document.core_properties.title = "Teams transcript"
    for text in build:
        document.add_paragraph(text)
    if table:
        grid = document.add_table(rows=len(table), cols=len(table[0]))
        for row, values in zip(grid.rows, table, strict=True):
            for cell, value in zip(row.cells, values, strict=True):
                cell.text = value
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def test_docx_teams_transcript_with_table_rows() -> None:
    data = _docx_bytes(
        [
            "Maya Chen   0:03",
            "Thanks for joining, how are you handling invoices today?",
            "",
            "Dana Ruiz   0:09",
            "By hand, mostly.",
        ],
        table=[["0:20", "Dana Ruiz", "Is there a setup fee?"]],
    )
    assert sniff_format(data, "call.docx") == "docx"
    [call] = parse_file(data, "call.docx")
    assert call.format == "docx"
    assert call.title == "Teams transcript"
    assert turns(call) == [
        ("Maya Chen", "rep", 3.0, "Thanks for joining, how are you handling invoices today?"),
        ("Dana Ruiz", "buyer", 9.0, "By hand, mostly. Is there a setup fee?"),
    ]


def test_docx_without_speakers_is_notes() -> None:
    data = _docx_bytes(["Met the owner of Pine Dental.", "", "Needs SOC 2 before signing."])
    [call] = parse_file(data, "notes.docx")
    assert turns(call) == [
        (None, "rep_note", None, "Met the owner of Pine Dental."),
        (None, "rep_note", None, "Needs SOC 2 before signing."),
    ]


@pytest.mark.parametrize(
    ("name", "stored_as", "expected"),
    [
        ("vtt_named.txt", "vtt", VOICE_TURNS),
        ("json_named.txt", "json", EXPORT_TURNS),
    ],
)
def test_content_beats_extension(
    fixture_bytes: dict[str, bytes], name: str, stored_as: str, expected: list[object]
) -> None:
    assert sniff_format(fixture_bytes[name], name) == stored_as
    [call] = parse_file(fixture_bytes[name], name)
    assert call.format == stored_as
    assert turns(call) == expected


@pytest.mark.parametrize(
    ("fixture", "renamed", "fmt"),
    [
        ("call.srt", "subtitles.txt", "srt"),
        ("hubspot.csv", "export.txt", "csv"),
        ("voice.vtt", "no_extension", "vtt"),
        ("otter.txt", "call.log", "txt"),
    ],
)
def test_sniffing_without_a_helpful_extension(
    fixture_bytes: dict[str, bytes], fixture: str, renamed: str, fmt: str
) -> None:
    assert sniff_format(fixture_bytes[fixture], renamed) == fmt
    assert parse_file(fixture_bytes[fixture], renamed)[0].format == fmt


def test_supported_extensions_cover_every_format() -> None:
    assert set(SUPPORTED_EXTENSIONS.values()) == set(FORMATS)


def test_other_label_shapes_and_meet_timestamp_lines() -> None:
    text = (
        b"00:01:10 - Maya Chen: Understood, how are you handling it today?\n"
        b"**Dana:** Markdown bold works too.\n"
        b"00:02:00\n"
        b"Maya Chen: A Google Meet line after a bare timestamp.\n"
        b"Dana (00:02:30): Time in brackets after the name.\n"
    )
    [call] = parse_file(text, "shapes.txt")
    assert [(s, start, t) for s, _, start, t in turns(call)] == [
        ("Maya Chen", 70.0, "Understood, how are you handling it today?"),
        ("Dana", None, "Markdown bold works too."),
        ("Maya Chen", 120.0, "A Google Meet line after a bare timestamp."),
        ("Dana", 150.0, "Time in brackets after the name."),
    ]
    assert [u.company for u in call.utterances] == [None] * 4


def test_srt_with_two_speakers_in_one_subtitle() -> None:
    data = b"1\n00:00:01,000 --> 00:00:03,000\n- Maya: Any questions?\n- Dana: Just price.\n"
    [call] = parse_file(data, "two.srt")
    assert [(s, start, t) for s, _, start, t in turns(call)] == [
        ("Maya", 1.0, "Any questions?"),
        ("Dana", 1.0, "Just price."),
    ]


def test_srt_with_vtt_voice_tags() -> None:
    """Teams and some converters write ``<v Name>`` into SRT: it had been read as one speaker-
    less note, the rep's lines inside the buyer's."""
    data = (
        b"1\n00:00:02,000 --> 00:00:06,000\n<v Tom Okafor>Morning Jake.</v>\n\n"
        b"2\n00:00:06,500 --> 00:00:15,000\n<v Jake Moreno>Ninety a month is a lot.</v>\n\n"
        b"3\n00:00:15,500 --> 00:00:18,000\n<v Jake Moreno (Granite)>Honestly.</v>\n"
    )
    [call] = parse_file(data, "teams.srt")
    assert [(s, start, t) for s, _, start, t in turns(call)] == [
        ("Tom Okafor", 2.0, "Morning Jake."),
        ("Jake Moreno", 6.5, "Ninety a month is a lot. Honestly."),
    ]
    assert call.utterances[1].company == "Granite"


def test_json_speaker_ids_and_internal_flags() -> None:
    data = (
        b'{"participants": [{"id": "s1", "name": "Sam", "internal": true},'
        b' {"id": "s2", "name": "Kim", "internal": false}],'
        b' "transcript": [{"speaker_id": "s1", "start": 1, "text": "Hi"},'
        b' {"speaker_id": "s2", "start": "0:05", "text": "Hello"}]}'
    )
    [call] = parse_file(data, "ids.json")
    assert turns(call) == [("Sam", "rep", 1.0, "Hi"), ("Kim", "buyer", 5.0, "Hello")]


def test_unreadable_csv_date_is_kept_not_guessed() -> None:
    data = b"Notes,Created Date\nToo pricey,sometime in spring\n"
    [call] = parse_file(data, "dates.csv")
    assert call.call_date is None
    assert call.extra["date_unparsed"] == "sometime in spring"


NOTE_WITH_TITLE = """# Call notes – Quayside Fitness (Oct 20, 2026)

**Attendees:** Priya Nair (Shiftwise), Dom Hale (ops manager)
**Outcome:** open

## What Dom said
- "Staffly quoted us a setup fee of £1,200, if you're charging one too it's a no."
- Asked whether we integrate with Mindbody.

## Next steps
- Priya to send integration list.

Action items:
- Book the demo.
"""


@pytest.mark.parametrize(
    ("title", "date", "account"),
    [
        ("Call notes – Quayside Fitness (Oct 20, 2026)", "2026-10-20", "Quayside Fitness"),
        ("Discovery call - Acme Corp - 2026-03-12", "2026-03-12", "Acme Corp"),
        ("Call with Brightbean Coffee", None, "Brightbean Coffee"),
        ("Granite Fitness | Pricing call | 3 Mar 2026", "2026-03-03", "Granite Fitness"),
        ("Shiftwise x Brookfield Dental - discovery", None, None),  # two companies: neither
        ("Weekly pipeline review", None, None),  # nothing frames it as an account
        ("Meeting notes", None, None),
        ("Tue, 27 Jan 26 · Anton Weiss", "2026-01-27", "Anton Weiss"),  # Granola's date line
        # a topic after a name frames it only where our name is there too (below)
        ("Orchard Lane Advisory - Security & Pricing", None, None),
    ],
)
def test_what_a_title_says_of_the_call(title: str, date: str | None, account: str | None) -> None:
    found = title_date(title)
    assert (found.isoformat() if found else None, title_account(title)) == (date, account)


@pytest.mark.parametrize(
    ("title", "account"),
    [
        ("Brightline Electric - Dispatchly demo", "Brightline Electric"),
        ("Dispatchly <> Coastal Mechanical | Pricing follow-up", "Coastal Mechanical"),
        ("Dispatchly demo - Northgate Mechanical (Mar 3, 2026)", "Northgate Mechanical"),
        ("Recap - Harbor Electric call", "Harbor Electric"),
        ("Call notes - Pinecrest follow-up", "Pinecrest"),
        ("Dispatchly x Reyes Heating & Air", "Reyes Heating & Air"),
        ("Team sync", None),
        ("Dispatchly weekly pipeline review", None),
        ("Huddle transcript", None),
        # the name before the meeting's purpose, in lower case
        ("FW: Recap - Kessler Animal Hospital reference call", "Kessler Animal Hospital"),
        ("Lindqvist Legal - security review call", "Lindqvist Legal"),
        ("Weekly pipeline review", None),
        # our name on one side, the account on the other, the meeting's topics after them
        ("Dispatchly | Orchard Lane Advisory - Security & Pricing", "Orchard Lane Advisory"),
        ("Dispatchly / Tamsin Bookkeeping - Demo", "Tamsin Bookkeeping"),
        ("Northgate Security call", "Northgate Security"),  # a topic word inside a name stays
        # "x", "X" or "×" between the two companies, ours on either side; a count or a period
        # says which meeting of a series, never a name
        ("Lumiere Skin Co x Dispatchly | 90-day review", "Lumiere Skin Co"),
        ("Lumiere Skin Co X Dispatchly | 30 day check-in", "Lumiere Skin Co"),
        ("Dispatchly × Kessler Animal Hospital | Q3 review", "Kessler Animal Hospital"),
        ("Next Level Fitness | 2nd call", "Next Level Fitness"),
        ("Brand X | demo", "Brand X"),  # an "X" before no name is the name's own
    ],
)
def test_a_title_names_the_account_beside_ours_and_meeting_words(
    title: str, account: str | None
) -> None:
    """With our company known, "Dispatchly <> Coastal Mechanical" names the account; "Recap -
    Harbor Electric call" had given the account "Harbor Electric call"."""
    assert title_account(title, ["Dispatchly"]) == account


def test_the_title_fills_what_nothing_else_gave() -> None:
    [call] = parse_file(NOTE_WITH_TITLE.encode(), "quayside.md")
    apply_metadata(call, CallMetadata())
    read_title(call)
    assert (call.account, str(call.call_date)) == ("Quayside Fitness", "2026-10-20")
    [given] = parse_file(NOTE_WITH_TITLE.encode(), "quayside.md")
    apply_metadata(given, CallMetadata(account="Quayside Gyms Ltd"))
    read_title(given)
    assert given.account == "Quayside Gyms Ltd"  # what the user gave wins


def test_crm_columns_named_closed_on_stage_result_and_rival_are_read() -> None:
    """A reviewer's CRM export left date, outcome and competitor empty."""
    data = (
        b"Deal Title,Org,Closed On,Stage Result,Owner,Activity Note,Rival\n"
        b'Harborlight - Q3,Harborlight Salon,2026-03-10,Lost,Tom Okafor,"Too dear.",ClockBee\n'
    )
    [call] = parse_file(data, "crm.csv")
    assert (call.account, str(call.call_date), call.outcome, call.competitors) == (
        "Harborlight Salon",
        "2026-03-10",
        "lost",
        ["ClockBee"],
    )


def test_an_open_deals_close_date_is_no_call_date() -> None:
    """HubSpot's "Close Date" on an "Appointment Scheduled" deal is a forecast: a row dated the
    end of next month had made every theme "falling" on the dashboard."""
    data = (
        b'"Record ID","Deal Name","Deal Stage","Close Date","Create Date","Primary Competitor",'
        b'"Notes"\n'
        b'"1","Greenway","Appointment Scheduled","2026-04-30 00:00","2026-03-02","FieldEdge",'
        b'"Owner worried about data security."\n'
        b'"2","Greenway","Appointment Scheduled","2026-04-30 00:00","","",'
        b'"Wants SOC 2 and chemical logs."\n'
        b'"3","Allied","Closed Won","2026-03-14 09:05","2026-02-01","","Signed same day."\n'
    )
    forecast, undated, won = parse_file(data, "hubspot.csv")
    assert str(forecast.call_date) == "2026-03-02"  # the other date column
    assert forecast.extra["expected_close"] == "2026-04-30 00:00"
    assert forecast.competitors == ["FieldEdge"] and forecast.deal_id == "1"
    assert undated.call_date is None and undated.extra["expected_close"]
    assert (str(won.call_date), won.outcome) == ("2026-03-14", "won")  # when it closed


def test_a_recording_tools_file_name_dates_the_call(ws: Workspace) -> None:
    """Zoom names its files "GMT20260312-150233_Recording..."; a CSV export's date is the
    export's, not each row's."""
    from pipeline.ingest.service import ingest_data

    vtt = b"WEBVTT\n\n00:00:01.000 --> 00:00:04.000\nDana Ruiz: Is there a monthly plan at all?\n"
    [result] = ingest_data(ws, vtt, "GMT20260312-150233_Recording.transcript.vtt", CallMetadata())
    rows = b"Notes,Company\nToo dear for us this year.,Acme\nWe need sign-off first.,Beta\n"
    export = ingest_data(ws, rows, "hubspot_notes_2026-04-01.csv", CallMetadata())
    with ws.session() as session:
        call = session.get(Call, result.call_id)
        assert call is not None and str(call.call_date) == "2026-03-12"
        dated = [session.get(Call, r.call_id) for r in export]
        assert [c.call_date if c else "missing" for c in dated] == [None, None]


def test_a_crm_reports_footer_is_no_row() -> None:
    """A Salesforce report export ends with totals, the company and a copyright: they had been
    reported as six skipped rows."""
    data = (
        b'"Opportunity Name","Stage","Close Date","Description"\n'
        b'"Acme - Pro","Closed Won","2026-03-02","Liked the board."\n'
        b'"Note only","","",""\n'
        b"\n"
        b'"Grand Totals (2 records)"\n\n"Dispatchly Inc."\n'
        b'"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."\n'
        b'"Confidential Information - Do Not Distribute"\n'
        b'"Generated By:  Marcus Bell  4/3/2026 10:14 AM"\n'
    )
    calls = parse_file(data, "report.csv")
    assert [c.title for c in calls] == ["Acme - Pro", "Note only"]


@pytest.mark.parametrize(
    "totals",
    [  # walk 6: the totals row with its sum had been reported as a row with no notes
        b'"Grand Totals (3 records)","","56460",""\n',
        b'"Total","","$1,240.50","12"\n',
        b'"Grand Total (3 records)","3","","98%"\n',
    ],
)
def test_a_crm_reports_totals_with_their_sums_are_no_row(totals: bytes) -> None:
    data = (
        b'"Opportunity Name","Seats","Amount","Description"\n'
        b'"Harbor Dental - 9 chairs","9","8100","Worried about moving the X-ray archive."\n'
        b'"Fern Farm - 2 barns","2","1200","Wants offline on the tractor tablets."\n'
        b'"Corner Bistro","1","900","Price per till is steep."\n' + totals
    )
    calls = parse_file(data, "report.csv")
    assert [c.title for c in calls] == [
        "Harbor Dental - 9 chairs",
        "Fern Farm - 2 barns",
        "Corner Bistro",
    ]


def test_a_saved_meeting_chat_is_read_as_turns() -> None:
    """Zoom's meeting_saved_chat.txt had been read as two notes with no speaker."""
    chat = (
        "09:02:11 From Lucia Gomez to Everyone:\n"
        "\tHi all, here is the pricing page we will walk through.\n"
        "09:03:40 From Sam Okafor (Harbor Dental Group) to Everyone:\n"
        "\tSorry my mic is broken, typing instead.\n\tOur biggest issue is insurance checks.\n"
        "09:05:30 From Lucia Gomez to Everyone:\n\tWe can start billing when your contract ends.\n"
        "09:06:02 From Sam Okafor (Harbor Dental Group) to Everyone:\n"
        '\tReacted to "We can start billing..." with 👍\n'
    )
    [call] = parse_file(chat.encode(), "meeting_saved_chat.txt")
    assert [(u.speaker, u.company, u.text) for u in call.utterances] == [
        ("Lucia Gomez", None, "Hi all, here is the pricing page we will walk through."),
        (
            "Sam Okafor",
            "Harbor Dental Group",
            "Sorry my mic is broken, typing instead. Our biggest issue is insurance checks.",
        ),
        ("Lucia Gomez", None, "We can start billing when your contract ends."),
    ]
    assert call.utterances[1].start_seconds == 89  # 09:03:40, timed from the first 09:02:11


def test_a_json_export_with_snippets_and_nested_deal_fields() -> None:
    """A Chorus-like export (text under "snippet", the deal under engagement.opportunity) had
    been refused: "JSON transcript not found"."""
    document = {
        "engagement": {
            "subject": "Riverside Family Dental <> ChairFlow - Discovery",
            "date_time": "2026-04-14T15:00:00Z",
            "account_name": "Riverside Family Dental",
            "opportunity": {"stage": "Closed Lost", "competitors": ["Dentrix Ascend"]},
        },
        "recording": {
            "transcript": {
                "utterances": [
                    {
                        "speaker_name": "Owen Park",
                        "start_ms": 3100,
                        "snippet": "Thanks for joining.",
                    },
                    {
                        "speaker_name": "Dr. Lena Shah",
                        "start_ms": 8900,
                        "snippet": "We're on Dentrix.",
                    },
                ]
            }
        },
    }
    [call] = parse_file(json.dumps(document).encode(), "chorus.json")
    assert (call.title, str(call.call_date), call.account, call.outcome, call.competitors) == (
        "Riverside Family Dental <> ChairFlow - Discovery",
        "2026-04-14",
        "Riverside Family Dental",
        "lost",
        ["Dentrix Ascend"],
    )
    assert [(u.speaker, u.text) for u in call.utterances] == [
        ("Owen Park", "Thanks for joining."),
        ("Dr. Lena Shah", "We're on Dentrix."),
    ]
