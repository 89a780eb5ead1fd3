"""End to end (real embedder, SQLite): the buyer's payment, accounting and gate tools and their
town are stored as no competitor; the rival the record lists, one the buyer chose and one a user
entered facts about are.

Why: a marina buyer's review: GoCardless ("for the annual berth fees"), Xero, QuickBooks
Desktop, Paxton and the town "Cedar Key" were counted among "Competitors named", and a fee
sentence sat in "We went with a competitor". A brewery's call, with invented names, here.
"""

from __future__ import annotations

from sqlalchemy import select

from pipeline.cluster.rivals import known_competitors
from pipeline.dashboard import competitor_mentions
from pipeline.ingest.schemas import CallMetadata
from pipeline.ingest.service import ingest_bytes
from pipeline.store.models import CompetitorFact, Mention
from pipeline.workspace import Workspace

CALL = b"""Priya Shah: How do you run the brewery side today?
Dan Okafor: We're on Kegworth already, so whatever you do has to sit beside it.
Priya Shah: And the money side?
Dan Okafor: We're with Debitly already for the taproom club fees, most members pay monthly. \
Good, and we're on Ledgerly already, the accountant won't budge.
Priya Shah: Everything posts to Ledgerly nightly, so that's covered.
Dan Okafor: The second taproom over at Hollins Bay is on spreadsheets. \
We looked at Brewlytics last year, they quoted us half of yours.
"""


def test_tools_kept_beside_ours_and_a_place_are_stored_as_no_competitor(
    workspace: Workspace,
) -> None:
    record = CallMetadata(
        account="Okafor Brewing", competitors=["Kegworth"], our_speakers=["Priya Shah"]
    )
    ingest_bytes(workspace, CALL, "okafor.txt", record)
    with workspace.session() as db:
        stored = {n for n in db.scalars(select(Mention.competitor).distinct()) if n}
        counted = {row.name for row in competitor_mentions(db)}
        filters = set(known_competitors(db))
    assert stored == counted == filters == {"Kegworth", "Brewlytics"}


def test_a_rival_with_facts_is_one_however_it_is_said(workspace: Workspace) -> None:
    with workspace.session() as db:
        db.add(CompetitorFact(competitor="Kegworth", fact="Kegworth charges per fermenter."))
        db.commit()
    ingest_bytes(workspace, CALL, "okafor.txt", CallMetadata(our_speakers=["Priya Shah"]))
    with workspace.session() as db:
        stored = {n for n in db.scalars(select(Mention.competitor).distinct()) if n}
    assert stored == {"Kegworth", "Brewlytics"}
