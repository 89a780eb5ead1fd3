"""Which way a buyer's line about a rival points decides where the comparison files it: a fault
of the rival (where it falls short), a strength of the rival or a weakness of ours (where it
fits better), a question (nowhere: it claims nothing); "chose us" only of a won deal that
weighed the rival.

Why: reviewers' pages put "It's still too pricey for us right now" (our price, no rival named)
and "it's more than double what we pay <rival>" (the rival the cheaper) under "Where <rival>
falls short", "we looked at <rival> but it's really built for the agronomist not the farmer"
under "When <rival> is the better fit", a question under "Why buyers stay", and a rival's pitch
to an existing customer under "Buyers who said ... chose us"."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.evidence import Quote
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_claims import asks
from pipeline.content.rival_rows import heading_for
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

OURS = ("Bookwise",)


def _quote(text: str, rival: str, outcome: str = "lost") -> Quote:
    return Quote(
        id=1, text=text, role="buyer", kind="objection", call_id=1, utterance_id=1,
        mention_id=1, call_date=dt.date(2026, 5, 4), account="Acme", outcome=outcome,
        speaker="Pat", cluster_id=None, competitor=rival, category="competitor",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        # Our price called steep, no rival named: "it" is the offer on the table.
        ("Clinicly", "It's still too pricey for us right now, but keep us posted."),
        ("Tillwise", "Honestly it's too expensive for a farm our size."),
        ("Kassenwart", "It's a lot of money for a single café."),
        ("Rostera", "Way over budget for this year, I'm afraid."),
        # The rival the benchmark: we are the dearer.
        ("FleetPilot", "it's more than double what we pay FleetPilot"),
        ("Vetstream", "That's twice what we pay Vetstream for the same thing."),
        ("Procore", "It costs way more than Procore for a crew our size."),
        ("Jobber", "It works out at three times what Jobber charges us."),
        # Whoever must match or beat the price is the dearer.
        ("Clio", "Honestly, we'd sign if you matched Clio's price."),
        ("ShiftPad", "We'd move tomorrow if you could beat ShiftPad's quote."),
        # The rival's price lower, whatever the unit.
        ("Ampeco", "Ampeco pitched our Atlanta team last month with a lower per-port price."),
        ("Medibook", "Medibook came back with a lower per-chair fee."),
        # Our side found wanting beside theirs.
        ("Agworld", "Agworld does it in one screen but yours is clunky."),
        ("TaxDome", "TaxDome has the portal built in, while Bookwise makes clients log in twice."),
    ],
)
def test_a_strength_of_theirs_or_a_weakness_of_ours_is_where_they_fit(
    rival: str, said: str
) -> None:
    assert heading_for(_quote(said, rival), (rival,), OURS) == "strong"


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        # Made for someone else: a fault of theirs, where we fit better.
        ("Agworld", "we looked at Agworld but it's really built for the agronomist not the farmer"),
        ("Clio", "Clio is built for big firms, not for a two-lawyer shop like ours."),
        ("Procore", "Procore is designed for general contractors rather than roofers."),
        ("Vetstream", "Vetstream was not really made for mobile vets."),
        ("HammerTech", "HammerTech is overkill for a crew of twelve."),
        ("Tidely", "Tidely is too basic for a group with three practices."),
        # Their price steep, said of them by name or by a pronoun after their name.
        ("Clio", "We tried Clio and it was too expensive."),
        ("Canopy", "Canopy's $2,500 setup fee is steep."),
        ("HammerTech", "HammerTech charges per user, which gets expensive with sixty staff."),
        ("Ledgerly", "Their per-seat pricing adds up fast at tax time."),
        ("RouteHub", "RouteHub costs more than you for forty vans."),
    ],
)
def test_a_fault_of_theirs_is_where_they_fall_short(rival: str, said: str) -> None:
    assert heading_for(_quote(said, rival), (rival,), OURS) == "short"


@pytest.mark.parametrize(
    ("rival", "said", "heading"),
    [
        # Said well of them, a contract, a fee said plainly; a lower price beside a contract.
        ("Canopy", "Canopy is cheaper for a firm our size.", "strong"),
        ("Agworld", "Agworld is built for us farmers, not for consultants.", "strong"),
        ("Clio", "So we're on Clio right now, and our contract runs until October.", "stay"),
        (
            "FleetPilot",
            "At ninety dollars a van it's more than double what we pay FleetPilot."
            " And we're locked into a FleetPilot contract until March anyway.",
            "strong",
        ),
        ("HammerTech", "HammerTech charges per user.", "price"),
    ],
)
def test_lines_that_keep_their_heading(rival: str, said: str, heading: str) -> None:
    assert heading_for(_quote(said, rival), (rival,), OURS) == heading


def test_a_question_claims_nothing() -> None:
    assert asks("Do you offer any credit for the months left on our Clio contract?")
    assert asks("Is Procore cheaper for a crew our size? We heard it was.")
    assert not asks("We're locked in with Clio until May. Can you wait?")


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    rivals = ["Clinicly", "Ampeco"]
    ws = Workspace(make_settings(tmp_path / "data", competitors=rivals), embedder=embedder)
    yield ws
    ws.close()


PROFILE = ProductProfile(
    name="Bookwise",
    pricing=["$40 per practice a month.", "No charge for vets who are on leave for a whole month."],
    plans=["Month-to-month: no minimum contract."],
    features=["Recall reminders by text and email."],
    integrations=["Two-way sync with Xero."],
    security=["Data hosted in Sydney."],
    onboarding=["Front-desk training is one short session."],
    proof_points=["Practices cut no-shows by a third."],
)


def _page(db: Session, workspace: Workspace, rival: str) -> str:
    set_profile(db, PROFILE)
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=rival,
        use_llm=False, embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}")[1].split("\n## ")[0] if f"## {heading}" in body else ""


def test_our_price_and_a_question_are_not_filed_against_the_rival(workspace: Workspace) -> None:
    """An open deal on Clinicly: its contract, a question, our price called steep (no rival
    named), and what would win it; and a fault found with Clinicly in another deal."""
    pricey = "It's still too pricey for us right now, but keep us posted."
    credit = "Do you offer any credit for the months left on our Clinicly contract?"
    contract = "We're on Clinicly right now, and our contract runs until October."
    match = "Honestly, we'd sign if you matched Clinicly's price."
    made_for = (
        "We looked at Clinicly but it's really built for big hospitals not a two-vet practice."
    )
    with workspace.session() as db:
        theme = add_theme(db, "Practice software", "practice")
        _, turns = _call(
            db, 1, "Harbour Vets", "lost", "2026-04-02",
            [("Ruth Okafor", "buyer", t) for t in (contract, credit, pricey, match)],
        )  # fmt: skip
        _, [other] = _call(
            db, 2, "Kowhai Animal Clinic", "open", "2026-04-09", [("Ari Tane", "buyer", made_for)]
        )
        for turn in [*turns, other]:
            _mention(db, turn, "objection", "competitor", theme, competitor="Clinicly")
        body = _page(db, workspace, "Clinicly")
    short, fits = (
        _section(body, "Where Clinicly falls short for buyers"),
        _section(body, "When Clinicly is the better fit"),
    )
    # Our price called steep is a complaint about us, no strength of theirs: neither heading.
    assert pricey not in short and pricey not in fits, body
    assert match in fits and made_for in short and made_for not in fits, body
    assert credit not in body, body  # a question is no claim under any heading
    assert contract in _section(body, "Why buyers stay with Clinicly"), body
    rows = [line for line in body.splitlines() if line.startswith("| **")]
    assert not any(pricey in row for row in rows), body  # not said of the rival


def test_chose_us_only_where_a_won_deal_weighed_the_rival(workspace: Workspace) -> None:
    """An existing customer's review mentions a rival's pitch to another office (no head-to-
    head); a new customer compared the rival and chose us. Our side of the rival's lower price
    is never a charge waived on a condition."""
    pitched = "Ampeco pitched our Atlanta clinic last month with a lower per-vet price."
    compared = "We compared Ampeco too, and their app kept crashing in the demo."
    with workspace.session() as db:
        theme = add_theme(db, "Charging software", "charging")
        _, [review] = _call(
            db, 1, "Meadow Office Parks", "won", "2026-03-19", [("Kim Lowe", "buyer", pitched)]
        )
        _, [new] = _call(
            db, 2, "Birchwood Apartments", "won", "2026-03-26", [("Dev Rao", "buyer", compared)]
        )
        for turn in (review, new):
            _mention(db, turn, "objection", "competitor", theme, competitor="Ampeco")
        body = _page(db, workspace, "Ampeco")
    ours = _section(body, "When we are the better fit")
    assert pitched not in ours and f"“{compared}” " in ours, body
    assert pitched in _section(body, "When Ampeco is the better fit"), body
    # Our side of their lower price: our price, never a charge waived on a condition.
    [row] = [line for line in body.splitlines() if line.startswith("| **") and pitched in line]
    assert "on leave" not in row.split(" | ")[1], row
