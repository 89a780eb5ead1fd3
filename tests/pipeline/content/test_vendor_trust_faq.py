"""A theme of buyers doubting the vendor itself asks whether we will still be around, not how
long setup takes (a new-user walk saw "what happens if you fold?" under "How long does it take
to get up and running?"); with no fact about the company on file it says what to gather."""

from __future__ import annotations

from dataclasses import replace

from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from tests.pipeline.content.one_theme import one_theme_evidence

SAID = [  # a courier firm, a vet practice, a salon
    "You've only been trading since last spring, and I've got sixty vans to think of.",
    "Our last practice software company went bust and the records were stuck for weeks.",
    "You're a tiny company, and I can't have the whole salon's bookings vanish.",
]


def test_a_vendor_doubt_asks_whether_we_will_still_be_around() -> None:
    evidence, _ = one_theme_evidence("Vendor track record: trading", "vendor_trust", SAID)
    [item] = objection_faq(evidence).items
    assert (
        item.question == "Will you still be around in a few years, and who else like us uses you?"
    )
    assert "set up" not in item.question and "running" not in item.question


def test_with_no_company_fact_it_says_what_to_gather() -> None:
    evidence, _ = one_theme_evidence("Vendor track record: trading", "vendor_trust", SAID)
    [item] = objection_faq(evidence).items
    assert item.answer.startswith("To write: how long we have been trading"), item.answer
    assert "a customer they can call" in item.answer


def test_a_proof_point_about_the_company_answers_it() -> None:
    evidence, _ = one_theme_evidence("Vendor track record: trading", "vendor_trust", SAID)
    profile = ProductProfile(
        name="Rotaly",
        pricing=["£3 a user a month."],
        plans=["Monthly rolling plan."],
        features=["Shift swaps in the app."],
        integrations=[],
        security=[],
        onboarding=[],
        proof_points=[
            "Trading since 2015, with 1,400 small businesses on it today.",
            "Most cafes cut rota time to under thirty minutes.",
        ],
        roadmap=[],
    )
    facts = profile_facts(profile)
    [item] = objection_faq(replace(evidence, profile=facts)).items
    assert item.question.startswith("Will you still be around")
    assert item.answer == "Trading since 2015, with 1,400 small businesses on it today."
