"""The standard columns of CRM activity reports, read without a column map: Salesforce's
Activities report ("Company / Account", "Full Comments", "Assigned") had been refused for
lacking a notes column, and once mapped its accounts were guessed from the Subject and split
in two. Each fixture in ``fixtures/crm`` is a small invented export in its tool's layout."""

from __future__ import annotations

from pathlib import Path

import pytest

from pipeline.ingest import parse_file
from pipeline.ingest.base import ParsedCall
from pipeline.ingest.csv_columns import column_key, unplaced_notice

CRM = Path(__file__).parent / "fixtures" / "crm"


def _calls(name: str, column_map: dict[str, str] | None = None) -> list[ParsedCall]:
    return parse_file((CRM / name).read_bytes(), name, column_map=column_map)


# (file, [(date, account, our speaker, the notes' first words)] per row)
REPORTS = [
    (
        "salesforce_activities_report.csv",  # Assigned, Date, Company / Account, Full Comments
        [
            ("2026-03-04", "Orchard Lane Veterinary Group", "Dana Whitfield", "Sam runs three"),
            ("2026-03-11", "Orchard Lane Veterinary Group", "Dana Whitfield", "Asked for a"),
            ("2026-03-18", "Bayside Dental Studio", "Luis Carmona", "Mina tested online"),
        ],
    ),
    (
        "salesforce_activities_with_opportunities.csv",  # Account Name, Activity Date, Comments
        [
            ("2026-04-02", "Keystone Roofing Co", "Ravi Menon", "Owner says the"),
            ("2026-04-16", "Keystone Roofing Co", "Ravi Menon", "Went with the"),
        ],
    ),
    (
        "hubspot_activities_report.csv",  # Activity date, Associated Company, Body preview
        [
            ("2026-05-06", "Northfield Climbing Gym", "Grace Liu", "Asked whether waivers"),
            ("2026-05-20", "Northfield Climbing Gym", "Grace Liu", "Board meets in"),
        ],
    ),
    (
        "pipedrive_activities_export.csv",  # Organization - Name, Activity - Public description
        [
            ("2026-06-03", "Riverbend Brewing", "Tomasz Nowak", "Ella worries her"),
            ("2026-06-10", "Riverbend Brewing", "Tomasz Nowak", "Liked the stock"),
        ],
    ),
    (
        "zoho_tasks_export.csv",  # Task Owner, Due Date, Related To, Description
        [
            ("2026-07-01", "Summit Physio Clinics", "Amara Osei", "Jon needs the"),
            ("2026-07-08", "Summit Physio Clinics", "Amara Osei", "Asked if the"),
        ],
    ),
    (
        "dynamics365_activities.csv",  # Regarding, Start Date, Owner, Description
        [
            ("2026-08-04", "Pinecone Charter Schools", "Noah Fischer", "The IT lead"),
            ("2026-08-18", "Pinecone Charter Schools", "Noah Fischer", "Pilot went fine;"),
        ],
    ),
]  # fmt: skip


@pytest.mark.parametrize(("name", "rows"), REPORTS)
def test_activity_reports_are_read_without_a_column_map(
    name: str, rows: list[tuple[str, str, str, str]]
) -> None:
    calls = _calls(name)
    got = [
        (
            call.call_date.isoformat() if call.call_date else None,
            call.account,
            call.our_speakers[0] if call.our_speakers else None,
            " ".join(call.utterances[0].text.split()[:3]),
        )
        for call in calls
    ]
    assert got == rows
    assert [unplaced_notice(call) for call in calls] == [None] * len(rows)


def test_salesforce_full_comments_win_over_the_cut_comments() -> None:
    """ "Comments" stops at 255 characters in a Salesforce report; "Full Comments" is whole."""
    first = _calls("salesforce_activities_report.csv")[0]
    text = " ".join(u.text for u in first.utterances)
    assert "ten years of patient records" in text
    assert "more than..." not in text


def test_a_mapped_notes_column_still_reads_the_reports_account() -> None:
    """With ``text=Full Comments`` mapped, the account had come from the Subject and split
    ("Orchard Lane" and "Orchard")."""
    calls = _calls("salesforce_activities_report.csv", {"text": "Full Comments"})
    assert [call.account for call in calls] == [
        "Orchard Lane Veterinary Group",
        "Orchard Lane Veterinary Group",
        "Bayside Dental Studio",
    ]


@pytest.mark.parametrize(
    ("header", "key"),
    [
        ("Company / Account", "company/account"),
        ("Company/Account", "company/account"),
        ("Win / Loss", "win/loss"),
        ("Account.Name", "account name"),
    ],
)
def test_a_slash_in_a_header_reads_the_same_with_or_without_spaces(header: str, key: str) -> None:
    assert column_key(header) == key
