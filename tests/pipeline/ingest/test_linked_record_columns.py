"""A notes export whose account is a linked record ("<X> name" beside "<X> type", Insightly's
LINK_SUBJECT_NAME / LINK_SUBJECT_TYPE) and whose date column states its time zone
(DATE_CREATED_UTC, "Created At (GMT)"); and a column no field reads, named with why.

Why (walk 8 #8): an Insightly export's calls had no account and no date ("not read:
LINK_SUBJECT_NAME" with no reason, "no date column recognised" beside DATE_CREATED_UTC)."""

from __future__ import annotations

import datetime as dt

import pytest

from pipeline.ingest import parse_file

EXPORTS = {
    "insightly_roofing.csv": (
        "NOTE_ID,TITLE,BODY,DATE_CREATED_UTC,LINK_SUBJECT_NAME,LINK_SUBJECT_TYPE\n"
        '41,Site visit,"<p>Their crews quote from paper sketches.</p>",2026-09-14 16:05:00,'
        "Ridgeback Roofing Co,Organisation\n"
    ),
    "camel_kennels.csv": (
        "noteId,noteBody,createdAtGmt,linkedRecordName,linkedRecordType\n"
        '7,"Bookings come in by text and get lost.",2026-09-15 08:30:00,Hollow Oak Kennels,'
        "Organization\n"
    ),
    "spaced_bakery.csv": (
        "Note Body,Created At (UTC),Parent Name,Parent Type\n"
        '"Wholesale orders are rekeyed into the till.",2026-09-16 12:00:00,Crumb & Crust '
        "Bakery,Company\n"
    ),
}


@pytest.mark.parametrize(
    ("filename", "account", "day"),
    [
        ("insightly_roofing.csv", "Ridgeback Roofing Co", dt.date(2026, 9, 14)),
        ("camel_kennels.csv", "Hollow Oak Kennels", dt.date(2026, 9, 15)),
        ("spaced_bakery.csv", "Crumb & Crust Bakery", dt.date(2026, 9, 16)),
    ],
)
def test_a_linked_record_names_the_account_and_a_utc_column_dates_the_call(
    filename: str, account: str, day: dt.date
) -> None:
    [call] = parse_file(EXPORTS[filename].encode(), filename)
    assert (call.account, call.call_date) == (account, day)
    assert call.notice is None  # nothing "not read", no "no date column recognised"


def test_a_linked_contact_is_no_account() -> None:
    data = (
        "BODY,DATE_CREATED_UTC,LINK_SUBJECT_NAME,LINK_SUBJECT_TYPE\n"
        '"Asked about bulk pricing for feed.",2026-09-17 10:00:00,Marta Quill,Contact\n'
    )
    [call] = parse_file(data.encode(), "insightly_feed.csv")
    assert call.account is None


def test_a_column_not_read_is_named_with_why_and_the_map_that_reads_it() -> None:
    data = (
        "Notes,Date,Client Firm Label,Why they care\n"
        '"Spoke about the spring rota.",2026-09-18,Pine Hollow Dental Group,'
        '"Their hygienists swap shifts by text."\n'
    )
    [call] = parse_file(data.encode(), "dental.csv")
    assert call.notice is not None
    assert call.notice.startswith("not read: Client Firm Label, Why they care (no field")
    assert '{"account": "Client Firm Label"}' in call.notice  # a name: the account's map
    [note] = parse_file(
        data.replace("Client Firm Label,", "").replace("Pine Hollow Dental Group,", "").encode(),
        "dental.csv",
    )
    assert note.notice is not None and '{"text": "Why they care"}' in note.notice
