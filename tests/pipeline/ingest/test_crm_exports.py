"""CRM exports a reviewer brought that the reader did not know: Zoho, Close, Dynamics 365 and
Copper activity columns, a report with a title block above its header (Zoom's webinar Q&A), a
Pipedrive deal whose lost reason sits on a row of its own. Expected values were written by
reading the files in ``fixtures/crm``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_data
from pipeline.store.models import Call
from pipeline.workspace import Workspace

CRM = Path(__file__).parent / "fixtures" / "crm"


def _calls(name: str) -> list[ParsedCall]:
    return parse_file((CRM / name).read_bytes(), name)


# (file, [(date, account, title, our speaker, outcome)] per row)
ACTIVITY_EXPORTS = [
    (
        "zoho_calls_export.csv",  # Related To, Call Start Time, Subject, Call Owner
        [
            ("2026-07-08", "Metro Medical Couriers", "Discovery - Metro Medical Couriers",
             "Priya Raman", None),
            ("2026-07-29", "Metro Medical Couriers", "Follow-up - Metro Medical Couriers",
             "Priya Raman", None),
            ("2026-10-20", "Tri-County Septic", "Tri-County Septic - pricing call",
             "Jordan Hayes", None),
        ],
    ),
    (
        "close_activities_export.csv",  # lead_name, date_created, user_name, lead_status
        [
            # no subject column: a row of many is titled by its account, not the file's name
            ("2026-08-12", "Hilltop Moving & Storage", "Notes on Hilltop Moving & Storage",
             "Jordan Hayes", "open"),
            ("2026-08-28", "Hilltop Moving & Storage", "Notes on Hilltop Moving & Storage",
             "Jordan Hayes", "won"),
        ],
    ),
    (
        "dynamics365_phonecalls.csv",  # Regarding, Actual End, Subject (a title), Owner
        [
            ("2026-11-05", "Prairie Ag Logistics", "Intro call - Prairie Ag Logistics fleet",
             "Jordan Hayes", None),
            ("2026-11-19", "Prairie Ag Logistics", "Follow-up: union + pricing - Prairie Ag",
             "Jordan Hayes", None),
        ],
    ),
    (
        "copper_activities_export.csv",  # Activity Date, Company, User
        [
            ("2026-11-16", "Kangaroo Kids Tutoring", "Notes on Kangaroo Kids Tutoring",
             "Liam O'Brien", None),
            ("2026-11-18", "Little Scholars Enrichment", "Notes on Little Scholars Enrichment",
             "Jenna Alvarez", None),
        ],
    ),
    (
        "bullhorn_notes_export.csv",  # Date Added (US, with a time), Author, About, Company
        [
            ("2026-09-14", "Brightwater Nursing Agency", "Notes on Brightwater Nursing Agency",
             "Marta Kowalczyk", None),
            ("2026-09-29", "Brightwater Nursing Agency", "Notes on Brightwater Nursing Agency",
             "Marta Kowalczyk", None),
            ("2026-10-06", "Ridgeway Engineering Talent", "Notes on Ridgeway Engineering Talent",
             "Dafydd Rees", None),
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rows"), ACTIVITY_EXPORTS)
def test_activity_exports_give_each_call_its_date_account_and_rep(
    name: str, rows: list[tuple[str, str, str | None, str, str | None]]
) -> None:
    calls = _calls(name)
    got = [
        (
            call.call_date.isoformat() if call.call_date else None,
            call.account,
            call.title,
            call.our_speakers[0] if call.our_speakers else None,
            call.outcome,
        )
        for call in calls
    ]
    assert got == rows


def test_an_ats_notes_contact_is_a_buyer_and_its_author_our_rep() -> None:
    """Bullhorn's "About" is the contact the note is on (a buyer, hidden in exports), its
    "Author" our rep: both had been unused columns, and the date column unknown."""
    people = [
        {(p.name, p.role) for p in call.people} for call in _calls("bullhorn_notes_export.csv")
    ]
    assert people == [
        {("Marta Kowalczyk", "rep"), ("Oluwaseun Adebayo", "buyer")},
        {("Marta Kowalczyk", "rep"), ("Oluwaseun Adebayo", "buyer")},
        {("Dafydd Rees", "rep"), ("Siobhán Gallagher", "buyer")},
    ]


@pytest.mark.parametrize(
    ("date", "rep", "contact"),
    [
        ("Created Date", "Owner", "Candidate/Contact"),
        ("Note Date", "Created By", "Contact"),
        ("Date Created", "Note Author", "Candidate / Contact"),
        ("Activity Date", "Added By", "About"),
    ],
)
def test_ats_note_headers_name_the_date_rep_and_contact(date: str, rep: str, contact: str) -> None:
    data = (
        f"{date},{rep},{contact},Company,Comments\n"
        "03/02/2026 9:12 AM,Marta Kowalczyk,Tadhg Ó Súilleabháin,Kilbride Care Staffing,"
        '"Tadhg says the rota tool is slow. Budget set in April."\n'
    ).encode()
    [call] = parse_file(data, "notes.csv")
    assert call.call_date == dt.date(2026, 3, 2)
    assert call.our_speakers == ["Marta Kowalczyk"]
    assert ("Tadhg Ó Súilleabháin", "buyer") in {(p.name, p.role) for p in call.people}


def test_dynamics_subject_is_a_title_so_one_account_not_two() -> None:
    """The account had come from Subject: "Prairie Ag Logistics fleet" and "Prairie Ag"."""
    assert {call.account for call in _calls("dynamics365_phonecalls.csv")} == {
        "Prairie Ag Logistics"
    }


def test_zoho_call_result_is_not_a_deal_outcome() -> None:
    """ "Interested" / "Not interested" is how the call went, kept with the call."""
    first = _calls("zoho_calls_export.csv")[0]
    assert first.outcome is None
    assert first.extra["columns"]["Call Result"] == "Interested"
    assert first.call_date == dt.date(2026, 7, 8)


# A Salesforce-style CSV report: title, filters and a blank line above the header row.
TITLED_REPORT = (
    b"Won and lost calls\n"
    b'"Filtered By: Stage equals Closed Lost"\n'
    b"\n"
    b"Account Name;Activity Date;Comments\n"
    b"Harbor Plumbing;3/14/2026;Price too high, going with Jobber.\n"
    b"Quayside Fitness;3/20/2026;Wants monthly billing.\n"
)


def test_a_csv_report_is_read_from_the_header_below_its_title_block() -> None:
    calls = parse_file(TITLED_REPORT, "report.csv")
    assert [(c.account, c.call_date, c.utterances[0].text) for c in calls] == [
        ("Harbor Plumbing", dt.date(2026, 3, 14), "Price too high, going with Jobber."),
        ("Quayside Fitness", dt.date(2026, 3, 20), "Wants monthly billing."),
    ]


def test_a_column_map_finds_the_header_row_it_names() -> None:
    data = (
        b"Exported 2026-03-21\n\n"
        b"Practice,When,What they said\n"
        b"Brightside Dental,2026-03-02,Too dear.\n"
    )
    column_map = {"text": "What they said", "account": "Practice", "date": "When"}
    [call] = parse_file(data, "odd.csv", column_map=column_map)
    assert (call.account, call.call_date, call.utterances[0].text) == (
        "Brightside Dental",
        dt.date(2026, 3, 2),
        "Too dear.",
    )


def test_csv_and_workbook_share_one_header_finder() -> None:
    """One function finds the header for both readers (two copies had drifted before)."""
    from pipeline.ingest import csv_file, spreadsheet
    from pipeline.ingest.csv_columns import header_position

    assert csv_file.header_position is header_position
    assert spreadsheet.header_position is header_position


def test_a_zoom_webinar_qa_report_is_one_call_of_questions_and_answers() -> None:
    [call] = _calls("zoom_webinar_qa_report.csv")
    assert call.title == "ClassNest Live: Termly billing without the spreadsheet"
    assert call.call_date == dt.date(2026, 9, 22)  # Actual Start Time, not Report Generated
    assert call.our_speakers == ["Sophie Turner", "Tom Hargreaves"]
    assert call.account is None  # six askers from several schools
    said = [(u.speaker, u.role, u.text[:40]) for u in call.utterances]
    assert said == [
        ("Helen Brooks", "buyer", "We're a music school with 40% of student"),
        ("Tom Hargreaves", "rep", "Yes - family accounts, one invoice per f"),
        ("Anonymous Attendee", "buyer", "Is your data held in the UK? Our local a"),
        ("Raj Patel", "buyer", "How much is it per student? We have abou"),
        ("Tom Hargreaves", "rep", "We price per location, not per student: "),
        ("Emma Clarke", "buyer", "We already use TutorBird and parents lik"),
        ("Helen Brooks", "buyer", "Does it integrate with Xero for the dire"),
        ("Tom Hargreaves", "rep", "Xero yes; GoCardless direct debit is on "),
        ("Anonymous Attendee", "buyer", "sorry my audio dropped - is there a cont"),
        ("Sophie Turner", "rep", "Monthly or annual; termly billing is on "),
    ]  # "Sophie Turner: live answered" holds no words
    assert not any("@" in u.text for u in call.utterances)
    assert "@" not in repr(call.extra) + repr(call.people)


def test_the_upload_preview_shows_the_question_table() -> None:
    from pipeline.ingest.csv_preview import csv_preview

    preview = csv_preview((CRM / "zoom_webinar_qa_report.csv").read_bytes(), "qa.csv")
    assert preview["headers"] == ["#", "Question", "Asker Name", "Asker Email", "Answer(s)"]
    assert preview["rows"] == 6
    assert "Zoom webinar Q&A report" in preview["problem"]
    titled = csv_preview(TITLED_REPORT, "report.csv")
    assert titled["headers"] == ["Account Name", "Activity Date", "Comments"]
    assert dict(titled["fields"])["account"] == "Account Name"


def test_a_deals_reason_only_row_is_skipped_not_a_second_call(workspace: Workspace) -> None:
    """Maple Leaf Music's lost deal has its note row and an empty-note row: one call, not two
    (the counts had said "Pike13: 0 won, 2 lost" for one lost deal)."""
    name = "pipedrive_deals_notes_export.csv"
    results = ingest_data(workspace, (CRM / name).read_bytes(), name, CallMetadata())
    assert [r.status for r in results] == ["created", "created", "skipped"]
    assert results[2].reason == (
        "only the won/lost reason of deal 'Maple Leaf Music - 1 location', kept with that "
        "deal's notes (line 3)"
    )
    with workspace.session() as session:
        calls = session.scalars(select(Call).order_by(Call.id)).all()
        assert [(c.account, c.outcome) for c in calls] == [
            ("Riverside Tutoring LLC", "won"),
            ("Maple Leaf Music School", "lost"),
        ]
        notes = [u.text for u in calls[1].utterances]
    assert notes.count("Lost reason: Chose competitor: Pike13") == 1


DEALS = (
    b"Deal ID,Deal Name,Company,Deal Stage,Closed Lost Reason,Note Body\n"
    b"D-1,Harbor - 5 trucks,Harbor Towing,Closed Lost,,Said $18 a truck locally.\n"
    b"D-1,Harbor - 5 trucks,Harbor Towing,Closed Lost,Price: local vendor,\n"
    b"D-2,Quay - 2 vans,Quay Couriers,Closed Lost,No budget this year,\n"
)


def test_a_reason_only_row_gives_its_reason_to_the_deals_call() -> None:
    calls = parse_file(DEALS, "deals.csv")
    assert [c.skip_reason is None for c in calls] == [True, False, True]
    assert [u.text for u in calls[0].utterances] == [
        "Said $18 a truck locally.",
        "Closed Lost Reason: Price: local vendor",
    ]
    # Another deal with only its reason is still a call: nothing else tells of it.
    assert [u.text for u in calls[2].utterances] == ["Closed Lost Reason: No budget this year"]


# Columns the reader does not know: the first import stores the rows with no date, and the
# account only as the deal title guesses it ("Harbor - 12 trucks": Harbor; a count is no name).
TOWING = (
    b"Deal Title,Yard,Lost At,Note\n"
    b"Harbor - 12 trucks,Harbor City Towing,2026-06-02,Luis said $18 a truck from a local vendor.\n"
    b"Bright Path - 9 vans,Bright Path Couriers,2026-07-30,The fuel number sold it.\n"
)
TOWING_MAP = {"date": "Lost At", "account": "Yard"}


def test_reimporting_with_a_column_map_updates_the_stored_calls(workspace: Workspace) -> None:
    first = ingest_data(workspace, TOWING, "pipedrive.csv", CallMetadata())
    assert [r.status for r in first] == ["created", "created"]
    again = ingest_data(workspace, TOWING, "pipedrive.csv", CallMetadata(), column_map=TOWING_MAP)
    assert [(r.status, r.call_id) for r in again] == [("resumed", r.call_id) for r in first]
    assert [r.reason for r in again] == [
        "already stored; updated date: none → 2026-06-02; account: Harbor → Harbor City Towing",
        "already stored; updated date: none → 2026-07-30; "
        "account: Bright Path → Bright Path Couriers",
    ]
    with workspace.session() as session:
        calls = session.scalars(select(Call).order_by(Call.id)).all()
        assert [(c.call_date, c.account) for c in calls] == [
            (dt.date(2026, 6, 2), "Harbor City Towing"),
            (dt.date(2026, 7, 30), "Bright Path Couriers"),
        ]
    # The same file and map once more: stored, nothing new to say.
    same = ingest_data(workspace, TOWING, "pipedrive.csv", CallMetadata(), column_map=TOWING_MAP)
    assert [(r.status, r.reason) for r in same] == [("resumed", None), ("resumed", None)]


SHORT_NOTES = (
    b"Deal,Account,Note\nD-1,Harbor Towing,Sent pricing.\nD-2,Quay Couriers,Sent pricing.\n"
)


def test_the_same_short_note_of_two_deals_stays_two_calls(workspace: Workspace) -> None:
    """A stored row that had its account and deal is never taken for another deal's row."""
    first_row = b"Deal,Account,Note\nD-1,Harbor Towing,Sent pricing.\n"
    [one] = ingest_data(workspace, first_row, "one.csv", CallMetadata())
    both = ingest_data(workspace, SHORT_NOTES, "both.csv", CallMetadata())
    assert [(r.status, r.reason) for r in both] == [("resumed", None), ("created", None)]
    assert both[0].call_id == one.call_id and both[1].call_id != one.call_id


