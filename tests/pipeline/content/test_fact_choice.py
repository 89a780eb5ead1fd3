"""The product fact each worry gets is chosen by what its buyers asked, with the real embedder
and SQLite, in three industries: "is it worth it" by what we give for the money (never the
price list alone; a value case to write when nothing gives it), a need by the fact naming it
though a word of it names another industry of the workspace, and a fact bounded to a size
(or an industry) only where the buyers are of it."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.pairing import speaks_of_other_industry
from pipeline.content.profile import ProductProfile, profile_facts, set_profile
from pipeline.content.scale import buyer_counts, fits_scale
from pipeline.content.value import asks_value, gives_value
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around


@dataclass(frozen=True)
class Market:
    own: str  # the industry of the themes' calls
    other: str  # another industry of the workspace, sharing a word with the need's fact
    value_worry: list[str]  # buyers asking whether it is worth it
    need: list[str]  # buyers naming one need
    profile: ProductProfile
    value_answer: str | None  # the fact a careful marketer cites for "worth it"; None: to write
    need_answer: str
    never: tuple[str, ...]  # facts no answer on the page may be


RECRUITMENT = Market(
    own="Perm recruitment",
    other="Client services",
    value_worry=[
        "Paying per seat every month when we go three months without a placement is hard "
        "to justify.",
        "I can't justify that cost for fourteen consultants right now.",
    ],
    need=[
        "Our clients refuse to log into a client portal to approve timesheets.",
        "Getting clients to approve timesheets is the whole problem for us.",
    ],
    profile=ProductProfile(
        name="HireSpark",
        pricing=[
            "£69 per recruiter seat a month.",
            "Tiered seat pricing for agencies with more than 50 recruiters.",
        ],
        plans=["Monthly plan with 30 days' notice."],
        features=[
            "CV parsing inbox and job-board multiposting.",
            "Clients approve timesheets from an email link, no client portal login needed.",
        ],
        integrations=["Payroll exports for ADP and Gusto."],
        proof_points=[
            "For agencies of 20 recruiters or fewer, the seat price is paid back by one extra "
            "placement a year.",
            "[Light industrial] Temp desks cut timesheet chasing to under an hour a week.",
        ],
    ),
    value_answer="For agencies of 20 recruiters or fewer",
    need_answer="Clients approve timesheets from an email link",
    never=("Tiered seat pricing", "Temp desks cut"),
)
LETTINGS = Market(
    own="Letting agent",
    other="Private landlord",
    value_worry=[
        "Is it really worth it for a hundred and forty units?",
        "I can't see us paying that back with a hundred and forty units.",
    ],
    need=[
        "Landlords won't log into another portal, they barely open the emails we send now.",
        "Our landlords just want their statements without another login.",
    ],
    profile=ProductProfile(
        name="LettingLoop",
        pricing=[
            "£2.40 per managed unit a month with a 50-unit minimum.",
            "Portfolios above 1,000 units get a tiered rate.",
        ],
        plans=["A one-branch pilot before the rest of the portfolio moves."],
        features=[
            "Arrears are chased automatically by SMS and email.",
            "A landlord portal shows statements, repairs and documents without a login to learn.",
        ],
        integrations=["Rent and fees sync to Xero."],
        proof_points=[
            "Agents managing over 500 units cut arrears chasing time by half.",
            "[Build to rent] Operators fill void units a week faster.",
        ],
    ),
    value_answer=None,  # its only value fact holds for over 500 units
    need_answer="A landlord portal shows statements",
    never=("Portfolios above 1,000 units", "over 500 units", "£2.40", "void units"),
)
VETS = Market(
    own="Veterinary clinic",
    other="Pet grooming",
    value_worry=[
        "Can we justify that for a two-vet practice?",
        "Is it worth the money for a clinic with three vets?",
    ],
    need=[
        "Pet owners keep phoning to book because they can't book from their phone.",
        "Our pet owners want to book appointments on their phone at night.",
    ],
    profile=ProductProfile(
        name="VetDesk",
        pricing=["$199 per vet a month.", "Group pricing for hospitals with over 25 vets."],
        plans=["Annual billing takes 10% off."],
        features=[
            "Pet owners book and pay for appointments in the owner app.",
            "Vaccination reminders go out by text.",
        ],
        integrations=["Lab results arrive from IDEXX."],
        proof_points=[
            "Clinics cut no-shows by a third with text reminders.",
            "[Equine] Ambulatory vets save an hour a day on paperwork.",
        ],
    ),
    value_answer="Clinics cut no-shows by a third",
    need_answer="Pet owners book and pay",
    never=("$199 per vet", "Group pricing", "Ambulatory vets"),
)
MARKETS = [RECRUITMENT, LETTINGS, VETS]
TIERED = "Tiered pricing for agencies with more than 50 recruiters."
PORTFOLIO = "Portfolios above 1,000 units get a tiered rate."


def _seed(ws: Workspace, embedder: Embedder, market: Market) -> tuple[int, int]:
    """A value theme (price) and a need theme (adoption), each said on two calls of the
    market's industry; one call of the other industry, so its name's words are foreign."""
    with ws.session() as db:
        set_profile(db, market.profile)
        value = theme_around(db, embedder, market.value_worry)
        need = theme_around(db, embedder, market.need)
        lines = [(value, "price", t) for t in market.value_worry]
        lines += [(need, "adoption", t) for t in market.need]
        for n, (theme, category, text) in enumerate(lines, start=1):
            _, [u] = _call(db, n, f"Account {n}", "open", "2026-03-01",
                           [("Pat", "buyer", text)], industry=market.own)  # fmt: skip
            _mention(db, u, "objection", category, theme)
        _call(db, 99, "Other", "open", "2026-03-02", [("Kim", "buyer", "Hello there.")],
              industry=market.other)  # fmt: skip
        return value.id, need.id


def _answers(ws: Workspace, embedder: Embedder, doc_type: str, ids: list[int]) -> list[dict]:
    with ws.session() as db:
        doc = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder, cluster_ids=ids
        )
        text = {p["id"]: p["text"] for p in doc.structured["evidence"]["profile"]}
        content, quotes = doc.structured["content"], doc.structured["evidence"]["quotes"]
    said = {q["id"]: q["text"] for q in quotes}
    items = content.get("items") or content.get("objections") or []
    return [
        {
            "said": [said[c] for c in item.get("citations", []) if c in said],
            "facts": [text[i] for i in item.get("profile", [])],
            "answer": item["answer"],
        }
        for item in items
    ]


@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.own)
def test_each_worry_gets_the_fact_that_answers_what_it_asked(
    ws: Workspace, embedder: Embedder, market: Market
) -> None:
    value, need = _seed(ws, embedder, market)
    items = _answers(ws, embedder, "objection-faq", [value, need])
    worth = next(i for i in items if set(i["said"]) & set(market.value_worry))
    asked = next(i for i in items if set(i["said"]) & set(market.need))
    if market.value_answer is None:
        assert worth["facts"] == [] and "value case" in worth["answer"]
    else:
        assert worth["facts"] and worth["facts"][0].startswith(market.value_answer)
    assert not [f for f in worth["facts"] if f in market.profile.pricing]  # the price list
    assert asked["facts"] and asked["facts"][0].startswith(market.need_answer)
    stated = [f for i in items for f in i["facts"]]
    assert not [f for f in stated for never in market.never if never in f]


@pytest.mark.parametrize("market", MARKETS, ids=lambda m: m.own)
def test_a_page_for_every_industry_states_no_one_industrys_proof(
    ws: Workspace, embedder: Embedder, market: Market
) -> None:
    value, need = _seed(ws, embedder, market)
    with ws.session() as db:
        body = generate_document(
            db, ws.settings, doc_type="one-pager", use_llm=False, embedder=embedder,
            cluster_ids=[value, need],
        ).body_markdown  # fmt: skip
    tagged = [f.text for f in profile_facts(market.profile) if f.industry]
    assert tagged and not [t for t in tagged if t in body]


@pytest.mark.parametrize(
    "line",
    [
        "Is it worth the price for a team our size?",
        "Can we justify it?",
        "It's hard to justify paying per seat in a quiet month.",
        "What's the ROI on this for a small clinic?",
        "Would it pay for itself within the year?",
        "I can't see us adding that cost right now.",
        "Is that value for money for a fleet of twelve vans?",
    ],
)
def test_a_value_question_is_read_as_one(line: str) -> None:
    assert asks_value([line])


@pytest.mark.parametrize(
    "line",
    [
        "How much is it per user?",
        "That's more than we pay now.",
        "It's worth a look next quarter.",
        "We need it to sync with Xero.",
        "Is there a discount for annual billing?",
    ],
)
def test_a_price_question_is_no_value_question(line: str) -> None:
    assert not asks_value([line])


@pytest.mark.parametrize(
    ("fact", "section", "gives"),
    [
        ("Clinics cut no-shows by a third.", "proof_points", True),
        ("Setup and data migration are included at no extra charge.", "onboarding", True),
        ("Dispatchers save about four hours a week on scheduling.", "features", True),
        ("The seat price is paid back by one extra placement a year.", "pricing", True),
        ("£69 per recruiter seat a month.", "pricing", False),
        ("A Chrome extension saves a candidate from LinkedIn in one click.", "features", False),
        ("Old CV versions and emails included, with an audit entry.", "security", False),
    ],
)
def test_what_a_fact_gives_for_the_money(fact: str, section: str, gives: bool) -> None:
    facts = profile_facts(ProductProfile(name="X", **{section: [fact]}))  # type: ignore[arg-type]
    assert gives_value(facts[0]) is gives


@pytest.mark.parametrize(
    ("fact", "said", "fits"),
    [
        (TIERED, "fourteen consultants", False),
        (TIERED, "sixty recruiters", True),
        (TIERED, "six branches", True),
        (PORTFOLIO, "only got thirty flats", False),
        (PORTFOLIO, "two thousand four hundred homes", True),
        ("Agents managing over 500 units cut arrears by half.", "a hundred and forty units", False),
        ("Free for teams up to 10 users.", "we have 35 techs", False),
        ("Free for teams up to 10 users.", "just the four of us, four users", True),
        ("Fleets of 20 vehicles or fewer pay a flat fee.", "forty trucks on the road", False),
        ("Fleets of 20 vehicles or fewer pay a flat fee.", "twelve vans", True),
        ("Group plan for practices with at least 3 sites.", "we run one clinic", False),
        ("Group plan for practices with at least 3 sites.", "£69 a seat is steep", True),
        ("Everyone gets the mobile app.", "fourteen consultants", True),
    ],
)
def test_a_fact_bounded_to_a_size_is_offered_to_buyers_of_that_size(
    fact: str, said: str, fits: bool
) -> None:
    assert fits_scale(fact, [said]) is fits


def test_an_amount_of_money_is_no_count_of_the_business() -> None:
    assert buyer_counts(["At £69 a seat for fourteen consultants, that's over £13,000."]) == {
        "people": [14.0]
    }
    assert buyer_counts(["Ninety pounds a month on the older flats."]) == {}


@pytest.mark.parametrize(
    ("fact", "said", "other"),
    [
        ("A landlord portal shows statements.", ["Landlords won't log in"], False),
        ("A landlord portal shows statements.", ["Our tenants want a portal"], True),
        ("Pet owners book in the owner app.", ["Pet owners phone to book"], False),
        ("Grooming slots sit beside vet visits.", ["Pet owners phone to book"], True),
    ],
)
def test_a_word_the_buyers_use_is_theirs_not_another_industrys(
    fact: str, said: list[str], other: bool
) -> None:
    industries = ["Letting agent", "Private landlord", "Veterinary clinic", "Pet grooming"]
    own = ["Letting agent", "Veterinary clinic"]
    assert speaks_of_other_industry(fact, own, industries, said) is other
