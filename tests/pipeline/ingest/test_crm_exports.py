"""CRM exports a reviewer brought that the reader did not know: Zoho, Close, Dynamics 365 and
Copper activity columns, a report with a title block above its header (Zoom's webinar Q&A), a
Pipedrive deal whose lost reason sits on a row of its own. Expected values were written by
reading the files in ``fixtures/crm``."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall

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
            ("2026-08-12", "Hilltop Moving & Storage", None, "Jordan Hayes", "open"),
            ("2026-08-28", "Hilltop Moving & Storage", None, "Jordan Hayes", "won"),
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
            ("2026-11-16", "Kangaroo Kids Tutoring", None, "Liam O'Brien", None),
            ("2026-11-18", "Little Scholars Enrichment", None, "Jenna Alvarez", None),
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


def test_dynamics_subject_is_a_title_so_one_account_not_two() -> None:
    """The account had come from Subject: "Prairie Ag Logistics fleet" and "Prairie Ag"."""
    assert {call.account for call in _calls("dynamics365_phonecalls.csv")} == {
        "Prairie Ag Logistics"
    }


def test_zoho_call_result_is_not_a_deal_outcome() -> None:
    """"Interested" / "Not interested" is how the call went, kept with the call."""
    first = _calls("zoho_calls_export.csv")[0]
    assert first.outcome is None
    assert first.extra["columns"]["Call Result"] == "Interested"
    assert first.call_date == dt.date(2026, 7, 8)