def test_rows_once_stored_as_one_call_become_their_deals_calls(workspace: Workspace) -> None:
    """Without its deal and account columns the two rows were one call; mapped, the first row
    updates that call and the second is a call of its own."""
    bare = SHORT_NOTES.replace(b"Deal,Account,Note", b"Ref,Patch,Note")
    first = ingest_data(workspace, bare, "bare.csv", CallMetadata())
    assert [r.status for r in first] == ["created", "duplicate"]  # the same note: stored once
    mapped = ingest_data(
        workspace, bare, "bare.csv", CallMetadata(), column_map={"account": "Patch"}
    )
    assert [(r.status, r.call_id == first[0].call_id) for r in mapped] == [
        ("resumed", True),
        ("created", False),
    ]
    assert mapped[0].reason == "already stored; updated account: none → Harbor Towing"


def test_a_one_row_export_reimported_with_a_map_updates_its_call(workspace: Workspace) -> None:
    """A file of one row is stored on its own (``store_parsed``), not in a batch."""
    one_row = b"\n".join(TOWING.split(b"\n")[:2]) + b"\n"
    [first] = ingest_data(workspace, one_row, "one.csv", CallMetadata())
    [again] = ingest_data(workspace, one_row, "one.csv", CallMetadata(), column_map=TOWING_MAP)
    assert (again.status, again.call_id) == ("resumed", first.call_id)
    assert again.reason == (
        "already stored; updated date: none → 2026-06-02; account: Harbor → Harbor City Towing"
    )


