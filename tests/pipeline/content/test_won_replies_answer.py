"""A won deal's rep line is quoted as the answer to a worry only when it replies to it: the
rep's turn right after that buyer (no other buyer between) that speaks of what the buyer
said. A QBR's next line ("The Annapolis garage revenue ... was 5823 dollars") had answered
"Procurement needs your SOC 2 report", and a reply to a second buyer's hardware question had
answered "With forty buildings that adds up fast" in every offline document."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

# (industry, category, worry, the rep's next line, which answers something else)
UNRELATED_NEXT_LINE = [
    (
        "Commercial real estate",
        "security",
        "Procurement needs your SOC 2 report before they'll sign the renewal.",
        "The Dover depot revenue after the card fee was 4100 dollars for the quarter.",
    ),
    (
        "Dental",
        "status_quo",
        "Our hygienists won't give up the paper charts, they've used them for years.",
        "Next on my list is the Harbour Street surgery: nine chairs, booked at 80 percent.",
    ),
    (
        "Logistics",
        "contract",
        "We can't sign a three-year contract for a pilot.",
        "I'll send the route report with your numbers and book a session with our engineer.",
    ),
    (
        "Hospitality",
        "adoption",
        "Housekeeping staff won't download another app on their phones.",
        "The Lakeside property had no faults logged last month, so nothing to flag there.",
    ),
]
XERO_WORRY = "My main worry is Xero: the last vendor's sync broke every time Xero updated."
XERO_REPLY = "Fair. We're a certified Xero partner app, so every Xero release is tested first."


def _faq_answers(
    ws: Workspace, turns: list[tuple[str, str, str]], industry: str, category: str
) -> str:
    """The offline FAQ's answers for one won call whose first buyer turn is a sure objection."""
    with ws.session() as db:
        theme = add_theme(db, "A worry", "worry")
        _, utterances = _call(db, 1, "Northwind Group", "won", "2026-03-02", turns, industry)
        _mention(db, utterances[0], "objection", category, theme).confidence = 0.9
        db.flush()
        faq = generate_document(
            db, ws.settings, doc_type="objection-faq", use_llm=False, cluster_ids=[theme.id]
        )
        return " ".join(i["answer"] for i in faq.structured["content"]["items"])


@pytest.mark.parametrize(("industry", "category", "worry", "next_line"), UNRELATED_NEXT_LINE)
def test_the_rep_s_next_line_about_something_else_is_no_answer(
    ws: Workspace, industry: str, category: str, worry: str, next_line: str
) -> None:
    turns = [("Avery Lund", "buyer", worry), ("Sam Rivera", "rep", next_line)]
    answers = _faq_answers(ws, turns, industry, category)
    assert next_line not in answers and "To write: no rep answer" in answers


@pytest.mark.parametrize(("industry", "category", "worry", "_"), UNRELATED_NEXT_LINE)
def test_a_reply_to_another_buyer_s_question_is_no_answer(
    ws: Workspace, industry: str, category: str, worry: str, _: str
) -> None:
    """The rep answered the second buyer's question, which came between."""
    reply = "Yes, we keep the scanners and readers you already have, over USB or Bluetooth."
    turns = [
        ("Avery Lund", "buyer", worry),
        ("Jordan Pike", "buyer", "Can you keep the scanners and readers we already have?"),
        ("Sam Rivera", "rep", reply),
    ]
    assert reply not in _faq_answers(ws, turns, industry, category)


def test_a_reply_about_the_worry_is_still_the_answer(ws: Workspace) -> None:
    turns = [
        ("Avery Lund", "buyer", XERO_WORRY),
        ("Avery Lund", "buyer", "Sorry, go on."),
        ("Sam Rivera", "rep", XERO_REPLY),
    ]
    assert XERO_REPLY in _faq_answers(ws, turns, "Accounting", "integrations")
