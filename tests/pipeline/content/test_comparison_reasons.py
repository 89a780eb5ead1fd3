"""A comparison quotes why a lost deal went to the rival (the rep's note quoted as the rep's,
under where the rival fits better), and a row no topic names is answered only by a fact near
its buyers' words in meaning, else "To write".

Why: a reviewer's page said "Lost to <rival>, in the deal's own words: 1 of the 1 lost." and
never showed the note saying why ("went with <rival>, cheaper at their volume"), and put our
Spanish and French screens beside the rival's EDI experience (a word shared by chance)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

RIVAL = "Molarly"
PROFILE = ProductProfile(
    name="Chairside",
    pricing=["$60 per chair per month."],
    plans=["Month-to-month: no minimum contract."],
    features=[
        "The patient app runs in English, Spanish and French; each patient picks their language.",
        "Recall reminders by text and email.",
    ],
    integrations=["Two-way sync with Xero."],
    security=["Data hosted in Sydney."],
    onboarding=["Front-desk training is one short session."],
    proof_points=["Practices cut no-shows by a third."],
)
REASON = f"Reason: went with {RIVAL}, cheaper for a two-chair practice."
IMAGING = (
    f"{RIVAL}'s team already runs three practices near us on the same imaging setup we use, "
    "and that made the partners more comfortable."
)


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data", competitors=[RIVAL]), embedder=embedder)
    yield ws
    ws.close()


def _page(db: Session, workspace: Workspace) -> str:
    theme = add_theme(db, "Dental tools", "dental")
    _, [_, note] = _call(
        db, 1, "Bayview Dental", "lost", "2026-03-30",
        [("Sam Rivera", "rep_note", "Lost."), ("Sam Rivera", "rep_note", REASON)],
    )  # fmt: skip
    _mention(db, note, "objection", "competitor", theme, competitor=RIVAL)
    _, [imaging] = _call(
        db, 2, "Kowhai Dental", "open", "2026-04-02", [("Aroha Tane", "buyer", IMAGING)]
    )
    _mention(db, imaging, "objection", "competitor", theme, competitor=RIVAL)
    set_profile(db, PROFILE)
    db.flush()
    document = generate_document(
        db, workspace.settings, doc_type="comparison", competitor=RIVAL,
        use_llm=False, embedder=workspace.embedder,
    )  # fmt: skip
    return document.body_markdown


def test_a_lost_deal_s_reason_is_quoted_as_the_rep_s_note(workspace: Workspace) -> None:
    with workspace.session() as db:
        body = _page(db, workspace)
    assert f"Lost to {RIVAL}, in the deal's own words: 1 of the 1 lost." in body
    fits = body.split(f"## When {RIVAL} is the better fit", 1)[1].split("\n## ", 1)[0]
    [line] = [li for li in fits.splitlines() if REASON in li]
    assert line.startswith(f"- Lost to {RIVAL}, the rep's note: “{REASON}” [Q"), line
    assert "Buyers" not in line  # a rep's note is never the buyer's words
    [source] = [li for li in body.split("## Sources", 1)[1].splitlines() if REASON in li]
    assert "rep's note, Bayview Dental" in source


def test_a_fact_sharing_a_word_by_chance_is_no_answer(workspace: Workspace) -> None:
    with workspace.session() as db:
        body = _page(db, workspace)
    # Its row (where the page has room beside the rep's note's price row) says "To write".
    rows = [line for line in body.splitlines() if line.startswith("| **") and "imaging" in line]
    assert all("To write" in row.split(" | ")[1] for row in rows), rows
    assert IMAGING in body
    assert "Spanish" not in body
