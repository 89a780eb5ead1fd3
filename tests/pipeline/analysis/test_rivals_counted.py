"""What the dashboard and a comparison count of a rival, end to end: a call whose record lists
"Anchor Desk" and a CRM export whose notes name it count three calls, the short "Anchor" its
buyer says is the rival, and "Because Anchor charges us..." makes no rival "Because Anchor".

Why: review 27's dashboard listed a guessed "Because Arbor", its Arbor FD comparison quoted one
remark of six, and its Requiem Desk one said 4 calls where 6 named it (two CRM notes untagged).
"""

from __future__ import annotations

from sqlalchemy import select

from pipeline.cluster.rivals import known_competitors
from pipeline.content.rival_deals import calls_naming
from pipeline.dashboard import competitor_mentions
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import Mention
from pipeline.workspace import Workspace

CALL = b"""Priya Shah: How are you running the berths today?
Glen Harper: We've run the yard on Anchor Desk since 2019, every slip and every invoice.
Priya Shah: What would make you move?
Glen Harper: Honestly, Anchor's fine for the berths. Because Anchor charges us per slip over \
forty boats, at least I can forecast it. I'd rather keep Anchor for billing, to be fair.
"""
NOTES = b""""Id","Subject","ActivityDate","Description","Account.Name","Who.Name","Owner.Name"
"00T1","Call - Gull Point","2026-05-02","Spoke to Ines Marr (GM). 120 slips. Anchor Desk + \
paper logbook.
Ines: ""we've had Anchor Desk for ten years and it's never once let us down""
Send pricing.","Gull Point Marina","Ines Marr","Priya Shah"
"00T2","Call - Kestrel Quay","2026-05-04","Call w/ Tom Abara. 60 slips.
Tom: ""why would we pay double when Anchor Desk does most of it""
Next: ROI sheet.","Kestrel Quay","Tom Abara","Priya Shah"
"""


def test_the_dashboard_and_a_comparison_count_every_call_naming_the_rival(
    workspace: Workspace,
) -> None:
    record = CallMetadata(
        account="Harper Marine", competitors=["Anchor Desk"], our_speakers=["Priya Shah"]
    )
    ingest_bytes(workspace, CALL, "harper.txt", record)
    ingest_bytes(workspace, NOTES, "tasks.csv")
    with workspace.session() as db:
        rows = {row.name: row for row in competitor_mentions(db)}
        assert set(rows) == {"Anchor Desk"}
        assert (rows["Anchor Desk"].calls, rows["Anchor Desk"].guessed) == (3, False)
        assert calls_naming(db, "Anchor Desk") == 3  # what the comparison says
        assert known_competitors(db) == ["Anchor Desk"]  # the filter: no "Because Anchor"
        tagged = select(Mention.text).where(
            Mention.kind == "competitor", Mention.competitor == "Anchor Desk"
        )
        said = set(db.scalars(tagged))
    assert {
        "Honestly, Anchor's fine for the berths.",
        "I'd rather keep Anchor for billing, to be fair.",
        "why would we pay double when Anchor Desk does most of it",
    } <= said
