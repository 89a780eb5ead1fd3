"""Which product-profile facts answer a worry: those of the lists made for its category, the
ones sharing words with what sets the worry apart first; a general list (features, proof
points) only where it shares a word, and never a fact that repeats the reply beside it."""

from __future__ import annotations

from pipeline.content.generate import generate_document
from pipeline.content.profile import (
    ProductProfile,
    ProfileFact,
    content_words,
    facts_for,
    profile_facts,
    set_profile,
)
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

PRICING = "$49 a month base plus $4 per active user."
ANNUAL = "Annual billing takes 15% off the monthly price."
MONTHLY = "Monthly plan: same price, no annual commitment, cancel whenever."
GUESTS = "Guest users (agency or cover staff) get shifts by SMS without a full login."
APP = "Staff get shifts, swaps and reminders in the mobile app or by text."
EXPORT = "Payroll export to LedgerLeaf in one click."
PROOF = "Most cafe customers get weekly rota time under thirty minutes."
PROFILE = [
    ProfileFact(n, section, text)
    for n, (section, text) in enumerate(
        [
            ("pricing", PRICING),
            ("plans", ANNUAL),
            ("plans", MONTHLY),
            ("plans", GUESTS),
            ("features", EXPORT),
            ("features", APP),
            ("proof_points", PROOF),
        ],
        start=1,
    )
]


def texts(facts: list[ProfileFact]) -> list[str]:
    return [fact.text for fact in facts]


def test_a_general_list_answers_only_a_worry_it_shares_words_with() -> None:
    staffly = "A competitor already has everyone's contracts in it staffly rotapro contracts hr"
    assert facts_for(PROFILE, "competitor", about=staffly) == []
    apps = "Staff won't use it use staff use app half smartphones apps"
    assert texts(facts_for(PROFILE, "adoption", about=apps)) == [APP]


def test_a_fact_the_reply_already_says_is_left_out_with_the_rest_of_its_list() -> None:
    locked = "Locked into twelve months months locked contract annual"
    reply = "Then do monthly. Same price, no annual commitment, cancel whenever."
    assert texts(facts_for(PROFILE, "contract", about=locked)) == [ANNUAL, MONTHLY]
    assert texts(facts_for(PROFILE, "contract", about=locked, besides=reply)) == [ANNUAL]


def test_the_lists_made_for_a_category_answer_it_one_fact_each_without_shared_words() -> None:
    dear = "price too high for a small team price expensive"
    assert texts(facts_for(PROFILE, "price", about=dear)) == [PRICING, ANNUAL]
    assert facts_for(PROFILE, None, about=dear) == []


def test_words_are_compared_without_stop_words_or_plurals() -> None:
    assert content_words("The apps and the reminders, when we need them") == {"app", "reminder"}


def test_an_industry_tag_is_read_off_and_keeps_the_fact_to_its_industry(
    ws: Workspace, seeded: Seeded
) -> None:
    """A Healthcare use case had cited "Most cafe customers..." as its proof."""
    profile = ProductProfile(
        name="Bookly",
        pricing=[],
        plans=[],
        features=[],
        integrations=[],
        security=[],
        onboarding=[],
        proof_points=[
            "[Health & fitness] Most gyms fill their class rota in ten minutes.",
            "Customers answer a booking request within the hour.",
            "[ Trades ] Most builders book their first job the day they sign up.",
        ],
    )
    facts = profile_facts(profile)
    assert [(f.industry, f.text) for f in facts] == [
        ("Health & fitness", "Most gyms fill their class rota in ten minutes."),
        (None, "Customers answer a booking request within the hour."),
        ("Trades", "Most builders book their first job the day they sign up."),
    ]
    assert facts[2].fits("trades") and facts[2].fits(None) and not facts[2].fits("Retail")
    with ws.session() as db:
        set_profile(db, profile)
        document = generate_document(db, ws.settings, doc_type="use-case", industry="Trades")
        proof = document.structured["content"]["proof"]
        stated = {p["text"] for p in document.structured["evidence"]["profile"]}
    assert [p["text"] for p in proof][:2] == [
        "Most builders book their first job the day they sign up.",
        "Customers answer a booking request within the hour.",
    ]
    assert "Most gyms fill their class rota in ten minutes." not in stated