def test_a_note_is_dated_by_the_note_not_by_its_deals_close() -> None:
    """Pipedrive's deals-with-notes export: "Deal - Won time" came first in the column list,
    so a call noted on 22 July was dated 29 July, the day the deal was won."""
    data = (
        b'"Deal - Title","Deal - Organization","Deal - Status","Deal - Won time",'
        b'"Note - Content","Note - Add time"\n'
        b'"Riverside - Growth","Riverside Tutoring","won","2026-07-29 18:02:44",'
        b'"<p>Objected to the setup fee.</p>","2026-07-22 17:45:10"\n'
    )
    [call] = parse_file(data, "pipedrive.csv")
    assert (call.call_date, call.outcome) == (dt.date(2026, 7, 22), "won")


def test_a_call_attempt_that_reached_no_one_is_skipped() -> None:
    """HubSpot's "Left voicemail" row had become a call of its own, counted with the deal's."""
    data = (
        b"Call Title,Activity date,Call notes,Call outcome,Associated Company\n"
        b"Discovery,2026-11-03,<p>Linda: the parents won't download another app.</p>,"
        b"Connected,Evergreen Academy\n"
        b"Left voicemail,2026-11-10,<p>LVM re: January demo</p>,Left voicemail,Evergreen Academy\n"
        b"Follow-up,2026-11-12,No answer,,Evergreen Academy\n"
    )
    calls = parse_file(data, "hubspot_calls.csv")
    assert [c.skip_reason is None for c in calls] == [True, False, False]
    assert "Call outcome: Left voicemail" in (calls[1].skip_reason or "")
