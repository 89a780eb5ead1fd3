"""A comparison's cells are written, not stitched: a row our team's fact on the rival fills keeps
that fact alone in the rival's cell, the buyers' lines on the same point quoted in the row's note
below the table, with their citations; our side is our fact stating the term the other way
("month-to-month" against "contracts run for 24 months"). A quote of what a buyer said of the
rival stops before the buyer's next point, and "where <rival> falls short" quotes complaints
about the rival, not a set-up line finding fault with another tool.

Why: a studio-software page had "To write" beside "FitLedger contracts run for 24 months." (our
month-to-month plan was on file and filled the same row on the other rival's page), then two
quotes run on after the fact in one cell; a quote ran on into "The other thing is waitlists.";
and "Where PulseBook falls short" listed a set-up line cut with "…", not the double bookings
quoted two rows up."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from pipeline.content.deal_terms import opposed_terms
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.switching import held_by_rival
from pipeline.embed import Embedder
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    industry: str
    rival: str
    fact: str  # our team's fact on the rival's contract, its term in months
    ours: str  # our plan's terms, the other way
    held: str  # a buyer partway through the rival's contract
    signed: str  # a buyer held by it, then the next point in the same turn
    next_point: str
    failure: str  # a failure of the rival's, then a sentence on something else
    aside: str
    setup: str  # how the buyer works today, a fault of another tool's


TRADES = [
    Trade(
        "Dental", "DentaPro", "DentaPro contracts run for 36 months.",
        "Month-to-month plan, cancel any time with 30 days' notice.",
        "We're halfway through a DentaPro contract, so it would be next spring at the earliest.",
        "We signed a three-year agreement with DentaPro last spring, so we can't just walk away.",
        "The other thing is the recall letters.",
        "We had two double bookings on the chairs last week because DentaPro lets two patients in.",
        "The patients were lovely about it.",
        "We book on DentaPro, and the card payments go through Payvela, which is a separate login.",
    ),
    Trade(
        "Logistics", "HaulTrack", "HaulTrack agreements run for 24 months.",
        "Rolling monthly plan, no minimum term.",
        "We're partway through a HaulTrack contract, so it would be the autumn at the earliest.",
        "We signed a two-year deal with HaulTrack in March, so we're stuck for now.",
        "Second, the drivers want a simpler app on the road.",
        "We had a mix-up at the depot last week because HaulTrack lets two drivers take one drop.",
        "The customer was patient with us.",
        "Dispatch runs on HaulTrack, and fuel cards go through Fuelix, which is a separate login.",
    ),
    Trade(
        "Salon", "Chairly", "Chairly contracts last for 18 months.",
        "Pay month by month; cancel any time.",
        "There are eight months left on our Chairly contract, so nothing moves before summer.",
        "We're tied into Chairly until the spring, so I can't just walk away.",
        "Oh, and one more thing, the gift vouchers.",
        "We had errors on Saturday because Chairly lets two clients book the same stylist.",
        "Our juniors still talk about it.",
        "Bookings are on Chairly, and stock goes through Stockwise, which is a separate login.",
    ),
]  # fmt: skip


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _page(ws: Workspace, trade: Trade, said: list[tuple[str, str, str, str]]) -> str:
    """The offline comparison with ``trade.rival`` from buyers' sentences (outcome, category,
    the sentence detected, the turn's next sentence), each on a call of its own, and our team's
    fact on the rival."""
    with ws.session() as db:
        set_profile(db, ProductProfile(name="Ourapp", plans=[trade.ours]))
        db.add(CompetitorFact(competitor=trade.rival, fact=trade.fact, source=None))
        theme = add_theme(db, trade.rival, trade.rival.casefold())
        for n, (outcome, category, text, after) in enumerate(said, start=1):
            _, [turn] = _call(db, n, f"Account {n}", outcome, f"2026-04-0{n}",
                              [("Ola", "buyer", f"{text} {after}".strip())],
                              trade.industry)  # fmt: skip
            mention = _mention(db, turn, "objection", category, theme, competitor=trade.rival)
            mention.text, mention.char_end = text, len(text)
        db.flush()
        page = generate_document(
            db, ws.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=ws.embedder,
        )  # fmt: skip
        return page.body_markdown


def _section(body: str, heading: str) -> str:
    return body.partition(heading)[2].partition("\n## ")[0]


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_contract_term_in_months_and_a_buyer_partway_through_it_read_as_such(
    trade: Trade,
) -> None:
    assert opposed_terms(trade.fact, trade.ours) == {"long_commitment"}
    assert held_by_rival(trade.held, [trade.rival])
    assert not held_by_rival(f"We are halfway through moving the files onto {trade.rival}.",
                             [trade.rival])  # fmt: skip


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_a_fact_row_keeps_the_fact_alone_and_our_terms_beside_it(
    workspace: Workspace, trade: Trade
) -> None:
    said = [("open", "contract", trade.held, ""),
            ("lost", "contract", trade.signed, trade.next_point)]  # fmt: skip
    body = _page(workspace, trade, said)
    [row] = [line for line in body.splitlines() if line.startswith("| **Plans and terms")]
    _, us, them = row.strip("| ").split(" | ")
    assert us == f"{trade.ours} [P1]", row  # our terms, not "To write"
    assert them == f"{trade.fact} [F1]", row  # the fact alone, no quote run on
    # The buyers' lines on the point: in the row's note below the table, cited.
    [note] = [line for line in body.splitlines() if line.startswith("- Plans and terms")]
    assert trade.held[:30] in note and trade.signed[:30] in note and "[Q" in note, note
    # A quote of what a buyer said of the rival stops before their next point.
    assert trade.signed in body and trade.next_point not in body, body


@pytest.mark.parametrize("trade", TRADES, ids=lambda t: t.industry)
def test_where_the_rival_falls_short_quotes_complaints_about_it(
    workspace: Workspace, trade: Trade
) -> None:
    said = [("open", "competitor", trade.setup, ""),
            ("lost", "competitor", trade.failure, trade.aside)]  # fmt: skip
    body = _page(workspace, trade, said)
    short = _section(body, f"## Where {trade.rival} falls short for buyers")
    assert trade.failure in short, body  # the complaint, its own sentence
    assert trade.aside not in short and "…" not in short, short
    assert trade.setup[:30] not in short, short  # a fault of another tool's is no fault of theirs
