"""A theme is one heading in a guide, answered once with every fact that answers it: an
implementation timeline headed "What worries me is the switch." ("To write") and then "Moving
ten years of product history across…" (answered) for one theme, and a pricing explainer gave
one Price theme two headings, each with one of the facts answering it."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.theme_entries import different_worries
from pipeline.embed import Embedder
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention

# (trade, document type, category, what buyers said, profile lists, the facts answering)
CASES = [
    (
        "Warehousing",
        "implementation-timeline",
        "switching",
        [
            "Honestly what worries me is the switch.",
            "Shifting five years of pick history and bin locations across sounds like a month"
            " of weekends.",
        ],
        {
            "onboarding": [
                "We move your pick history and bin locations for you in about three days."
            ]
        },  # noqa: E501
        ["We move your pick history and bin locations for you in about three days."],
    ),
    (
        "Hair salons",
        "implementation-timeline",
        "switching",
        [
            "My worry is the changeover.",
            "Getting four years of client colour notes across sounds like weeks of evenings.",
        ],
        {"onboarding": ["We import client history and colour notes for you in two days."]},
        ["We import client history and colour notes for you in two days."],
    ),
    (
        "Veterinary practices",
        "pricing-explainer",
        "price",
        [
            "We just can't justify £90 a month per vet on top of the practice software fees.",
            "Maybe, but for a one-vet practice like ours the cheaper one might be good enough.",
        ],
        {
            "pricing": ["£90 a month per vet, reminders and online booking included."],
            "proof_points": ["Practices cut missed appointments by a quarter in three months."],
        },
        [
            "£90 a month per vet, reminders and online booking included.",
            "Practices cut missed appointments by a quarter in three months.",
        ],
    ),
]


@pytest.mark.parametrize(("trade", "doc_type", "category", "said", "lists", "facts"), CASES)
def test_a_theme_is_one_heading_answered_with_every_fact(
    ws: Workspace,
    embedder: Embedder,
    trade: str,
    doc_type: str,
    category: str,
    said: list[str],
    lists: dict[str, list[str]],
    facts: list[str],
) -> None:
    sections = ("pricing", "plans", "features", "integrations", "security", "onboarding")
    profile = {name: lists.get(name, []) for name in (*sections, "proof_points")}
    with ws.session() as db:
        set_profile(db, ProductProfile(name="Tallybook", **profile))
        centre = embedder.encode(said).mean(axis=0)
        theme = Cluster(kind="objection", name="Worry", keywords=[],
                        centroid=(centre / np.linalg.norm(centre)).astype(np.float32).tobytes())  # fmt: skip  # noqa: E501
        db.add(theme)
        db.flush()
        for n, text in enumerate(said, start=1):
            _, [utterance] = _call(db, n, f"{trade} {n}", "lost", f"2026-0{n}-01",
                                   [("Robin", "buyer", text)], trade)  # fmt: skip
            _mention(db, utterance, "objection", category, theme).confidence = 0.9
        db.flush()
        document = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder,
            cluster_ids=[theme.id],
        )  # fmt: skip
        concerns = document.structured["content"]["concerns"]
    assert len(concerns) == 1, [c["question"] for c in concerns]
    assert not concerns[0]["answer"].startswith("To write")
    assert all(fact in concerns[0]["answer"] for fact in facts)


def test_a_different_worry_of_a_theme_is_one_that_names_another_topic() -> None:
    assert different_worries("Your per-seat price is too high.", "Are we locked into a year?")
    assert not different_worries("It's too dear for a team our size.", "We can't justify the cost.")
    assert not different_worries("What worries me is the switch.", "Moving our stock lists across.")
