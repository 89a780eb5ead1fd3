"""A worry of a kind the profile keeps a list for, naming that list's topic, is answered by
that list's facts on every page, whatever the page's other worries: "These are minors, we hold
their permit numbers" had been answered "Card numbers are held by our payment processor" (a
word shared) while hosting, encryption and the data processing agreement went uncited. A worry
of another kind never gets the security list's facts."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

CASES = {
    "clinic": {
        "security": [
            "Physiotherapy patient data is encrypted at rest and hosted in the UK.",
            "Our support team opens a clinic's account only with its permission.",
            "Every clinic gets a data processing agreement.",
            "Card numbers are held by our payment processor; we never store them.",
        ],
        "features": ["Therapists see each patient's numbers on one outcome chart."],
        "worries": {
            "security": [
                "These are patients, we hold their NHS numbers, dates of birth and next of kin.",
                "My bigger worry is the patient data, where is that stored and who can see it?",
            ],
            "price": [
                "Forty pounds per therapist a month is too dear for a three-room clinic.",
                "The price per therapist adds up fast once the locums are on it.",
            ],
        },
    },
    "school": {
        "security": [
            "Pupil data is encrypted at rest and hosted in London.",
            "Our support staff open a school's account only with the head's permission.",
            "Every school gets a data processing agreement.",
            "Card numbers for dinner money are held by our payment processor, never by us.",
        ],
        "features": ["Teachers see each pupil's reading numbers on one progress chart."],
        "worries": {
            "security": [
                "These are children, we hold their home addresses, dates of birth and allergies.",
                "Honestly the pupils' data is my worry, who at your company can see it?",
            ],
            "price": [
                "Three pounds per pupil a year is too dear for a small primary school.",
                "The price per pupil adds up fast with four hundred children on roll.",
            ],
        },
    },
    "recruiter": {
        "security": [
            "Candidate data is encrypted at rest and hosted in our own data centre.",
            "Our support team opens an agency's account only with its permission.",
            "Every agency gets a data processing agreement.",
            "Card numbers are held by our payment processor; we never store them.",
        ],
        "features": ["Consultants see each candidate's placement numbers on one chart."],
        "worries": {
            "security": [
                "We hold candidates' CVs, phone numbers and salary history for thousands.",
                "Where is all that stored, and who on your side can see the candidates' CVs?",
            ],
            "price": [
                "Ninety pounds per consultant a month is too dear for a four-desk agency.",
                "The price per consultant adds up fast once the contractors are on it.",
            ],
        },
    },
}


def _profile(case: dict) -> ProductProfile:
    return ProductProfile(
        name="Acme",
        pricing=["Team plan: £40 per seat a month.", "Annual billing takes two months off."],
        plans=["Monthly plans can be cancelled at any time."],
        features=case["features"],
        integrations=["Native Xero sync for invoices."],
        security=case["security"],
        onboarding=["We import your records for you, usually the same day."],
        proof_points=[],
    )


def _seed(ws: Workspace, embedder: Embedder, case: dict) -> list[int]:
    """One theme per worry, its centre where its sentences are (as clustering leaves it)."""
    themes: list[int] = []
    with ws.session() as db:
        set_profile(db, _profile(case))
        for n, (category, said) in enumerate(case["worries"].items(), start=1):
            theme = theme_around(db, embedder, said)
            turns = [("Pat", "buyer", text) for text in said]
            _, utterances = _call(db, n, f"Account {n}", "open", f"2026-0{n}-01", turns)
            for utterance in utterances:
                _mention(db, utterance, "objection", category, theme)
            themes.append(theme.id)
    return themes


def _answers(
    ws: Workspace, embedder: Embedder, doc_type: str, themes: list[int]
) -> list[list[str]]:
    """Each theme's profile facts on the page, as text, in the order of ``themes``."""
    with ws.session() as db:
        page = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder,
            cluster_ids=themes,
        )  # fmt: skip
        evidence, content = page.structured["evidence"], page.structured["content"]
    stated = {p["id"]: p["text"] for p in evidence["profile"]}
    theme_of = {q["id"]: q["cluster_id"] for q in evidence["quotes"]}
    found: dict[int, list[str]] = {theme: [] for theme in themes}
    for item in content.get("items") or content.get("objections") or []:
        for theme in {theme_of[q] for q in item.get("citations", []) if q in theme_of}:
            found.setdefault(theme, []).extend(stated[i] for i in item.get("profile", []))
    return [found[theme] for theme in themes]


@pytest.mark.parametrize("industry", sorted(CASES))
@pytest.mark.parametrize("doc_type", ["objection-faq", "one-pager"])
def test_a_security_worry_is_answered_by_the_security_list(
    ws: Workspace, embedder: Embedder, industry: str, doc_type: str
) -> None:
    case = CASES[industry]
    themes = _seed(ws, embedder, case)
    security, price = _answers(ws, embedder, doc_type, themes)
    hosting, access, dpa, card = case["security"]
    assert security and security[0] in {hosting, access, dpa}, security  # on its topic first
    assert set(security) <= set(case["security"]), security
    assert not set(price) & set(case["security"]), price  # a price worry: no security facts
