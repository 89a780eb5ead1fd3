"""A fact is no answer to a worry that refuses the very thing the fact offers: "We can't have
people on phones in the treatment rooms" is not answered with "Managers approve shift swaps from
their phone"; a fact that does without the thing still answers it.

Why: the demo's healthcare use case answered that worry with the phone fact [P6]."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.refusals import offers_refused
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import objection_themes

# Per trade: a worry refusing a thing, a fact selling it, and a fact doing without it.
REFUSALS = [
    (
        "We can't have people on phones in the treatment rooms.",
        "Vets approve rota swaps from their phone in one tap.",
        "Nurses clock in on the wall tablet at reception, no phone needed.",
    ),
    (
        "No tablets on the forklifts, health and safety won't sign it off.",
        "Forklift drivers see their next pick on a cab-mounted tablet.",
        "Pick lists print at the dock, so nothing is mounted in the cab.",
    ),
    (
        "Our clients won't download an app just to book a blow-dry.",
        "Clients book and pay in the Glowdesk app.",
        "Clients book from a link in a text, without downloading anything.",
    ),
    (
        "The partners are not putting client bank details into the portal.",
        "Clients upload bank details and statements through the portal.",
        "The portal never stores bank details; card payments go through Stripe.",
    ),
]


@pytest.mark.parametrize(("worry", "sells", "spares"), REFUSALS)
def test_a_fact_offering_what_a_worry_refuses_is_no_answer(
    worry: str, sells: str, spares: str
) -> None:
    assert offers_refused(sells, worry)
    assert not offers_refused(spares, worry)


@pytest.mark.parametrize(
    ("said", "fact"),
    [
        ("Can't staff just use their own phones?", "Staff use the app on their own phone."),
        ("We don't want another login.", "Single sign-on: one login for everything."),
        ("We can't afford to lose the history.", "Imports your full booking history."),
        ("It's too expensive for a salon our size.", "Clients book in the app."),
    ],
)
def test_a_wish_one_more_of_a_thing_or_no_refusal_rules_nothing_out(said: str, fact: str) -> None:
    assert not offers_refused(fact, said)


# Per trade's use case: the refusal heard on its calls, the fact selling what it refuses (near
# it in meaning) and the facts on other things.
CASES = [
    (
        "Veterinary",
        "We can't have people on phones in the treatment rooms.",
        ProductProfile(
            name="Vetrota",
            features=[
                "Vets approve rota swaps from their phone in one tap.",
                "Locums see which days are surgery days before they accept.",
            ],
        ),
    ),
    (
        "Warehousing",
        "No tablets on the forklifts, health and safety won't sign it off.",
        ProductProfile(
            name="Pickline",
            features=[
                "Forklift drivers see their next pick on a cab-mounted tablet.",
                "Slotting suggestions move fast sellers nearer the dock.",
            ],
        ),
    ),
    (
        "Hair salons",
        "Our clients won't download an app just to book a blow-dry.",
        ProductProfile(
            name="Glowdesk",
            features=[
                "Clients book and pay for a blow-dry in the Glowdesk app.",
                "Stylists see tomorrow's column the night before.",
            ],
        ),
    ),
]


@pytest.mark.parametrize(("industry", "worry", "profile"), CASES, ids=[c[0] for c in CASES])
def test_a_use_case_leaves_a_refused_thing_unanswered(
    workspace: Workspace, embedder: Embedder, industry: str, worry: str, profile: ProductProfile
) -> None:
    sells = profile.features[0]
    with workspace.session() as db:
        set_profile(db, profile)
        objection_themes(db, embedder, industry, {"adoption": [worry, worry]})
        document = generate_document(
            db, workspace.settings, doc_type="use-case", industry=industry, use_llm=False,
            embedder=embedder,
        )  # fmt: skip
    [entry] = [w for w in document.structured["content"]["objections"] if w["objection"] == worry]
    assert sells not in entry["answer"], entry
