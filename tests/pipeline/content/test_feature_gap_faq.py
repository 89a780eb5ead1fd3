"""A missing-feature theme's FAQ entry asks for the thing its buyers need, in their words ("Does
it do recurring service contracts?"), not a switching headline; a roadmap fact answers it as
planned, never as shipped."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from tests.pipeline.content.one_theme import one_theme_evidence

THEMES = [
    (
        [
            "If it can't do recurring service contracts I don't see the point of switching.",
            "Honestly, if it can't do recurring service contracts, that's a deal breaker.",
            "You don't have a mobile app, and my engineers live on their phones.",
        ],
        "Does it do recurring service contracts?",
    ),
    (
        [
            "You don't have a waiting list, and we fill our cancellations from ours.",
            "It's a shame you don't have a waiting list, the front desk relies on one.",
        ],
        "Does it have a waiting list?",
    ),
    (
        [
            "There's no way to print return labels in bulk, and we do two hundred a day.",
            "Honestly there's no way to print return labels in bulk, so we'd keep the old tool.",
        ],
        "Is there a way to print return labels in bulk?",
    ),
]


@pytest.mark.parametrize(("said", "question"), THEMES)
def test_a_feature_gap_is_asked_in_its_buyers_words(said: list[str], question: str) -> None:
    evidence, _ = one_theme_evidence("Missing feature: gap", "missing_feature", said)
    items = objection_faq(evidence).items
    assert [item.question for item in items] == [question]
    assert "switch" not in items[0].question


def test_a_roadmap_item_answers_a_gap_as_planned() -> None:
    evidence, _ = one_theme_evidence("Missing feature: contracts", "missing_feature", THEMES[0][0])
    profile = ProductProfile(
        name="Fixly",
        pricing=["£30 a user a month."],
        plans=["Monthly rolling plan."],
        features=["Job sheets with photos and customer signatures."],
        integrations=["Posts invoices to Xero."],
        security=[],
        onboarding=[],
        proof_points=[],
        roadmap=["Recurring service contracts with automatic reminders."],
    )
    facts = profile_facts(profile)
    assert [f.id for f in facts[:5]] == [1, 2, 3, 4, 5]  # the lists above keep their numbers
    item = objection_faq(replace(evidence, profile=facts)).items[0]
    planned = facts[-1]
    assert item.profile == [planned.id]
    assert item.answer.startswith("Planned, not available yet: Recurring service contracts")
