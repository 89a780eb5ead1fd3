"""Before a comparison row says "To write", every profile fact of its topic is searched for one
naming what the row says: a rival's fact ("X syncs directly with QuickBooks Desktop") gets our
fact naming the same tools, a buyer's line on the rival's integration the same fact (referred to
where a row above states it), and a row whose words nothing of ours names stays to write.

Why: a review's marina comparison left "Integrations" to "ask product" against "We're on
QuickBooks Desktop ... YardHand syncs with Desktop directly" while our integrations fact named
QuickBooks Desktop, and its rival-fact rows said "how we compare" beside facts that did."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pytest

from pipeline.content.comparison import comparison
from pipeline.content.evidence import Evidence, Fact, Quote
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, profile_facts, set_profile
from pipeline.content.types import Comparison
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    industry: str
    rival: str
    theirs: str  # a fact our team entered on the rival
    ours: str  # our fact naming what it names
    said: str  # a buyer's line on the rival's integration
    decoy: str  # a fact of ours on another thing


TRADES = [
    Trade("Marinas", "YardHand",
          "YardHand syncs directly with QuickBooks Desktop as well as QuickBooks Online.",
          "Two-way sync with Xero and QuickBooks Online; an import file for QuickBooks Desktop.",
          "We're on QuickBooks Desktop and YardHand syncs with Desktop directly.",
          "Berth map of pontoons and moorings."),
    Trade("Dental labs", "LabTrac",
          "LabTrac sends cases straight into Exocad and 3Shape.",
          "Cases open in Exocad and 3Shape with the prescription attached.",
          "Our designers live in Exocad and LabTrac syncs with Exocad for us.",
          "Remakes are tracked by reason and by practice."),
    Trade("Breweries", "BrewBoss",
          "BrewBoss syncs inventory with Ekos and Xero every hour.",
          "Stock and invoices sync with Ekos and Xero.",
          "BrewBoss syncs our Ekos stock, we'd lose that.",
          "Taproom tabs close at the till."),
    Trade("Schools", "ClassDesk",
          "ClassDesk integrates with Arbor and SIMS for registers.",
          "Registers sync nightly with Arbor and SIMS.",
          "ClassDesk pulls the registers from Arbor and that integration matters to us.",
          "Parents book parents' evening slots online."),
    Trade("Logistics", "FleetGo",
          "FleetGo connects to Samsara telematics out of the box.",
          "Vehicle positions sync from Samsara and Geotab.",
          "FleetGo syncs with our Samsara units, that integration is the draw.",
          "Drivers sign for deliveries on the phone."),
    Trade("Salons", "ChairPro",
          "ChairPro syncs payments with Square and SumUp terminals.",
          "Card payments sync from Square and SumUp terminals at the desk.",
          "ChairPro integrates with our Square terminal, that's the draw.",
          "Clients rebook from a text reminder."),
    Trade("Clinics", "PhysioHub",
          "PhysioHub exports invoices straight into Xero and Sage 50.",
          "Invoices sync to Xero and export for Sage 50.",
          "PhysioHub syncs our invoices into Sage 50, yours would mean a CSV every week.",
          "Patients book online around each therapist's diary."),
]  # fmt: skip


def _quote(n: int, text: str, rival: str) -> Quote:
    return Quote(
        id=n, text=text, role="buyer", kind="objection", call_id=n, utterance_id=n,
        mention_id=n, call_date=dt.date(2026, 3, n), account=f"Account {n}", outcome="lost",
        speaker="Sam", cluster_id=None, competitor=rival, category="competitor",
    )  # fmt: skip


def _page(trade: Trade, facts: list[str], said: list[str], ours: list[str]) -> Comparison:
    """The offline comparison with the trade's rival (no vectors)."""
    profile = ProductProfile(name="Ourapp", features=[trade.decoy], integrations=ours)
    return comparison(
        Evidence(
            clusters=[], quotes=[_quote(n, t, trade.rival) for n, t in enumerate(said, 1)],
            phrases=[], competitor=trade.rival, rival_forms=(trade.rival,),
            facts=[Fact(n, n, trade.rival, t, None) for n, t in enumerate(facts, 1)],
            product="Ourapp", profile=profile_facts(profile),
        )
    )  # fmt: skip


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_rival_fact_row_gets_our_fact_naming_the_same(trade: Trade) -> None:
    page = _page(trade, [trade.theirs], [], [trade.ours])
    [row] = page.rows
    assert row.us == trade.ours and row.profile == [2], row


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_buyers_integration_row_gets_it_or_a_reference_to_the_row_stating_it(
    trade: Trade,
) -> None:
    [row] = _page(trade, [], [trade.said], [trade.ours]).rows
    assert row.us == trade.ours, row  # no "ask product" beside our fact naming their tool
    fact_row, said_row = _page(trade, [trade.theirs], [trade.said], [trade.ours]).rows
    assert fact_row.us == trade.ours
    assert not fact_row.aspect.startswith("Fact"), fact_row  # headed by its topic
    assert said_row.us == f"As in the {fact_row.aspect} row above.", said_row
    assert said_row.profile == [2], said_row


@pytest.mark.parametrize(
    ("theirs", "ours"),
    [
        # Nothing of ours names what theirs names, or one word only: left to write.
        ("YardHand has run since 2011 with a team in Florida.", "Berth map of pontoons."),
        ("LabTrac's support desk answers in four hours.", "Cases open in Exocad."),
        ("BrewBoss syncs with Ekos.", "Stock counts are kept per cellar."),  # no tool shared
        ("ClassDesk is used by 4,000 schools.", "Registers sync with Arbor."),
        ("FleetGo prices per vehicle.", "Vehicle positions sync from Samsara."),
    ],
)
def test_a_rival_fact_nothing_of_ours_names_stays_to_write(theirs: str, ours: str) -> None:
    trade = TRADES[0]
    [row] = _page(trade, [theirs], [], [ours]).rows
    assert row.us.startswith("To write"), row


@pytest.mark.parametrize("trade", TRADES[:3], ids=lambda t: t.industry)
def test_the_comparison_answers_its_rows_from_the_facts_of_their_topic(
    workspace: Workspace, trade: Trade
) -> None:
    with workspace.session() as db:
        set_profile(db, ProductProfile(name="Ourapp", features=[trade.decoy],
                                       integrations=[trade.ours]))  # fmt: skip
        db.add(CompetitorFact(competitor=trade.rival, fact=trade.theirs, source=None))
        theme = add_theme(db, trade.rival, trade.rival.casefold())
        _, [turn] = _call(db, 1, "Account 1", "lost", "2026-04-01",
                          [("Ola", "buyer", trade.said)], trade.industry)  # fmt: skip
        _mention(db, turn, "objection", "competitor", theme, competitor=trade.rival)
        db.flush()
        page = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
        body = page.body_markdown
    rows = [line.split(" | ") for line in body.splitlines() if line.startswith("| **")]
    assert any(trade.ours in cells[1] for cells in rows if trade.theirs in cells[2]), body
    said = [cells for cells in rows if trade.said[:30] in cells[2]]
    assert said and "ask product" not in said[0][1], body
    assert "To write: how we compare" not in body, body
