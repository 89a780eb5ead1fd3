"""A pricing explainer quotes under "What buyers ask about price" only lines about money as
said, whatever category the detector filed them under: a line asking for someone's sign-off
is an approval worry, whatever money it names.

Why: a pricing explainer opened "What buyers ask about price" with "I'd have to take it to our
owners ... they're going to want the crematory ROI in writing before anything gets signed",
an approval objection filed as price."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.topics import about_price
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

SIGN_OFF = [
    "I'd have to take it to the trustees, and they'll want the payback in writing before "
    "anything is signed.",
    "The board will want to see the ROI before they sign off on anything.",
    "Our owner signs off every purchase over a grand, and he is away until March.",
    "The governors have to approve it first, they meet in June.",
    "I'd need my business partner to sign off, she handles the money side.",
    "We'd need head office to approve it, and they want a business case in writing.",
    "The co-op committee signs off anything new, and the next meeting is after harvest.",
    "Our practice manager has to run it past the partners before we can commit to anything.",
    "Nothing gets signed until the council approves the budget in April.",
    "My boss will want the savings in writing before he signs anything.",
    "I'd have to check with my partner, but the price looks fine.",
]
MONEY = [
    "Forty dollars a month per boat slip adds up fast for a marina our size.",
    "Nine a cleaner adds up fast with thirty cleaners.",
    "That's more than our salon pays for the diary we have now.",
    "It's too expensive for a charity shop that runs on volunteers.",
    "Two hundred a year per tractor is steep for a family farm.",
    "Another agency quoted us half that for the same hours.",
    "We can't justify the cost with only twelve kids in the club.",
    "The per-seat price hurts when half our vets are part time.",
    "Is there a discount for charities?",
    "Our budget for software is about fifty pounds a month, all in.",
    "Honestly, we'd sign if you matched Clio's price.",
    "We'd sign up tomorrow if it were half the price.",
]


@pytest.mark.parametrize("said", SIGN_OFF)
def test_a_line_asking_for_sign_off_is_not_about_price(said: str) -> None:
    assert not about_price(said)


@pytest.mark.parametrize("said", MONEY)
def test_a_line_about_money_is_about_price(said: str) -> None:
    assert about_price(said)


PROFILE = ProductProfile(
    name="Berthly",
    pricing=["$4 per berth a month, billed monthly."],
    plans=["Month-to-month: no minimum contract."],
    features=["Berth holders pay online by card or direct debit."],
    proof_points=["A 300-berth marina cut unpaid invoices by half."],
)


def _explainer(ws: Workspace, lines: list[str]) -> dict[str, Any]:
    """A pricing explainer of one price theme whose lines are said on a call each, the
    earlier the surer."""
    with ws.session() as db:
        set_profile(db, PROFILE)
        theme = add_theme(db, "Price", "price")
        for n, text in enumerate(lines, start=1):
            _, [turn] = _call(db, n, f"Account {n}", "open", "2026-05-04", [("Pat", "buyer", text)])
            _mention(db, turn, "objection", "price", theme).confidence = 0.99 - n / 100
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type="pricing-explainer", cluster_ids=[theme.id], use_llm=False
        )
        content: dict[str, Any] = document.structured["content"]
    return content


@pytest.mark.parametrize("start", [0, 4, 8])
def test_what_buyers_ask_about_price_quotes_no_sign_off(ws: Workspace, start: int) -> None:
    """Sign-off lines filed as price and read surer than the price worries: the page quotes
    the price worries only."""
    asked = SIGN_OFF[start : start + 3]
    page = _explainer(ws, [*asked, *MONEY[start : start + 3]])
    quoted = [page["summary"]["text"], *(c["question"] for c in page["concerns"])]
    assert page["concerns"], page
    assert not [line for line in asked if any(line in text for text in quoted)], quoted


def test_a_price_theme_with_no_money_line_still_has_its_page(ws: Workspace) -> None:
    """Nothing about money to quote: the entries quote what the theme holds, as before, and
    the opening line quotes none of them a second time."""
    page = _explainer(ws, SIGN_OFF[:2])
    assert page["concerns"] and not page["summary"]["citations"], page
