"""A document answers the quotes it shows with the fact that speaks of them, end to end with the
real embedder: a patch tool's FAQ had answered an EDR-exclusion worry with "SOC 2 ... hosted in
Frankfurt" under "Where is our data stored?", and a 25-endpoint minimum with "$3.50 per
endpoint, minimum 25"."""

from __future__ import annotations

from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.quote_fit import answers_quote
from pipeline.content.restating import restates
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

PER_SEAT = "£12 per seat per month, minimum 10 seats."
GROUP = "Group plan: the 10-seat minimum is shared across all of a group's clinics, not per clinic."
HOSTED = "Hosted in London; practice data stays in the UK."
ALLOW_LIST = (
    "Allow-list entries published for Sophos, Bitdefender and ESET so the scanner is never "
    "quarantined."
)
PROFILE = ProductProfile(
    name="VetPing",
    pricing=[PER_SEAT, "Annual billing takes two months off."],
    plans=[GROUP],
    features=["Reminders for vaccinations and check-ups go out by text and email."],
    integrations=["Books appointments straight into the clinic's practice-management diary."],
    security=[HOSTED, "ISO 27001 certified.", ALLOW_LIST],
    onboarding=["Set-up takes a week: diary link, then reminder templates."],
    proof_points=[],
)
SECURITY = [
    "Bitdefender quarantined the last scanner we trialled, so will yours get blocked too?",
    "Our IT contractor hates anything that adds exceptions to the antivirus.",
]
PRICE = ["The ten-seat minimum means we'd pay for four seats nobody uses across our two clinics."]
SIGN_OFF = [
    "Nothing gets signed until the trustees meet in June.",
    "The partners only review suppliers twice a year, so it waits for them.",
]


def _seed(ws: Workspace, embedder: Embedder) -> dict[str, int]:
    themes: dict[str, int] = {}
    with ws.session() as db:
        set_profile(db, PROFILE)
        plan = [("security", SECURITY), ("price", PRICE), ("contract", SIGN_OFF)]
        for n, (category, said) in enumerate(plan, start=1):
            theme = theme_around(db, embedder, said)
            turns = [("Morgan", "buyer", text) for text in said]
            _, utterances = _call(db, n, f"Paws {n}", "lost", f"2026-0{n}-01", turns, "Veterinary")
            for utterance in utterances:
                _mention(db, utterance, "objection", category, theme).confidence = 0.9
            themes[category] = theme.id
        db.flush()
    return themes


def _generate(
    ws: Workspace, embedder: Embedder, doc_type: str, themes: list[int]
) -> dict[str, Any]:
    with ws.session() as db:
        doc = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder,
            cluster_ids=themes,
        )  # fmt: skip
        content: dict[str, Any] = doc.structured["content"]
        return content


def test_the_faq_answers_the_quotes_it_cites_with_the_fact_naming_their_worry(
    ws: Workspace, embedder: Embedder
) -> None:
    themes = _seed(ws, embedder)
    items = _generate(ws, embedder, "objection-faq", list(themes.values()))["items"]
    answers = " ".join(i["answer"] for i in items)
    security = next(i for i in items if "Bitdefender" in i["answer"] or "blocked" in i["question"])
    assert ALLOW_LIST in security["answer"]  # the fact naming their antivirus, not the hosting
    assert PER_SEAT not in answers  # the very minimum objected to answers nothing
    assert GROUP in answers
    # Its heading speaks of what its quotes say: not "Where is our data stored?"
    assert security["question"] == SECURITY[0]


def test_a_minimum_is_answered_by_the_fact_that_speaks_of_it_never_by_that_minimum(
    ws: Workspace, embedder: Embedder
) -> None:
    themes = _seed(ws, embedder)
    for doc_type in ("one-pager", "pricing-explainer"):
        content = _generate(ws, embedder, doc_type, [themes["price"]])
        [said] = content.get("objections") or content["concerns"]
        assert said["answer"] == GROUP  # not "Annual billing..." nor the per-seat minimum


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        (
            "$3.50 per endpoint per month, minimum 25 endpoints.",
            "The twenty-five endpoint minimum is steep.",
        ),
        (
            "£12 per seat per month, minimum 10 seats.",
            "A 10 seat minimum is too much for three vets.",
        ),
        ("Annual contract, 12 months minimum.", "We won't sign a 12 month contract."),
        ("$40 per van per month.", "Forty dollars per van is more than our fuel cards cost."),
        ("Minimum order of 50 covers a night.", "Fifty covers minimum won't work on a Monday."),
        ("€200 per site per month.", "200 a site is too much for a small farm co-op."),
    ],
)
def test_a_fact_stating_the_figure_objected_to_restates_it(fact: str, said: str) -> None:
    assert restates(fact, said)


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        (
            "The 25-endpoint minimum is pooled across all of a partner's clients.",
            "Twenty-five endpoints per client is too many for our tiny clients.",
        ),
        (
            "One-off jobs under 3 weeks are prorated by the week.",
            "Most of our cleans last three hours.",
        ),
        (
            "Annual contracts are one year; there is no multi-year requirement.",
            "We want a one-year contract term.",
        ),
        (
            "Seasonal staff under 10 hours a week are half price.",
            "We hire 10 pickers at harvest for two weeks.",
        ),
        ("Monthly plan, cancel any time.", "Twelve months is too long a commitment for us."),
    ],
)
def test_a_fact_saying_more_than_the_figure_does_not_restate_it(fact: str, said: str) -> None:
    assert not restates(fact, said)


@pytest.mark.parametrize(
    ("fact", "said"),
    [
        (
            "Partner practices share one login across sites.",
            "The partners won't look at anything new until the year end.",
        ),
        (
            "Failed syncs are retried automatically until the booking lands.",
            "If the booking has to go through a cloud server it won't work in the barn.",
        ),
        (
            "Route plans print for every driver each morning.",
            "Our drivers refuse to install anything on their own phones.",
        ),
    ],
)
def test_one_word_in_common_is_chance_not_an_answer(fact: str, said: str) -> None:
    assert not answers_quote(fact, said)


@pytest.mark.parametrize(
    ("fact", "said", "rivals"),
    [
        (
            "Opens and closes Jira tickets for failed deployments.",
            "Does it push tickets into Jira when a deployment fails?",
            [],
        ),
        (
            "Group plan: the seat minimum is shared across all of a group's clinics.",
            "Cleo has no per-clinic seat minimum.",
            ["Cleo"],
        ),
        (
            "Allow-list entries published for Sophos and ESET so the scanner is never quarantined.",
            "Sophos quarantined the last scanner we tried.",
            [],
        ),
    ],
)
def test_a_fact_sharing_what_the_line_is_about_answers_it(
    fact: str, said: str, rivals: list[str]
) -> None:
    assert answers_quote(fact, said, rivals=rivals)
