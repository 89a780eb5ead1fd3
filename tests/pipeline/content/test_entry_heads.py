"""A worry heads a pricing explainer's entry only by a line that stands alone: never a fragment
leaning back, never two sentences glued; a theme with none goes by its topic's question (not
its name: "### Price" is no question a buyer asks), and its plainer worries head entries before
its fragments.

Why: an offline pricing explainer had headed an entry "### That's the bit. And the direct
debits.", above the theme's plain price worries."""

from __future__ import annotations

import re

import pytest
from sqlalchemy.orm import Session

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.quote_text import heading_line
from pipeline.store.models import Mention
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, add_theme

# (industry, fragments said surely, a plain price worry said less surely)
TRADES = [
    ("Schools", ["That's the bit. And the direct debits.", "And the direct debits."],
     "Two pounds a pupil is more than the school can spend this year."),
    ("Breweries", ["Right, and that was the piece. And the keg deposits.", "That's the bit."],
     "Sixty pounds a month is too much for a brewery our size."),
    ("Dental labs", ["That's the bit. And the remakes on top.", "Right, and that was the piece."],
     "Forty pounds a case is more than the lab can carry."),
    ("Salons", ["Yeah, that one. And the card fees.", "And the direct debits."],
     "Ninety pounds a month is too expensive for a two-chair salon."),
    ("Marinas", ["That was the piece. And the berth fees too.", "That's the bit."],
     "Forty-nine pounds a month is nearly six hundred a year for something we do for nothing."),
    ("Gyms", ["That's the bit. And the monthly fee.", "And the direct debits."],
     "It's too expensive for a gym with one studio."),
]  # fmt: skip
PROFILE = ProductProfile(
    name="Tallyway", pricing=["£39 a month per site, billed monthly."], plans=[], features=[]
)
THEME = "Monthly fees"
ASKED = "What will it cost a business our size?"  # a price worry's question


def _explainer(ws: Workspace, industry: str, said: list[tuple[str, float]]) -> list[str]:
    """The pricing explainer's entry headings for one price theme of ``said`` (text, how sure
    the detector was), each on a call of its own."""
    with ws.session() as db:
        set_profile(db, PROFILE)
        theme = add_theme(db, THEME, "price")
        for n, (text, confidence) in enumerate(said, start=1):
            _, turns = _call(
                db, n, f"Account {n}", "lost", f"2026-10-{n:02}", [("Pat", "buyer", text)],
                industry=industry,
            )  # fmt: skip
            _mention(db, turns[0].id, turns[0].call_id, text, theme.id, confidence)
        db.flush()
        page = generate_document(
            db, ws.settings, doc_type="pricing-explainer", cluster_ids=[theme.id], use_llm=False
        )
        return [c["question"] for c in page.structured["content"]["concerns"]]


def _mention(db: Session, turn: int, call: int, text: str, theme: int, sure: float) -> None:
    db.add(
        Mention(
            utterance_id=turn, call_id=call, kind="objection", category="price", text=text,
            char_start=0, char_end=len(text), cluster_id=theme, confidence=sure,
        )
    )  # fmt: skip


def _one_line(head: str) -> bool:
    return heading_line(head) == head or head == ASKED


@pytest.mark.parametrize(("industry", "fragments", "plain"), TRADES, ids=lambda t: str(t)[:12])
def test_a_plain_worry_heads_before_fragments(
    ws: Workspace, industry: str, fragments: list[str], plain: str
) -> None:
    heads = _explainer(ws, industry, [*((f, 0.95) for f in fragments), (plain, 0.62)])
    assert heads[0] == plain, heads
    assert all(_one_line(h) for h in heads), heads
    assert not any(h in f or f in h for h in heads[1:] for f in fragments), heads


@pytest.mark.parametrize(("industry", "fragments", "_plain"), TRADES, ids=lambda t: str(t)[:12])
def test_a_theme_of_fragments_goes_by_its_question(
    ws: Workspace, industry: str, fragments: list[str], _plain: str
) -> None:
    heads = _explainer(ws, industry, [(f, 0.9) for f in fragments])
    assert heads == [ASKED], heads  # once: a second fragment would repeat it


@pytest.mark.parametrize(("industry", "fragments", "plain"), TRADES[::2], ids=lambda t: str(t)[:12])
def test_two_sentences_head_by_the_one_that_stands_alone(
    ws: Workspace, industry: str, fragments: list[str], plain: str
) -> None:
    glued = f"{plain} {fragments[-1]}"  # the worry, then a fragment leaning back on it
    heads = _explainer(ws, industry, [(glued, 0.9)])
    assert heads == [plain], heads
    assert not re.search(r"[.?!] \w", heads[0]), heads
