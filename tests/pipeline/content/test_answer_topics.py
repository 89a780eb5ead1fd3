"""A worry is answered by a fact about its own topic, in three trades (a gym booking tool, a
fleet maintenance tool, a law-firm intake tool), with the real embedder and SQLite: "Are we
locked into a long contract?" by our contract terms, "Is it worth the price?" beside "what
does it cost?" by the price too, a comparison's price and several-sites rows by the price and
the facts about sites, and a use case's lead problem by one the product solves.

Why: a pharmacy FAQ answered "Are we locked into a long contract?" with "Reads live dispensing
data ... twelve months of history" (a "history" moved, by its words) while "Rolling monthly
plan available; 12 month term with a 60 day break clause" was on file, and that answer shipped
as the FAQPage's acceptedAnswer; its comparison said "Price: To write" beside "£149 a month
per site" (a price in the profile's only currency was read as another market's); its use case
led with "Our CD register is still a paper book", which nothing in the profile solves."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.publish.export import export_document
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme


@dataclass(frozen=True)
class Trade:
    industry: str
    rival: str
    profile: ProductProfile
    terms: str  # our contract terms
    moved_history: str  # a feature whose words name a "history" moved: no contract answer
    price: str  # the one price on file, in the profile's only currency
    sites: str  # what the product does across sites
    held: str  # a buyer held by the rival's contract
    costs: list[str]  # a price worry: what does it cost, and is it worth it
    rival_cheaper: str  # the rival's price, said with no currency
    rival_sites: str  # the rival's lack across sites
    unsolved: list[str]  # the largest pain theme: nothing in the profile solves it
    solved: str  # a smaller pain theme: a feature solves it
    solves: str  # that feature


def _profile(name: str, **lists: list[str]) -> ProductProfile:
    return ProductProfile(
        name=name,
        pricing=lists["pricing"],
        plans=lists["plans"],
        features=lists["features"],
        integrations=[],
        security=lists["security"],
        onboarding=lists["onboarding"],
        proof_points=lists["proof_points"],
    )


GYM_TERMS = "Monthly rolling contract; cancel with 30 days' notice."
GYM_HISTORY = "Imports three years of attendance history to suggest new class times."
GYM_PRICE = "£89 a month per gym, class booking and payments included."
GYM_SITES = "Members move between your sites in one tap, one membership for every site."
GYM_SOLVES = "Members book and cancel classes from the app, with a waiting list that fills gaps."
FLEET_TERMS = "Month-to-month plan, cancel any time."
FLEET_HISTORY = "Reads two years of service history from your telematics to predict repairs."
FLEET_PRICE = "£12 per vehicle a month, inspections and reminders included."
FLEET_SITES = "Vehicles move between sites in two clicks, with one view of every site."
FLEET_SOLVES = "MOT and service reminders 30 days before each date, for every vehicle."
LAW_TERMS = "Rolling monthly subscription; 12 month term optional with a 60 day break clause."
LAW_HISTORY = "Imports five years of matter history to run conflict checks on new enquiries."
LAW_PRICE = "£199 a month per office, intake forms and conflict checks included."
LAW_SITES = "Enquiries pass between your offices in one click, one inbox for every office."
LAW_SOLVES = "Online intake forms that clients fill in before the first call, no retyping."

TRADES = [
    Trade(
        "Gyms",
        "GymFlow",
        _profile(
            "FitDesk",
            pricing=[GYM_PRICE],
            plans=[GYM_TERMS, "Instructors get a free login."],
            features=[GYM_HISTORY, GYM_SOLVES, GYM_SITES],
            security=["Card details are held by Stripe, never by us."],
            onboarding=["Our team sets up your timetable for you in a day."],
            proof_points=["Gyms cut class no-shows by a quarter in three months."],
        ),
        GYM_TERMS,
        GYM_HISTORY,
        GYM_PRICE,
        GYM_SITES,
        "We signed a two year contract with GymFlow in January and there's an exit fee.",
        [
            "What does it cost? Because a hundred a month is a lot for one small gym.",
            "I can't justify that on our margins.",
        ],
        "GymFlow quoted us a lot less than you per month.",
        "GymFlow can't move members between our three sites, we re-enter them by hand.",
        [
            "Our personal trainers' commission is worked out on a spreadsheet every month.",
            "Working out trainer commission takes me a full day each month.",
        ],
        "Members turn up to full classes and nobody knows there's space in the next one.",
        GYM_SOLVES,
    ),
    Trade(
        "Fleet operators",
        "Servico",
        _profile(
            "Fleetwise",
            pricing=[FLEET_PRICE],
            plans=[FLEET_TERMS, "Drivers get a free app login."],
            features=[FLEET_HISTORY, FLEET_SOLVES, FLEET_SITES],
            security=["Hosted in the UK, with daily backups."],
            onboarding=["We load your fleet list for you in a day."],
            proof_points=["Fleets cut unplanned off-road days by a third in six months."],
        ),
        FLEET_TERMS,
        FLEET_HISTORY,
        FLEET_PRICE,
        FLEET_SITES,
        "We're tied into Servico until next March, we signed a three year deal.",
        [
            "How much is it? Fifteen a van a month is a lot for a fleet of twelve.",
            "We can't justify that cost right now.",
        ],
        "Servico quoted us a lot less than you per month.",
        "Servico can't show the vans across our four sites, so we ring round each morning.",
        [
            "Our tyre stock is still counted on paper in the yard every week.",
            "Counting tyres in the yard by hand eats a morning every Friday.",
        ],
        "We keep missing MOT and service dates and vans end up off the road.",
        FLEET_SOLVES,
    ),
    Trade(
        "Law firms",
        "Clerkly",
        _profile(
            "IntakeIQ",
            pricing=[LAW_PRICE],
            plans=[LAW_TERMS, "Paralegals get a free read-only seat."],
            features=[LAW_HISTORY, LAW_SOLVES, LAW_SITES],
            security=["Client data hosted in London, encrypted at rest."],
            onboarding=["We set up your intake questions for you in two days."],
            proof_points=["Firms answer new enquiries twice as fast in their first quarter."],
        ),
        LAW_TERMS,
        LAW_HISTORY,
        LAW_PRICE,
        LAW_SITES,
        "We signed a three year agreement with Clerkly last year and leaving early costs a lot.",
        [
            "What does it cost? Two hundred a month is a lot for a two-partner firm.",
            "I can't justify that for a firm our size.",
        ],
        "Clerkly quoted us a lot less than you per month.",
        "Clerkly can't pass enquiries between our two offices, so we forward emails all day.",
        [
            "Our partners still bill from paper timesheets at the end of the month.",
            "Chasing paper timesheets for the monthly bills takes our cashier two days.",
        ],
        "Clients email us their details and we retype every intake form by hand.",
        LAW_SOLVES,
    ),
]
IDS = [t.industry for t in TRADES]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _theme(
    db: Any, trade: Trade, first: int, kind: str, category: str | None, said: list[str], **kw: Any
) -> int:
    """A theme of ``kind`` whose lines are ``said``, each by a buyer on a call of its own."""
    theme = add_theme(db, said[0][:30], category or kind)
    theme.kind = kind
    for n, text in enumerate(said, start=first):
        _, turns = _call(
            db, n, f"{trade.industry} {n}", "open", f"2026-05-{n:02d}",
            [("Robin", "buyer", text)], trade.industry,
        )  # fmt: skip
        _mention(db, turns[0], kind, category, theme, **kw).confidence = 0.9
    return theme.id


def _faq(ws: Workspace, trade: Trade, category: str, said: list[str], **kw: Any) -> dict[str, Any]:
    with ws.session() as db:
        set_profile(db, trade.profile)
        theme = _theme(db, trade, 1, "objection", category, said, **kw)
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type="objection-faq", cluster_ids=[theme], use_llm=False,
            embedder=ws.embedder,
        )  # fmt: skip
        [item] = document.structured["content"]["items"]
        jsonld = json.loads(export_document(db, ws.settings, document.id, "jsonld").content)
        return {"item": item, "jsonld": jsonld}


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_our_contract_question_is_answered_by_our_terms(workspace: Workspace, trade: Trade) -> None:
    """A buyer held by a rival's contract, under "Are we locked into a long contract?": our
    terms answer the question asked, never a feature that names a "history"."""
    found = _faq(workspace, trade, "contract", [trade.held], competitor=trade.rival)
    item = found["item"]
    assert item["question"] == "Are we locked into a long contract?"
    assert trade.terms in item["answer"] and trade.moved_history not in item["answer"]
    [entry] = found["jsonld"]["mainEntity"]
    assert trade.terms in entry["acceptedAnswer"]["text"]


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_worth_the_price_beside_what_it_costs_gives_the_price(
    workspace: Workspace, trade: Trade
) -> None:
    item = _faq(workspace, trade, "price", trade.costs)["item"]
    assert item["question"] == "Is it worth the price for a business our size?"
    assert trade.price in item["answer"]


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_the_comparison_prices_and_sites_rows_cite_their_facts(
    workspace: Workspace, trade: Trade
) -> None:
    """The price in the profile's only currency answers the price row on a page whose calls
    name no market; the facts about sites answer the several-sites row."""
    with workspace.session() as db:
        set_profile(db, trade.profile)
        _theme(db, trade, 1, "objection", "price", [trade.rival_cheaper], competitor=trade.rival)
        _theme(db, trade, 2, "objection", "competitor", [trade.rival_sites], competitor=trade.rival)
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=trade.rival,
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
    rows = {r["aspect"].split(" (")[0]: r["us"] for r in document.structured["content"]["rows"]}
    assert rows["Price"] == trade.price
    assert rows["Several sites"] == trade.sites


@pytest.mark.parametrize("trade", TRADES, ids=IDS)
def test_a_use_case_leads_with_a_problem_the_product_solves(
    workspace: Workspace, trade: Trade
) -> None:
    with workspace.session() as db:
        set_profile(db, trade.profile)
        _theme(db, trade, 1, "pain", None, trade.unsolved)  # the largest pain, unsolved
        _theme(db, trade, 3, "pain", None, [trade.solved])
        _theme(db, trade, 4, "objection", "price", trade.costs)
        db.flush()
        document = generate_document(
            db, workspace.settings, doc_type="use-case", industry=trade.industry,
            use_llm=False, embedder=workspace.embedder,
        )  # fmt: skip
    content = document.structured["content"]
    first, *rest = [c["text"] for c in content["challenges"]]
    assert trade.solved in first and "solves yet" not in first
    assert all("solves yet" in text for text in rest if any(u in text for u in trade.unsolved))
    assert content["how_it_helps"][0]["text"] == trade.solves
