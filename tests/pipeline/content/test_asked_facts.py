"""A profile fact is cited under a question only where it answers what is asked: the thing a
feature question asks for, the topic of a category's question; a need the roadmap lists is
answered as planned, never with a shipped fact; a data-location question gets the hosting fact.
Three trades each (dental, marinas, lift maintenance, bakeries, schools, clinics)."""

from __future__ import annotations

from dataclasses import replace

import pytest

from pipeline.content.drafts import one_pager
from pipeline.content.evidence import Evidence
from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, profile_facts
from tests.pipeline.content.one_theme import one_theme_evidence


def _profile(**lists: list[str]) -> ProductProfile:
    empty: dict[str, list[str]] = {
        k: [] for k in ("pricing", "plans", "features", "integrations", "security")
    }
    empty |= {"onboarding": [], "proof_points": [], "roadmap": []}
    return ProductProfile(name="Ours", **(empty | lists))


def _evidence(
    category: str, said: list[str], profile: ProductProfile, rival: str | None = None
) -> Evidence:
    evidence, cluster = one_theme_evidence("Theme", category, said)
    if rival:
        cluster = replace(cluster, competitor=rival, competitors=[rival])
    return replace(evidence, clusters=[cluster], profile=profile_facts(profile))


RIVAL_OFFERS = [
    ("DentaPro", "We are also talking to DentaPro, who have offered us two months free.",
     "Annual plan with 10% off; no contract is longer than 12 months."),
    ("BerthHop", "BerthHop have offered us the first three months free if we sign now.",
     "12-month plan at a 15% discount; no contract is longer than 12 months."),
    ("Servicio", "I should say we are also talking to Servicio, who offered us a free quarter.",
     "Twelve-month plan with a discount for paying annually."),
]  # fmt: skip


@pytest.mark.parametrize(("rival", "line", "plan"), RIVAL_OFFERS)
def test_our_plan_terms_are_no_reason_to_pick_us_over_a_rival(
    rival: str, line: str, plan: str
) -> None:
    said = [line, f"{rival} said much the same, to be fair."]
    profile = _profile(plans=[plan], features=["Reminders go out by text."])
    [item] = objection_faq(_evidence("competitor", said, profile, rival)).items
    assert item.question == f"Why should we pick you over {rival}?"
    assert item.profile == [] and item.answer.startswith("To write")


GAPS = [
    (["It can't do Welsh language certificates, and our council contracts want them bilingual.",
      "If it can't do Welsh language certificates we can't use it."],
     "Insurer-specific certificate templates are planned for Q3.", False),
    (["It doesn't have a gluten allergen label, and half our loaves need one.",
      "You don't have a gluten allergen label, which we print daily."],
     "A label designer is planned for spring.", False),
    (["It can't do recurring service contracts, and our clients expect them.",
      "If it can't do recurring service contracts I don't see the point."],
     "Recurring service contracts with automatic reminders.", True),
]  # fmt: skip


@pytest.mark.parametrize(("said", "planned", "answers"), GAPS)
def test_a_feature_question_is_answered_only_by_a_fact_naming_the_thing(
    said: list[str], planned: str, answers: bool
) -> None:
    """One shared word ("certificate", "label") is not the thing asked for."""
    profile = _profile(features=["Reports are scheduled automatically."], roadmap=[planned])
    [item] = objection_faq(_evidence("missing_feature", said, profile)).items
    assert item.question.startswith("Does it")
    assert item.answer.startswith("Planned, not available yet") is answers
    assert item.answer.startswith("To write") is not answers


NEEDS_PLANNED = [
    ("Our insurer wants the thorough examination report in their own layout.",
     "Thorough examination reports are scheduled automatically.",
     "Insurer layouts are planned for Q3."),
    ("The school trust wants the allergy register printed in their own format.",
     "The allergy register is printed for the kitchen every morning.",
     "A trust's own format is planned."),
    ("Our health board wants the treatment notes exported in their own template.",
     "Treatment notes are exported to PDF after each visit.",
     "Health board templates are planned."),
]  # fmt: skip


@pytest.mark.parametrize(("line", "shipped", "planned"), NEEDS_PLANNED)
def test_a_need_the_roadmap_lists_is_answered_as_planned_never_as_shipped(
    line: str, shipped: str, planned: str
) -> None:
    profile = _profile(features=[shipped], roadmap=[planned])
    evidence = _evidence("missing_feature", [line, line.replace("We", "And we")], profile)
    [entry] = one_pager(evidence).objections
    assert entry.answer.startswith("Planned, not available yet:")
    assert shipped not in entry.answer


HOSTING = [
    ("We hold door codes for lots of schools, and the trust says the data has to stay in "
     "Ireland.", "Hosted in Ireland (Dublin region); data does not leave Ireland."),
    ("Our patients' records can't leave Australia, that's in our health board contract.",
     "Hosted in Australia (Sydney region); data never leaves Australia."),
    ("The council's framework says client data must stay in the UK.",
     "Hosted in the UK (London region); data does not leave the UK."),
]  # fmt: skip


@pytest.mark.parametrize(("line", "hosted"), HOSTING)
def test_where_data_is_stored_is_answered_with_the_hosting_fact(line: str, hosted: str) -> None:
    """The theme's other lines (and its nearest fact in meaning) are about certificate layouts;
    the line shown under the question is about where data is kept, and the hosting fact answers
    it (it had been left "To write" for the theme meaning a planned item)."""
    said = [
        line,
        "Our insurer wants the certificates in their own layout.",
        "The certificates have to carry our own logo.",
    ]
    profile = _profile(security=[hosted], roadmap=["Branded certificate layouts are planned."])
    evidence = _evidence("security", said, profile)
    planned, hosting = len(profile_facts(profile)), 1
    near = {planned: 0.6, hosting: 0.2}
    cluster = replace(evidence.clusters[0], fact_closeness=near, said_closeness=near)
    [item] = objection_faq(replace(evidence, clusters=[cluster])).items
    assert item.question == "Where is our data stored, and who can see it?"
    assert hosted in item.answer
