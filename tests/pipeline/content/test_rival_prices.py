"""A rival's price said by a buyer goes where the sentence's own words put it: a lower price is
a reason the rival fits that buyer better, a steep or dearer one a fault, a price or fee said
plainly a fact about the rival's deal.

Why: a reviewer's page listed "Canopy's $2,500 for setup" and "HammerTech charges per user"
under "When <rival> is the better fit"; neither says the rival fits better."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path

import pytest

from pipeline.content.evidence import Quote
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_prices import rival_price_verdict
from pipeline.content.rival_rows import heading_for
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme


def _quote(text: str, competitor: str) -> Quote:
    return Quote(
        id=1, text=text, role="buyer", kind="objection", call_id=1, utterance_id=1,
        mention_id=1, call_date=dt.date(2026, 5, 4), account="Acme", outcome="lost",
        speaker="Pat", cluster_id=None, competitor=competitor, category="competitor",
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rival", "said", "heading"),
    [
        # Said plainly: a fact about their deal, in any currency and any trade.
        ("Canopy", "Canopy's $2,500 for setup.", "price"),
        ("HammerTech", "HammerTech charges per user.", "price"),
        ("Vetstream", "Vetstream bills us £180 a month per practice.", "price"),
        ("Kassenwart", "Kassenwart wanted €1,200 up front for the onboarding.", "price"),
        ("Solargraf", "Solargraf is 49 dollars a seat, billed monthly.", "price"),
        ("ShiftPad", "They quoted us A$89 per site, plus the SMS bundle.", "price"),
        # Said as why it fits that buyer better: cheaper, lower, less.
        ("Canopy", "Canopy is cheaper for a firm our size.", "strong"),
        ("Jobber", "Jobber came in at about half what you charge for our crews.", "strong"),
        ("ClinicPulse", "ClinicPulse costs less once you add the second clinic.", "strong"),
        ("Tidely", "You're dearer than Tidely for a practice with three vets.", "strong"),
        ("Fleetio", "We'd pay less with Fleetio for forty trucks.", "strong"),
        ("Stockwise", "Stockwise has a lower monthly fee and no setup charge.", "strong"),
        ("Medibook", "Medibook gives the text reminders for free.", "strong"),
        ("Canopy", "With twelve seats we'd pay less with Canopy, that's the problem.", "strong"),
        # Said as a fault: steep, expensive, too much, dearer than you.
        ("Canopy", "Canopy's $2,500 setup fee is steep.", "short"),
        (
            "HammerTech",
            "HammerTech charges per user, which gets expensive with sixty staff.",
            "short",
        ),
        ("Kassenwart", "Kassenwart's €300 per terminal is too much for a single café.", "short"),
        ("Procore", "Procore costs way more than you for a crew our size.", "short"),
        ("Tidely", "Tidely isn't cheap once you add the lab module.", "short"),
        ("ClinicPulse", "We'd pay more with ClinicPulse than with you.", "short"),
        ("Ledgerly", "Their per-seat pricing adds up fast at tax time.", "short"),
    ],
)
def test_a_rivals_price_goes_where_the_buyers_words_put_it(
    rival: str, said: str, heading: str
) -> None:
    assert heading_for(_quote(said, rival), (rival,), ("Bookwise",)) == heading


def test_our_product_named_is_the_other_side() -> None:
    """ "Bookwise costs more than Tidely" makes Tidely the cheaper, as "you" would."""
    assert rival_price_verdict("Bookwise costs more than Tidely.", ["Tidely"], ["Bookwise"]) == {
        "cheaper"
    }
    assert rival_price_verdict("Tidely costs more than Bookwise.", ["Tidely"], ["Bookwise"]) == {
        "dearer"
    }
    assert rival_price_verdict("Tidely is less flexible.", ["Tidely"]) == set()


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data", competitors=["Canopy"]), embedder=embedder)
    yield ws
    ws.close()


def test_a_fee_said_plainly_is_listed_under_their_pricing(workspace: Workspace) -> None:
    plain = "Canopy's $2,500 for setup."
    cheaper = "Canopy is cheaper for a firm our size."
    steep = "Canopy's per-user fee is steep for our seasonal staff."
    with workspace.session() as db:
        theme = add_theme(db, "Canopy", "canopy")
        for n, text in enumerate((plain, cheaper, steep), start=1):
            _, [turn] = _call(
                db, n, f"Firm {n}", "lost", f"2026-05-0{n}", turns=[("Rui", "buyer", text)]
            )
            _mention(db, turn, "objection", "competitor", theme, competitor="Canopy")
        ledgerly = ProductProfile(
            name="Ledgerly", pricing=["$30 per user per month."], plans=[], features=[],
            integrations=[], security=[], onboarding=[], proof_points=[],
        )  # fmt: skip
        set_profile(db, ledgerly)
        db.flush()
        body = generate_document(
            db, workspace.settings, doc_type="comparison", competitor="Canopy",
            use_llm=False, embedder=workspace.embedder,
        ).body_markdown  # fmt: skip

    def section(heading: str) -> str:
        return body.split(f"## {heading}")[1].split("\n## ")[0] if f"## {heading}" in body else ""

    better = section("When Canopy is the better fit")
    pricing = section("What buyers told us about Canopy's pricing")
    short = section("Where Canopy falls short for buyers")
    assert cheaper in better and plain not in better and steep not in better, body
    assert plain in pricing and cheaper not in pricing, body
    assert steep in short, body
