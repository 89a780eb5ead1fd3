"""A reference to another entry stands on a published page only where that entry is still
there; else the facts it stood for are stated in full, or the reference goes with its cites.

Why: a published FAQ and its FAQPage JSON-LD said "See also the answer above to How long does
it take to get up and running?", a question left out of the page (its answer was still "To
write")."""

from __future__ import annotations

import json

import pytest

from pipeline.embed import Embedder
from pipeline.publish.export import export_document, faq_pairs
from pipeline.publish.public_copy import publishable
from pipeline.store.models import Document
from pipeline.workspace import Workspace
from tests.pipeline.content.test_fact_refs import TRADES, Trade, _faq

SETUP = "How long does it take to get up and running?"
STAFF = "Will my staff actually use it?"
GAP = "To write: no rep answer from a won deal in the calls yet (raised 2 times on 1 sales call)."

# (a trade's fact stated under the first question, a fact the second states itself)
FACTS = [
    ("Set-up takes about three weeks, your lab's case history moved for free.",
     "Technicians get two training sessions with a named lead."),
    ("Set-up takes a week, your keg records moved for free.",
     "Bar staff learn it in one shift with a named lead."),
    ("Set-up fits in half a term, your pupil records moved for free.",
     "Office staff get two training sessions."),
    ("The depot is live in ten days, routes moved for free.",
     "Drivers get a ten-minute walkthrough in the app."),
    ("Set-up takes a weekend, your client cards moved for free.",
     "Juniors learn it in one session with a named lead."),
]  # fmt: skip


def _page(first: str, second: str, facts: tuple[str, ...]) -> str:
    listed = "".join(f"- **[P{n}]** {text}\n" for n, text in enumerate(facts, start=1))
    return (
        "# Buyer questions\n\nThe 2 concerns buyers raised most.\n\n## Questions\n\n"
        f"### {SETUP}\n\n{first}\n\n### {STAFF}\n\n{second}\n\n"
        "## Sources\n\nWhat buyers and reps said on sales calls:\n\n"
        "- **[Q1]** “How long before we're live?” — buyer, A, call 1, 2026-01-02, lost\n"
        "- **[Q2]** “Will they use it?” — buyer, B, call 2, 2026-01-03, open\n\n"
        f"From our product profile:\n\n{listed}"
    )


def _see(question: str) -> str:
    return f"See also the answer above to *{question}*"


@pytest.mark.parametrize(("stated", "own"), FACTS)
def test_a_reference_to_an_entry_left_out_states_its_fact(stated: str, own: str) -> None:
    page = _page(f"{GAP} [Q1]", f"{own} {_see(SETUP)} [Q2] [P2][P1]", (stated, own))
    published = publishable(page, {})
    assert SETUP not in published and "See also" not in published, published
    assert f"### {STAFF}\n\n{own} {stated} [Q1] [P2][P1]" in published, published
    # Its FAQPage JSON-LD, from the draft that keeps the gap: the same.
    assert faq_pairs(page) == [(STAFF, f"{own} {stated}")]


@pytest.mark.parametrize(("stated", "own"), FACTS)
def test_a_reference_to_an_entry_still_there_stays(stated: str, own: str) -> None:
    page = _page(f"{stated} [Q1] [P1]", f"{own} {_see(SETUP)} [Q2] [P2][P1]", (stated, own))
    published = publishable(page, {})
    assert f"{own} {_see(SETUP)} [Q2] [P2][P1]" in published, published
    assert published.count(stated) == 2  # once in the answer, once in the sources
    assert faq_pairs(page)[1] == (STAFF, f"{own} See also the answer above to {SETUP}")


@pytest.mark.parametrize(("stated", "own"), FACTS[:3])
def test_a_reference_with_no_fact_to_state_goes_with_its_citation(stated: str, own: str) -> None:
    # An edit took the fact out of the sources: the reference goes, and the cite it made.
    page = _page(f"{GAP} [Q1]", f"{own} {_see(SETUP)} [Q2] [P1][P2]", (own,))
    published = publishable(page, {})
    assert "See also" not in published and f"### {STAFF}\n\n{own} [Q1] [P1]\n" in published
    # A reference that was all the answer said: the entry goes with its question.
    alone = publishable(_page(f"{GAP} [Q1]", f"{_see(SETUP)} [Q2] [P2]", (own,)), {})
    assert STAFF not in alone and "See also" not in alone and SETUP not in alone, alone


def test_a_comparison_row_referring_to_a_row_left_out_states_its_fact() -> None:
    fact = "No booking commission, ever."
    page = (
        "# Us vs Berthly\n\n## Side by side\n\n| | Us | Berthly |\n|---|---|---|\n"
        "| **Price** | To write: no answer on file — ask product. | — |\n"
        "| **Price (a deal we lost)** | As in the Price row above. [P1] "
        "| “Berthly takes 8%.” [Q1] |\n"
        "\n## Sources\n\nWhat buyers and reps said on sales calls:\n\n"
        "- **[Q1]** “Berthly takes 8%.” — buyer, A, call 1, 2026-01-02, lost\n\n"
        f"From our product profile:\n\n- **[P1]** {fact}\n"
    )
    published = publishable(page, {})
    assert "row above" not in published, published
    assert f"| **Price (a deal we lost)** | {fact} [P1] | “Berthly takes 8%.” [Q1] |" in published
    kept = page.replace("To write: no answer on file — ask product.", f"{fact} [P1]")
    assert "| As in the Price row above. [P1] |" in publishable(kept, {})


@pytest.mark.parametrize("trade", TRADES[::2], ids=lambda t: t.industry)
def test_end_to_end_a_published_faq_never_refers_to_a_question_left_out(
    ws: Workspace, embedder: Embedder, trade: Trade
) -> None:
    """A generated FAQ whose first answer is still "To write": its exports state the fact the
    second referred to."""
    items = _faq(ws, embedder, trade)
    first, second = items
    assert "See also" in second["answer"], items
    with ws.session() as db:
        document = db.query(Document).one()
        body = document.body_markdown
        document.body_markdown = body.replace(first["answer"], GAP)
        referred = [n for n in second["profile"] if n in first["profile"]]
        db.commit()
        pages = {f: export_document(db, ws.settings, document.id, f).content.decode()
                 for f in ("md", "html", "jsonld")}  # fmt: skip
    for page in pages.values():
        assert "See also" not in page and first["question"] not in page, page
    answers = [q["acceptedAnswer"]["text"] for q in json.loads(pages["jsonld"])["mainEntity"]]
    assert len(answers) == 1 and referred, answers
    md = pages["md"].partition("## Sources")[0]
    for line in body.partition("## Sources")[2].splitlines():
        if any(line.startswith(f"- **[P{n}]** ") for n in referred):
            fact = line.split("** ", 1)[1]
            assert fact in md and fact in answers[0], (fact, md)
