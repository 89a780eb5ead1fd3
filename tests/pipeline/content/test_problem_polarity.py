"""A page's "The problem" quotes a problem of the buyer's, never praise of the tool they have or a
dare to give them a reason: "We've been on MarinaDesk since 2008 and it's never once lost us a
penny, so you've got to give me a reason.", stored as a pain, had been a use case's problem."""

from __future__ import annotations

import re

import pytest

from pipeline.content.content_today import praises_today
from pipeline.content.generate import generate_document
from pipeline.store.models import Cluster
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, add_theme

CONTENT = [
    "We've been on PestPro since 2011 and it's never once lost us a job, so give me a reason.",
    "The paper diary has never let us down in twenty years, so convince me.",
    "Honestly, the spreadsheet works fine for us, I'm not sure what we'd gain.",
    "Our old practice system has been rock solid since 2012.",
    "We've had no complaints with the current rota tool, so tell me why we should switch.",
    "Why would we change when the whiteboard does the job?",
    "It's clunky but it does the job.",
    "The funeral register in the ledger has served us well for forty years.",
    "Our donor database isn't broken, so you'd have to prove it's worth the move.",
    "The herd app has never given us any trouble, what's in it for us?",
    "Our agency's timesheets in Harvest are fine for us.",
]
PROBLEMS = [
    "I print 340 letters, stuff envelopes, and then chase about sixty of them by phone.",
    "It does the job, but it crashes every Monday and we lose the bookings.",
    "We never know who has paid until the bank statement comes in.",
    "Every Monday we lose half a morning re-sending job sheets to the crews.",
    "The herd records live on paper and the vet can never find them.",
    "Our spreadsheet has let us down twice this year and we lost a funeral booking.",
    "We lost three donors last year because the thank-you letters went out late.",
    "It's fine, it fills the rooms, but they take eight percent off every booking.",
    "The clinic's diary is double-booked every week and nobody knows who moved what.",
    "Our developers track hours in three places and half of them never get billed.",
]


@pytest.mark.parametrize("sentence", CONTENT)
def test_a_line_content_with_today_states_no_problem(sentence: str) -> None:
    assert praises_today(sentence)


@pytest.mark.parametrize("sentence", PROBLEMS)
def test_a_buyers_problem_is_not_content_with_today(sentence: str) -> None:
    assert not praises_today(sentence)


def _seed_pains(ws: Workspace, content: str, problem: str) -> None:
    """Three funeral homes' calls: a pain theme where two buyers are content with their ledger
    and one has a real problem, and a worry to build the page on."""
    with ws.session() as db:
        worry = add_theme(db, "Too expensive", "expensive")
        pains = Cluster(kind="pain", name="Ledger", keywords=["ledger"])
        db.add(pains)
        db.flush()
        for n, account in enumerate(("Greaves & Sons", "Hallam Funerals", "Ord Bros"), start=1):
            said = problem if n == 3 else content
            _, turns = _call(
                db,
                n,
                account,
                "open",
                f"2026-05-0{n}",
                industry="Funeral homes",
                turns=[
                    ("Ann", "buyer", said),
                    ("Ann", "buyer", "It's too dear for a home our size."),
                ],
            )
            _mention(db, turns[0], "pain", None, pains).confidence = 0.95 if n < 3 else 0.9
            _mention(db, turns[1], "objection", "price", worry).confidence = 0.9
        db.flush()


def _section(page: str, heading: str) -> str:
    match = re.search(rf"## {heading}[^\n]*\n(.*?)(?=\n## |\Z)", page, re.DOTALL)
    return match.group(1) if match else ""


@pytest.mark.parametrize("doc_type", ["use-case", "one-pager"])
def test_the_problem_never_quotes_praise_of_what_they_have(ws: Workspace, doc_type: str) -> None:
    _seed_pains(ws, CONTENT[7], PROBLEMS[0])
    with ws.session() as db:
        industry = "Funeral homes" if doc_type == "use-case" else None
        document = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, industry=industry
        )
        body = document.versions[-1].body_markdown
    problem = _section(body, "The problem")
    assert "340 letters" in problem, problem
    assert "served us well" not in problem, problem
