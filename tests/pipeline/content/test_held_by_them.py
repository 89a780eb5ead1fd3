"""A buyer bound to a contract "with them" (the provider named before, never us) is held by a
rival's contract: answered with a way round it before our own terms.

Why: a managed-IT FAQ answered "fourteen months into a three-year agreement with them" with
"Standard agreement: 12 months" while "We buy out up to 3 months of a current MSP contract" was
on file. Three trades."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from tests.pipeline.content.one_theme import one_theme_evidence

# (the buyer's line, the way round their contract)
TRADES = [
    (
        "We're eight months into a two-year contract with them, so we can't just walk away.",
        "We credit up to 3 months left on a current payroll provider's contract.",
    ),
    (
        "We signed a three-year deal with them last spring and I'm not paying twice.",
        "We run in parallel with your current booking system until your renewal.",
    ),
    (
        "Our agreement with them doesn't end until next June, so it's a hard sell.",
        "We buy out up to 2 months of a current imaging contract for a 24-month plan.",
    ),
]


@pytest.mark.parametrize(("said", "around"), TRADES)
def test_a_contract_with_them_is_answered_with_a_way_round(said: str, around: str) -> None:
    evidence, cluster = one_theme_evidence("Theme", "contract", [said])
    lists = {k: [] for k in ("pricing", "features", "integrations", "security", "onboarding")}
    profile = ProductProfile(
        name="Ours",
        plans=["Standard agreement: 12 months, then month to month.", around],
        proof_points=[],
        roadmap=[],
        **lists,  # type: ignore[arg-type]
    )
    evidence = replace(evidence, clusters=[cluster], profile=profile_facts(profile))
    [item] = objection_faq(evidence).items
    way_round = next(f.id for f in evidence.profile if f.text == around)
    assert item.profile[:1] == [way_round], item.answer
