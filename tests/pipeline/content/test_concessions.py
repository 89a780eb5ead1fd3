"""A won deal's reply that gave something off is worded as what that deal agreed, with no list
price beside it, and is no way of framing the value.

Why: a one-pager put "What worked in a deal we won: “I can do fifteen percent, and I can waive
the onboarding fee.”" then "One-off onboarding fee of £495" beside it, as if the fee were what
that deal paid, and a pricing explainer introduced the discount as "How a rep framed the value"."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.concessions import concedes
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (industry, the buyer's price worry, the rep's concession, the list fee it gave off)
TRADES = [
    (
        "Dental clinic",
        "At forty-five pounds a chair that's a lot for a three-chair practice like ours.",
        "For three chairs I can do ten percent, and we'll waive the set-up fee.",
        "One-off set-up fee of £300 per practice.",
    ),
    (
        "Recruitment",
        "Ninety a seat is more than we pay for the whole job board.",
        "For a five-desk agency I can knock twenty percent off the seat price.",
        "Each recruiter seat is £90 a month.",
    ),
    (
        "Brewery",
        "Two hundred a month is steep for a twelve-barrel brewhouse.",
        "For a twelve-barrel brewhouse I can take fifteen percent off the monthly price.",
        "Brewhouse plan: £200 a month, billed monthly.",
    ),
]


def _seed(ws: Workspace, industry: str, worry: str, reply: str, fee: str) -> int:
    with ws.session() as db:
        set_profile(
            db,
            ProductProfile(
                name="Tallyo",
                pricing=[fee],
                plans=["Annual plan: two months free."],
                features=["Reminders go out by text a day before each booking."],
                integrations=[],
                security=[],
                onboarding=[],
                proof_points=[],
            ),
        )
        theme = add_theme(db, "Price", "price")
        for n, outcome in ((1, "won"), (2, "open")):
            turns = [("Robin", "buyer", worry), ("Sam Rivera", "rep", reply)]
            _, said = _call(db, n, f"{industry} {n}", outcome, f"2026-04-0{n}", turns, industry)
            _mention(db, said[0], "objection", "price", theme).confidence = 0.9
            if outcome == "won":
                _mention(db, said[1], "answer", "price", theme).confidence = 0.9
        db.flush()
        return theme.id


@pytest.mark.parametrize(("industry", "worry", "reply", "fee"), TRADES)
def test_a_concession_is_that_deals_terms_with_no_list_price_beside_it(
    ws: Workspace, industry: str, worry: str, reply: str, fee: str
) -> None:
    assert concedes(reply)
    theme = _seed(ws, industry, worry, reply, fee)
    with ws.session() as db:
        evidence = collect_evidence(db, [theme], redact=False)
    [entry] = OFFLINE_DRAFTS["one-pager"](evidence).model_dump()["objections"]
    assert reply in entry["answer"] and fee not in entry["answer"]
    assert entry["answer"].startswith("Agreed in one deal we won")
    [item] = OFFLINE_DRAFTS["objection-faq"](evidence).model_dump()["items"]
    assert reply in item["answer"] and fee not in item["answer"]
    assert "concession for that deal" in item["answer"]
    explainer = OFFLINE_DRAFTS["pricing-explainer"](evidence).model_dump()
    assert not any(reply in p["text"] for p in explainer["value_points"])


@pytest.mark.parametrize(
    "reply",
    [
        "It's forty-five a chair, and that includes the text reminders.",
        "We can do 99% uptime on the booking page.",
        "Most breweries are live in a week.",
    ],
)
def test_a_reply_giving_nothing_off_is_no_concession(reply: str) -> None:
    assert not concedes(reply)
