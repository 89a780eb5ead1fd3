"""A CRM row's deal name (HubSpot's "Associated Deal", Salesforce's "Opportunity Name") is read:
the account when the row names none, the part of it that says whose deal it is ("Northgate
Pharmacy - Renewal 2026"); kept with the call otherwise, and never reported "not read".

Why: both columns had been "not read", and a notes export with no company column left every
call with no account while each row named it in its deal."""

from __future__ import annotations

from sqlalchemy import select

from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Call
from pipeline.workspace import Workspace

HUBSPOT_VETS = (
    "Record ID,Activity date,Note body,Associated Deal,Activity assigned to\n"
    '7701,2026-06-02 10:15,"<p>Call with Ama. Reception double-books the Monday list.</p>",'
    "Riverbend Vets - 3 sites,Sam Hale\n"
)
SALESFORCE_STORAGE = (
    '"Activity ID","Subject","Date","Opportunity Name","Assigned","Comments"\n'
    '"00T1","Discovery call","03/06/2026","Kestrel Storage: WMS rollout","Omar Reyes",'
    '"Pickers work from printed lists and stock counts lag a week."\n'
)
ACCOUNTANTS = (
    "Date,Associated Deal,Notes\n"
    '2026-06-04,Renewal 2026 - Hollis & Co,"Partners want fewer seats at renewal."\n'
)
WITH_A_COMPANY = (
    "Record ID,Activity date,Note body,Associated Company,Associated Deal\n"
    '7702,2026-06-05 09:00,"Owner wants reminders by text.",Glow & Go Salons,Glow & Go - 4 salons\n'
)


def test_a_deal_name_gives_the_account_when_the_row_names_none(workspace: Workspace) -> None:
    results = [
        result
        for data, name in (
            (HUBSPOT_VETS, "hubspot.csv"),
            (SALESFORCE_STORAGE, "salesforce.csv"),
            (ACCOUNTANTS, "deals.csv"),
            (WITH_A_COMPANY, "hubspot-salons.csv"),
        )
        for result in ingest_bytes(workspace, data.encode(), name, analyse=False)
    ]
    with workspace.session() as db:
        calls = db.execute(select(Call.account, Call.extra).order_by(Call.id)).all()
    workspace.close()
    assert [account for account, _extra in calls] == [
        "Riverbend Vets",
        "Kestrel Storage",
        "Hollis & Co",
        "Glow & Go Salons",  # the company column says it first
    ]
    assert calls[3].extra["deal_name"] == "Glow & Go - 4 salons"
    for result in results:
        assert "not read" not in (result.understood or ""), result.understood
        assert "no account" not in (result.understood or ""), result.understood
