"""Where a rival is the better fit is said only from a line or a fact that says it does
something well: a good word on it, its lower price said of it by name, a thing it does or has
that we do not list. A lost deal's complaint, a neutral line or our price called steep is none,
and with nothing left the page says there is no evidence yet.

Why: the example calls' pages listed "Four, nearly five.", "It's not the right time to rip
things up." and "It's too much admin." under "When <rival> is the better fit", because they
came from deals we lost, and "To write" where no line was left."""

from __future__ import annotations

from typing import TypedDict

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.store.models import CompetitorFact
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

PROFILE = ProductProfile(
    name="Crewly",
    pricing=["$9 per user per month."],
    plans=["Monthly plan, cancel whenever."],
    features=["Staff get their shifts in the app or by text."],
    integrations=[],
    security=[],
    onboarding=[],
    proof_points=[],
)


# Per rival: what lost deals' buyers said that is no strength of theirs, a strength of theirs,
# a fact our team entered on a thing they have that we do not, and a term of theirs.
class Case(TypedDict):
    rival: str
    none: list[str]
    strong: str
    feature: str
    term: str


CASES: list[Case] = [
    {
        "rival": "Rosterly",
        "none": [
            "Four, nearly five.",
            "It's not the right time to rip things up.",
            "It's too much admin.",
            "It's still too pricey for us, honestly.",
            "Rosterly keeps crashing on a Friday.",
        ],
        "strong": "Rosterly is really good for the holiday planner.",
        "feature": "Rosterly offers a treatment-room booking module as a paid add-on.",
        "term": "Rosterly contracts renew yearly.",
    },
    {
        "rival": "Kennelbook",
        "none": [
            "Maybe after the summer.",
            "We've had Kennelbook for years, it's fine I suppose.",
            "Way over budget for this year, I'm afraid.",
            "Kennelbook lost two bookings last month.",
        ],
        "strong": "Kennelbook is cheaper for a kennel our size.",
        "feature": "Kennelbook includes a grooming diary with before-and-after photos.",
        "term": "Kennelbook bills annually in advance.",
    },
]


def _seed(db: Session, case: Case, strong: bool) -> None:
    rival = str(case["rival"])
    set_profile(db, PROFILE)
    theme = add_theme(db, "Current system", "system")
    said = [*case["none"], *([case["strong"]] if strong else [])]
    for n, text in enumerate(said, start=1):
        _, [turn] = _call(
            db, n, f"Account {n}", "lost", f"2026-04-{n:02d}", [("Pat", "buyer", text)]
        )
        _mention(db, turn, "objection", "competitor", theme, competitor=rival).confidence = 0.9
    facts = [case["term"], *([case["feature"]] if strong else [])]
    for fact in facts:
        db.add(CompetitorFact(competitor=rival, fact=str(fact), source="https://example.com"))
    db.flush()


def _better_fit(ws: Workspace, case: Case, strong: bool) -> str:
    with ws.session() as db:
        _seed(db, case, strong)
        body = generate_document(
            db, ws.settings, doc_type="comparison", competitor=str(case["rival"]), use_llm=False
        ).body_markdown
    return body.split(f"## When {case['rival']} is the better fit", 1)[1].split("\n## ", 1)[0]


@pytest.mark.parametrize("case", CASES, ids=[str(c["rival"]) for c in CASES])
def test_only_a_strength_of_theirs_says_where_they_fit_better(ws: Workspace, case: Case) -> None:
    fits = _better_fit(ws, case, strong=True)
    for line in case["none"]:
        assert line not in fits, fits
    assert str(case["strong"]) in fits, fits
    assert str(case["feature"]) in fits and "[F" in fits, fits
    assert str(case["term"]) not in fits, fits


@pytest.mark.parametrize("case", CASES, ids=[str(c["rival"]) for c in CASES])
def test_with_no_strength_of_theirs_the_page_says_so(ws: Workspace, case: Case) -> None:
    fits = _better_fit(ws, case, strong=False)
    assert fits.strip() == f"- No evidence yet of where {case['rival']} fits better.", fits
