"""A guide's entry is headed by a question or a topic, never by a buyer's statement, which is
quoted under it as evidence.

Why: a pricing explainer was headed "### I've got to be honest, Servicio is about twenty quid an
engineer and I'm not paying more than that." A buyer's own question still heads its entry."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.generate import content_type, render_document
from pipeline.content.offline import OFFLINE_DRAFTS
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

SAID = [
    ("Brewery", "Two hundred a month is steep for a twelve-barrel brewhouse."),
    ("Dental clinic", "Sixty a chair is more than our whole phone system costs us."),
    ("Recruitment", "We pay forty a seat for the job board and that's already plenty."),
]
ASKED = "How much would it cost for a team of six?"


def _explainer(ws: Workspace, industry: str, lines: list[str]) -> tuple[dict, str]:
    with ws.session() as db:
        set_profile(
            db,
            ProductProfile(
                name="Tallyo",
                pricing=["£60 a month per site, everything included."],
                plans=[],
                features=[],
                integrations=[],
                security=[],
                onboarding=[],
                proof_points=[],
            ),
        )
        theme = add_theme(db, "Price", "price")
        for n, text in enumerate(lines, start=1):
            turns = [("Robin", "buyer", text)]
            _, said = _call(db, n, f"{industry} {n}", "open", f"2026-06-0{n}", turns, industry)
            _mention(db, said[0], "objection", "price", theme).confidence = 0.9
        db.flush()
        evidence = collect_evidence(db, [theme.id], redact=False)
    ct = content_type("pricing-explainer")
    content = OFFLINE_DRAFTS["pricing-explainer"](evidence).model_dump()
    return content, render_document(ct, content, evidence)


@pytest.mark.parametrize(("industry", "statement"), SAID)
def test_a_stated_worry_is_quoted_under_a_question(
    ws: Workspace, industry: str, statement: str
) -> None:
    content, body = _explainer(ws, industry, [statement, statement])
    [concern] = content["concerns"]
    heading = concern["topic"]
    assert heading and heading.endswith("?") and heading != statement
    assert f"### {heading}" in body
    assert f"### {statement}" not in body and f"“{statement}”" in body


def test_a_buyer_question_still_heads_its_entry(ws: Workspace) -> None:
    content, body = _explainer(ws, "Dental clinic", [ASKED, ASKED])
    [concern] = content["concerns"]
    assert concern["question"] == ASKED and concern["topic"] is None
    assert f"### {ASKED}" in body
