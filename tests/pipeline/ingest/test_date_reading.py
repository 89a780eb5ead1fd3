"""An ambiguous slashed date ("12/03/2026") is settled by its file's own evidence before the
workspace's setting: a UK rep's notes had been read month-first as 3 December, and that one
date moved the dashboard's window onto itself. Invented notes, written as reps paste them."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.date_reading import DateContext, file_dates, settle_date
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace
from tests.conftest import make_settings

TODAY = dt.date(2026, 12, 5)


def _read(note: str, *, day_first: bool = False, sure: tuple[dt.date, ...] = ()) -> dt.date | None:
    [call] = parse_file(note.encode(), "notes.txt")
    context = DateContext(evidence=file_dates([call]), day_first=day_first, sure=sure, today=TODAY)
    settle_date(call, context)
    return call.call_date


@pytest.mark.parametrize(
    ("note", "expected"),
    [
        # the file's other dates that read one way only
        ("Date: 04/05/2026\n\n- Next visit booked 18/05/2026.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Next visit booked 05/18/2026.\n", dt.date(2026, 4, 5)),
        ("Date: 04/05/2026\n\n- Recap sent: our call on 4 May went well.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Recap of our April 5th call.\n", dt.date(2026, 4, 5)),
        # the markets the file names, or its language
        ("Date: 04/05/2026\n\n- Quoted £12 a bay for the car park.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Thirty clinics across Ireland.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Rival came in at forty pounds a site.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Two sites, one in Galway.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Says it's ten quid cheaper.\n", dt.date(2026, 5, 4)),
        ("Date: 04/05/2026\n\n- Goes through forty pounds of flour a day.\n", dt.date(2026, 4, 5)),
        ("Date: 04/05/2026\n\n- Budget is 9.000 € for the pilot.\n", dt.date(2026, 5, 4)),
        (
            "Date: 04/05/2026\n\n- Sites in Melbourne and Perth, Australian payroll.\n",
            dt.date(2026, 5, 4),
        ),
        (
            "Date: 04/05/2026\n\n- Expanding across the United States next year.\n",
            dt.date(2026, 4, 5),
        ),
        # nothing said: the setting
        ("Date: 04/05/2026\n\n- Wants a pilot for the front desk.\n", dt.date(2026, 4, 5)),
    ],
)
def test_an_ambiguous_date_is_read_by_its_files_evidence(note: str, expected: dt.date) -> None:
    assert _read(note) == expected


def test_the_files_own_dates_outweigh_the_markets_it_names() -> None:
    note = "Date: 04/05/2026\n\n- Priced in £ for the London office; trial ends 05/20/2026.\n"
    assert _read(note) == dt.date(2026, 4, 5)


def test_a_reading_in_the_future_gives_way_to_the_other() -> None:
    """Today 5 December 2026: "11/12/2026" is not 12 November's call read as 11 December."""
    assert _read("Date: 11/12/2026\n\n- Wants a pilot.\n") == dt.date(2026, 11, 12)
    assert _read("Date: 11/12/2026\n\n- Wants a pilot.\n", day_first=True) == dt.date(2026, 11, 12)


def test_a_reading_far_from_every_other_call_gives_way_to_the_other() -> None:
    """Every call in March: "12/03/2026" with nothing else to tell is 12 March, not 3 December;
    every call in December: "01/12/2026" is 1 December, not 12 January."""
    note = "Date: 12/03/2026\n\n- Wants a pilot for the front desk.\n"
    assert _read(note, sure=(dt.date(2026, 3, 20),)) == dt.date(2026, 3, 12)
    assert _read(note, sure=(dt.date(2026, 11, 20),)) == dt.date(2026, 12, 3)
    assert _read(note, sure=(dt.date(2026, 3, 1), dt.date(2026, 11, 20))) == dt.date(2026, 12, 3)
    note = "Date: 01/12/2026\n\n- Wants a pilot for the front desk.\n"
    assert _read(note, sure=(dt.date(2026, 11, 25),)) == dt.date(2026, 12, 1)


def test_a_date_that_reads_one_way_only_is_kept() -> None:
    assert _read("Date: 25/03/2026\n\n- Wants a pilot in the United States.\n") == dt.date(
        2026, 3, 25
    )


def test_a_uk_notes_date_is_read_day_first_in_a_month_first_workspace(tmp_path: Path) -> None:
    """The reviewer's shape: a rep's notes, "Date: 12/03/2026", the UK named; US setting."""
    note = (
        "Harbour View Flats - discovery call\nDate: 12/03/2026\nRep: Gemma Lowe\n"
        "Contact: Rhys Pritchard (Harbour View Flats)\n\n"
        "- 60 flats, residents want chargers in the car park.\n"
        "- Asked whether the grant still applies to landlords in the UK.\n"
    )
    workspace = Workspace(make_settings(tmp_path, date_order="month-first"))
    try:
        [result] = ingest_bytes(workspace, note.encode(), "Harbour View notes.txt", analyse=False)
        with workspace.session() as db:
            call = db.get(Call, result.call_id)
            assert call is not None and call.call_date == dt.date(2026, 3, 12)
    finally:
        workspace.close()


def test_a_crm_exports_date_column_tells_its_own_order(tmp_path: Path) -> None:
    """Review 24o item 6: a report's "3/5/2026" beside "4/14/2026" and "4/20/2026" in the same
    column is 5 March, although its notes quote pounds (a day-first market): the column's own
    month-first dates decide before anything else. They had not been read as the file's
    evidence (only the ambiguous cell was), so the pounds made it 3 May."""
    report = (
        '"Assigned","Subject","Date","Company / Account","Full Comments"\n'
        '"Nadia Olsen","Discovery call","3/5/2026","Thornbury Lets","Quoted £95 a month, '
        'worried about moving tenancy history across."\n'
        '"Nadia Olsen","Pricing call","4/14/2026","Kellaway Homes","Said the setup fee is '
        'too much for 60 units."\n'
        '"Owen Prys","Intro call","4/20/2026","Redcliffe Rentals","Landlords ring every month '
        'for statements."\n'
    )
    workspace = Workspace(make_settings(tmp_path, date_order="day-first"))
    try:
        results = ingest_bytes(workspace, report.encode(), "activities_report.csv", analyse=False)
        with workspace.session() as db:
            calls = [db.get(Call, result.call_id) for result in results]
            dates = {call.account: call.call_date for call in calls if call is not None}
        assert dates["Thornbury Lets"] == dt.date(2026, 3, 5)
        assert dates["Kellaway Homes"] == dt.date(2026, 4, 14)
    finally:
        workspace.close()
