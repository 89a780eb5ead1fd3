"""The implementation timeline's steps are the profile's rollout facts only: a fact filed under
onboarding that says neither how long nor what is set up ("Sold and supported in the US, Canada
and Mexico") had been "Step 3 | to confirm"."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.guides import is_step
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded

STEPS = [
    "Implementation takes 6 to 10 weeks for the first warehouse, then 3 weeks per site.",
    "Our onboarding team imports your SKUs and bin locations and is on site for go-live.",
    "We import your patient records from your old system for you.",
    "Kick-off call within a week of signing.",
    "Every site manager gets a training session before go-live.",
    "We configure your shift templates with your managers.",
]
NOT_STEPS = [
    "Sold and supported in the US, Canada and Mexico.",
    "Invoices are emailed on the first of the month.",
    "A named account manager for every clinic.",
]


@pytest.mark.parametrize("fact", STEPS)
def test_a_rollout_fact_is_a_step(fact: str) -> None:
    assert is_step(fact)


@pytest.mark.parametrize("fact", NOT_STEPS)
def test_a_fact_about_something_else_is_no_step(fact: str) -> None:
    assert not is_step(fact)


def test_the_timeline_lists_only_rollout_facts_as_steps(ws: Workspace, seeded: Seeded) -> None:
    profile = ProductProfile(
        name="Bookwell",
        onboarding=[STEPS[0], NOT_STEPS[0], STEPS[1], NOT_STEPS[1]],
    )
    with ws.session() as session:
        set_profile(session, profile)
        document = generate_document(session, ws.settings, doc_type="implementation-timeline")
        phases = document.structured["content"]["phases"]
    said = " ".join(p["what_happens"] for p in phases)
    assert STEPS[0][:40] in said and STEPS[1][:40] in said
    assert not any(fact[:30] in said for fact in NOT_STEPS)
