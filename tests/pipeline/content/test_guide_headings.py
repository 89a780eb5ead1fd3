"""A guide's entry is headed by a question or a topic, never by a buyer's statement, which is
quoted under it as evidence.

Why: a pricing explainer was headed "### I've got to be honest, Servicio is about twenty quid an
engineer and I'm not paying more than that." A buyer's own question still heads its entry. And
(walk 8) a worry no line of which reads alone was headed "### Price", the theme's name, below
the same question over another worry, each stating the same price fact: one question heads
both, the fact said once."""

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


# (industry, a per-seat worry that reads alone, a price remark leaning back on the turn before)
LEANING = [
    ("Dental clinic", "Sixty a seat is steep for a practice with four receptionists.",
     "That's probably more than we pay for the imaging software, I think."),
    ("Trucking", "Twelve a user is a lot when half our drivers only log in once a week.",
     "That's more than we pay for the fuel cards, I'd have to check."),
    ("Bar", "Nine pounds a user is a lot for a bar with twenty part-timers.",
     "That's double what the rota app charges us, honestly."),
]  # fmt: skip


@pytest.mark.parametrize(("industry", "statement", "leaning"), LEANING)
def test_one_question_heads_a_worry_and_a_remark_leaning_on_it(
    ws: Workspace, industry: str, statement: str, leaning: str
) -> None:
    content, body = _explainer(ws, industry, [statement, leaning])
    [concern] = content["concerns"]
    assert concern["topic"] == "What will it cost a business our size?", body
    assert len(concern["citations"]) == 2 and concern["profile"] == [1], concern
    asked = body.split("## What buyers ask about price", 1)[1].split("## What it costs", 1)[0]
    assert asked.count("### ") == 1 and asked.count("[P1]") == 1, asked
    assert "### Price" not in body
