"""A comparison quotes the rep's CRM notes on the rival as the rep's notes (never as buyer
words), each under the heading it says (a fault where they fall short, a contract that runs on
where buyers stay), and never cites one line both where they fit better and why buyers stay.

Why: a trucking page counted a CRM deal "lost to TruckBase" and quoted none of its notes
("duplicate bills in QB when they synced TruckBase", "mid-contract w/ TruckBase until June"),
and cited "TruckBase told me they do Omnitracs today" under both headings."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_claims import finds_fault, rival_topic, speaks_of
from pipeline.content.rival_prices import rival_price_verdict
from pipeline.embed import Embedder
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, add_rival_mention


@dataclass(frozen=True)
class Trade:
    rival: str
    ours: str
    price: str
    buyer: str  # the buyer's own line on the rival, an open deal
    fault: str  # the rep's note of a fault found with the rival
    held: str  # the rep's note of a contract holding the buyer to it
    closed: str  # the rep's note closing the deal lost to it


TRADES = [  # fmt: skip
    Trade(
        "Kennelbook",
        "Pawdesk",
        "$45 per groomer per month.",
        "Kennelbook does the online booking and the reminders in one app.",
        "Owner worried re: payments - duplicate invoices in Xero when they synced Kennelbook, "
        "took her a month to clean up.",
        "They're mid-contract w/ Kennelbook until March.",
        "Closed lost - staying with Kennelbook until renewal.",
    ),
    Trade(
        "Lawnlog",
        "Mowplan",
        "$30 per crew per month.",
        "Lawnlog sends the crews their routes by text every morning.",
        "Ops lead had a bad Lawnlog rollout, crews refused the app.",
        "Still mid-contract w/ Lawnlog through October.",
        "Closed lost - staying with Lawnlog until renewal.",
    ),
    Trade(
        "Chairly",
        "Salonset",
        "$25 per chair per month.",
        "Chairly prints the color formulas on every ticket.",
        "Manager says Chairly bills every chair whether anyone books it or not.",
        "They're mid-contract w/ Chairly until spring.",
        "Closed lost - staying with Chairly until renewal.",
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data", competitors=[t.rival for t in TRADES]),
                   embedder=embedder)  # fmt: skip
    yield ws
    ws.close()


def _page(db: Session, workspace: Workspace, trade: Trade) -> str:
    set_profile(db, ProductProfile(name=trade.ours, pricing=[trade.price]))
    _, [line] = _call(db, 1, "Birch Co", "open", "2026-05-04", [("Ann Roe", "buyer", trade.buyer)])
    add_rival_mention(db, line, trade.rival, "objection", "competitor")
    notes = [(trade.fault, "integrations"), (trade.held, "contract")]
    _, turns = _call(
        db, 2, "Cedar Co", "lost", "2026-05-11",
        [("Sam Rivera", "rep_note", note) for note, _ in notes],
    )  # fmt: skip
    for turn, (_, category) in zip(turns, notes, strict=True):
        add_rival_mention(db, turn, trade.rival, "objection", category)
    _, [closed] = _call(
        db, 3, "Cedar Co", "lost", "2026-05-25", [("Sam Rivera", "rep_note", trade.closed)]
    )
    add_rival_mention(db, closed, trade.rival, "objection", "contract")
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=trade.rival, use_llm=False,
        embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}", 1)[1].split("\n## ", 1)[0]


def _cited(section: str) -> set[str]:
    return set(re.findall(r"\[Q\d+\]", section))


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_rep_notes_are_quoted_as_the_reps(workspace: Workspace, trade: Trade) -> None:
    with workspace.session() as db:
        body = _page(db, workspace, trade)
    sources = _section(body, "Sources")
    for note in (trade.fault, trade.held):
        [source] = [line for line in sources.splitlines() if note in line]
        assert "— rep's note," in source
    stay = _section(body, f"Why buyers stay with {trade.rival}")
    assert trade.held in stay and "The rep's note" in stay
    better = _section(body, f"When {trade.rival} is the better fit")
    assert trade.fault not in better  # a fault found with them is no reason they fit better
    assert not _cited(better) & _cited(stay)  # one line, one heading


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_their_price_beside_our_plan_covering_it(workspace: Workspace, trade: Trade) -> None:
    """The rival's priced add-on, which our base plan includes, beside our base plan's price."""
    base = "$19 per seat per month on Basic (booking, invoices, SMS)."
    added = "$32 per seat per month on Plus, which adds payroll and the Xero sync."
    theirs = f"Priced at $15 per seat, {trade.rival} SMS is an add-on at $6 per seat."
    with workspace.session() as db:
        set_profile(db, ProductProfile(name=trade.ours, pricing=[base, added]))
        db.add(CompetitorFact(competitor=trade.rival, fact=theirs, source=None))
        db.flush()
        body = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        ).body_markdown  # fmt: skip
    [row] = [line for line in body.splitlines() if line.startswith("| **") and theirs in line]
    assert base in row and added not in row


FAULTS = [  # paying for what is not used, the cost of a sync gone wrong, a rollout gone wrong
    "They bill us every truck every month whether it moves or not.",
    "Chairly charges for every chair even when it's empty.",
    "Lawnlog invoices each crew regardless of the season.",
    "They had duplicate invoices in Xero when they synced Kennelbook, took a month to clean up.",
    "Ops lead had a bad Lawnlog rollout, crews refused the app.",
]
NO_FAULTS = ["They bill monthly and it's fine.", "Chairly charges $15 a chair."]


def test_faults_found_with_a_rival() -> None:
    assert all(finds_fault(text) for text in FAULTS)
    assert not any(finds_fault(text) for text in NO_FAULTS)


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_a_reps_shorthand_speaks_of_the_rival(trade: Trade) -> None:
    """A rep's "mid-contract w/ X", "synced X", "a bad X rollout" are said of X itself."""
    assert speaks_of(trade.held, [trade.rival])
    assert speaks_of(f"Duplicate bills when they synced {trade.rival}.", [trade.rival])
    assert speaks_of(f"Skeptical after a bad {trade.rival} rollout.", [trade.rival])


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_a_deals_call_and_note_are_one_deal_and_we_are_the_dearer(
    workspace: Workspace, trade: Trade
) -> None:
    """A lost deal's call and the rep's note on it head a row "(a deal we lost)", not "(2 deals
    we lost)"; the note "our $X vs their $Y is paying more" says we are the dearer."""
    said = (
        f"We pay {trade.rival} twenty a head, so you're asking us to pay more for the same thing."
    )
    noted = f"Said {trade.price.split()[0]} vs {trade.rival} $20 is paying more for the same thing."
    with workspace.session() as db:
        set_profile(db, ProductProfile(name=trade.ours, pricing=[trade.price]))
        for n, (role, text) in enumerate([("buyer", said), ("rep_note", noted)], start=1):
            _, [turn] = _call(db, n, "Cedar Co", "lost", f"2026-05-0{n}", [("Ann Roe", role, text)])
            add_rival_mention(db, turn, trade.rival, "objection", "price")
        db.flush()
        body = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival, use_llm=False,
            embedder=workspace.embedder,
        ).body_markdown  # fmt: skip
    [row] = [line for line in body.splitlines() if line.startswith("| **Price")]
    assert row.startswith("| **Price (a deal we lost)**"), row
    assert noted in _section(body, f"When {trade.rival} is the better fit")  # not a fault
    assert rival_price_verdict(noted, [trade.rival]) == {"cheaper"}


MIGRATIONS = [  # moving the records over, which names a wage in passing: not a price
    "And the import, who does that, we have four years of client history in Kennelbook and I "
    "won't pay someone to type it all in.",
    "Who moves our job records over, because there's six years of history in Lawnlog and I'm "
    "not paying a temp to retype it.",
    "The migration worries me, all our colour records are in Chairly and I'm not paying staff "
    "overtime to copy them.",
]


def test_a_line_s_topic_is_the_one_it_names_most() -> None:
    assert all(rival_topic(line) == "switching" for line in MIGRATIONS)
    assert rival_topic("Kennelbook bills us for every groomer whether they work or not.") == (
        "price"
    )
    assert rival_topic("We're already paying for Stella through 2027.") == "contract"
