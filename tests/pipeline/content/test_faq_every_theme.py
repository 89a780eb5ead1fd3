"""Every theme chosen for the objection FAQ keeps an entry, and its opening says how many
entries have an answer and how many are still to write.

Why: a lift-maintenance FAQ left out a chosen theme ("I'm not losing five years of service
records") because none of its lines spoke of its category's question, and opened "with the
answers that worked in deals we won" above four entries of seven still "To write"."""

from __future__ import annotations

import pytest

from pipeline.content.collect import collect_evidence
from pipeline.content.faq import objection_faq
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (industry, a price worry the price list answers (on its unit, a site: a price per seat is
# not one, ``price_basis``), a switching theme's line that asks nothing of how hard a switch is)
TRADES = [
    (
        "Brewery",
        "What does it cost for a twelve-barrel brewhouse?",
        "I'm not losing ten years of brew logs.",
    ),
    (
        "Dental clinic",
        "How much is it per chair for a small practice?",
        "We are not losing fifteen years of patient notes.",
    ),
    (
        "Recruitment",
        "What's the price per office for an agency like ours?",
        "I'm not throwing away eight years of candidate history.",
    ),
]


def _seed(ws: Workspace, industry: str, price: str, keep: str) -> list[int]:
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
        themes = [add_theme(db, "Price", "price"), add_theme(db, keep.rstrip("."), "years")]
        for n, (theme, text, category) in enumerate(
            [(themes[0], price, "price"), (themes[1], keep, "switching")], start=1
        ):
            for m in (n, n + 2):  # each heard on two calls
                turns = [("Robin", "buyer", text)]
                _, said = _call(db, m, f"{industry} {m}", "open", f"2026-05-0{m}", turns, industry)
                _mention(db, said[0], "objection", category, theme).confidence = 0.9
        db.flush()
        return [t.id for t in themes]


@pytest.mark.parametrize(("industry", "price", "keep"), TRADES)
def test_a_theme_no_question_matched_keeps_an_entry(
    ws: Workspace, industry: str, price: str, keep: str
) -> None:
    ids = _seed(ws, industry, price, keep)
    with ws.session() as db:
        evidence = collect_evidence(db, ids, redact=False)
    faq = objection_faq(evidence)
    assert len(faq.items) == 2, [qa.question for qa in faq.items]
    kept = faq.items[1]
    assert kept.question.endswith("?") and evidence.quote(kept.citations[0]).text == keep
    # One answered by the price list, one still to write: said, not "the answers that worked".
    assert "deals we won" not in faq.intro
    assert faq.intro.endswith(
        "One of them has an answer from our product facts; one is still to write."
    )
