"""Which profile fact answers a worry, on a small workspace with the real embedder: a price
worry is met with what costs least, whatever plan its words name ("I can't pay for cameras"
had been answered with the "Pro + Cameras" plan); a worry the detector called security but
that is about drivers being watched is met with the privacy fact it means ("Off-duty privacy
mode"), not "Data hosted in AWS", yet asked as buyers ask about its category, never as a quote
("What do you say to “If I put a GPS tracker…”?")."""

from __future__ import annotations

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile, stated_price
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

CAMERAS = "Pro + Cameras: $49 per vehicle per month (adds dual-facing AI dash cam)."
ESSENTIALS = "Essentials: $27 per vehicle per month (GPS tracking and maintenance reminders)."
HOSTING = "Data hosted in AWS us-east-1, encrypted at rest and in transit."
PRIVACY = "Off-duty privacy mode: location is hidden when a driver goes off duty in a personal car."
PROFILE = ProductProfile(
    name="Routewise",
    pricing=[
        "Pro: $35 per vehicle per month (adds hours-of-service logs and driver scoring).",
        CAMERAS,
        ESSENTIALS,
    ],
    plans=["Month-to-month plan available, cancel with 30 days notice."],
    features=[
        "Live GPS updates every 30 seconds while a vehicle is moving.",
        PRIVACY,
        "Dispatch board with drag-and-drop jobs.",
    ],
    integrations=["QuickBooks Online sync for fuel and job costs."],
    security=[HOSTING, "SOC 2 Type II report available under NDA."],
    onboarding=["Devices plug in in ten minutes, no technician needed."],
    proof_points=[],
)
WORRIES = {
    "price": [
        "Towing margins are thin, I can't pay for cameras and scorecards I won't use.",
        "My question is really the money, cameras on every truck adds up fast.",
    ],
    "security": [
        "If I put a GPS tracker in a nurse's personal car I'll have a walkout.",
        "The union steward will fight anything that watches my drivers after hours.",
    ],
}


def _seed(ws: Workspace, embedder: Embedder) -> dict[str, int]:
    """One theme per worry, its centre where its sentences are (as clustering leaves it)."""
    themes: dict[str, int] = {}
    with ws.session() as db:
        set_profile(db, PROFILE)
        for n, (category, said) in enumerate(WORRIES.items(), start=1):
            theme = theme_around(db, embedder, said)
            turns = [("Pat", "buyer", text) for text in said]
            _, utterances = _call(db, n, f"Fleet {n}", "open", f"2026-0{n}-01", turns)
            for utterance in utterances:
                _mention(db, utterance, "objection", category, theme)
            themes[category] = theme.id
    return themes


def test_a_worry_is_answered_by_the_fact_it_means(ws: Workspace, embedder: Embedder) -> None:
    themes = _seed(ws, embedder)
    with ws.session() as db:
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, embedder=embedder,
            cluster_ids=[themes["price"], themes["security"]],
        )  # fmt: skip
        items = faq.structured["content"]["items"]
        stated = {p["id"]: p["text"] for p in faq.structured["evidence"]["profile"]}
    price, privacy = items
    answers = [stated[i] for i in price["profile"]]
    assert answers[0] == ESSENTIALS and CAMERAS not in answers[:1]
    assert [stated[i] for i in privacy["profile"]] == [PRIVACY]
    assert HOSTING not in privacy["answer"]
    assert privacy["question"] == "Where is our data stored, and who can see it?"


def test_a_facts_price_is_the_least_it_names() -> None:
    assert stated_price(CAMERAS) == 49.0
    assert stated_price("Hardware is included at no charge; $79 a device month to month.") == 0
    assert stated_price("No setup fee.") == 0
    assert stated_price("Plans from £1,200.50 a year or A$89 a month.") == 89.0
    assert stated_price(HOSTING) == float("inf")
