"""A comparison says "lost to" a rival only from a lost deal its own words give to the rival;
a buyer calling our price steep beside the rival's is never where we fit better nor where the
rival falls short, and the price row's rival column quotes what was said of the rival's price.

Why: a managed-IT page said "Lost to TechNorth MSP, the rep's note: ... right now TechNorth
MSP does our support." of a deal we won, listed "a hundred and eighty-nine a user is steep for a
firm our size when TechNorth charges us a flat fee." both as "chose us" and where TechNorth
falls short, and put "At a hundred and forty-nine a user we'd be paying ..." in TechNorth's
price column."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_fit import offers_something
from pipeline.content.rival_prices import rival_price_verdict, their_words
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, add_rival_mention


@dataclass(frozen=True)
class Trade:
    rival: str
    ours: str
    price: str
    steep: str  # a won deal's buyer: our price steep beside the rival's
    ours_said: str  # the words of ``steep`` on our price, which the rival's column leaves out
    theirs_said: str  # its words on the rival's price
    set_up: str  # the won deal's buyer: what the rival does for them today
    strong: str  # the rep's note on the won deal: a strength of the rival's
    lost: str  # the rep's note closing a deal lost to the rival
    weighed: str  # an open deal's buyer


TRADES = [  # fmt: skip
    Trade(
        "Fleetly",
        "Haulpath",
        "$40 per truck per month.",
        "Forty a truck is a lot of money for a fleet our size when Fleetly charges us twenty-five.",
        "Forty a truck",
        "Fleetly charges us twenty-five.",
        "Right now Fleetly does our dispatch board and the driver logs.",
        "Fleetly is really good for the fuel card reports.",
        "Closed lost - went with Fleetly, cheaper per truck.",
        "We looked at Fleetly last spring for the tachograph uploads.",
    ),
    Trade(
        "Chairly",
        "Salonset",
        "$60 per chair per month.",
        "Sixty a chair is steep for a three-chair salon when Chairly bills a flat thirty.",
        "Sixty a chair",
        "Chairly bills a flat thirty.",
        "At the moment Chairly handles our bookings and the deposits.",
        "Chairly is great for the walk-in queue.",
        "Closed lost - went with Chairly, cheaper for small salons.",
        "We looked at Chairly for the colour formulas last year.",
    ),
    Trade(
        "Pawtrack",
        "Vetbase",
        "$90 per vet per month.",
        "Ninety a vet is pricey for a one-vet practice when Pawtrack only costs us forty.",
        "Ninety a vet",
        "Pawtrack only costs us forty.",
        "Pawtrack does our vaccine reminders and the lab results today.",
        "Pawtrack is really good for the lab integrations.",
        "Closed lost - went with Pawtrack, cheaper for a one-vet practice.",
        "We looked at Pawtrack when the old server died.",
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data", competitors=[t.rival for t in TRADES]),
                   embedder=embedder)  # fmt: skip
    yield ws
    ws.close()


def _page(db: Session, workspace: Workspace, trade: Trade) -> str:
    """A deal we won (a buyer's call, a rep's note), a deal lost to the rival, an open one."""
    set_profile(db, ProductProfile(name=trade.ours, pricing=[trade.price]))
    buyer = [("Ann Roe", "buyer", trade.steep), ("Ann Roe", "buyer", trade.set_up)]
    _, turns = _call(db, 1, "Birch Co", "won", "2026-05-04", buyer)
    add_rival_mention(db, turns[0], trade.rival, "objection", "price")
    add_rival_mention(db, turns[1], trade.rival, "current_setup", None)
    for n, account, outcome, role, text, kind, category in [
        (2, "Birch Co", "won", "rep_note", trade.strong, "objection", "competitor"),
        (3, "Cedar Co", "lost", "rep_note", trade.lost, "objection", "price"),
        (4, "Dune Co", "open", "buyer", trade.weighed, "objection", "competitor"),
    ]:
        _, [turn] = _call(db, n, account, outcome, f"2026-05-1{n}", [("Sam Rivera", role, text)])
        add_rival_mention(db, turn, trade.rival, kind, category)
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=trade.rival, use_llm=False,
        embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def _section(body: str, heading: str) -> str:
    """A section's text; empty where the page has no such heading."""
    parts = body.split(f"## {heading}", 1)
    return parts[1].split("\n## ", 1)[0] if len(parts) == 2 else ""


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_lost_to_only_from_the_deal_lost_to_them(workspace: Workspace, trade: Trade) -> None:
    with workspace.session() as db:
        body = _page(db, workspace, trade)
    better = _section(body, f"When {trade.rival} is the better fit")
    lost_to = [line for line in body.splitlines() if f"Lost to {trade.rival}, the rep" in line]
    assert lost_to and all(trade.lost.split(" - ")[1] in line for line in lost_to), body
    # The won deal's note on their strength is listed as the rep's, of a deal we won.
    [strong] = [line for line in better.splitlines() if trade.strong in line]
    assert strong.startswith("- The rep's note (a deal we won)"), strong
    # The won deal's set-up (what the rival does for them today) is no strength of theirs.
    assert trade.set_up not in better, better


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_our_price_called_steep_is_no_fit_of_ours_nor_fault_of_theirs(
    workspace: Workspace, trade: Trade
) -> None:
    with workspace.session() as db:
        body = _page(db, workspace, trade)
    assert trade.steep in _section(body, "Sources")
    for heading in ("When we are the better fit", f"Where {trade.rival} falls short for buyers"):
        assert trade.ours_said not in _section(body, heading), heading
    [row] = [line for line in body.splitlines() if line.startswith("| **Price")]
    theirs = row.rsplit(" | ", 1)[1]
    assert trade.theirs_said in theirs and trade.ours_said not in theirs, row


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_the_rivals_own_price_after_our_verdict_is_what_it_is_set_against(trade: Trade) -> None:
    """ "... is steep ... when X charges us twenty-five": the steep price is ours, X the cheaper."""
    forms, ours = (trade.rival,), (trade.ours,)
    assert rival_price_verdict(trade.steep, forms, ours) == {"cheaper"}
    assert their_words(trade.steep, forms, ours) == f"…{trade.theirs_said}"
    # Said of them alone, a line is quoted whole.
    plain = f"{trade.rival} is cheaper for a business our size."
    assert their_words(plain, forms, ours) == plain
    assert rival_price_verdict(
        f"{trade.rival} gets expensive when you add users.", forms, ours
    ) == {"dearer"}


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.rival)
def test_what_the_rival_does_for_the_buyer_today_is_their_set_up(trade: Trade) -> None:
    assert not offers_something(trade.set_up)
    assert offers_something(f"{trade.rival} does recurring invoices as well.")
