"""A fact that only names something (an integration, a plan), or one matched to a worry only
through a tool or rival the worry names, is no answer: the reviewer's one-pager answered "We
signed a three year Toast contract ... I can't rip that out" with "Toast" and "I don't want a
third system" with "Lightspeed", and the FAQ answered "Are we locked into a long contract?"
with "Toast". A "To write" gap (which the approval check counts) beats that."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.pairing import answers_beyond, answers_theme, says_something
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.plugins.documents import _call, _mention, theme_around

# (a worry naming a tool or rival, a fact matched to it only through that name)
NAME_ONLY = [
    ("We're on a two year Clio contract and I can't walk away from it.", "Clio"),
    ("Our whole yard runs on Samsara, nobody will learn a third app.", "Samsara"),
    ("We signed with Jobber last spring, I can't rip that out.",
     "Jobber: jobs and invoices pushed into Jobber"),
    ("Payroll is in Gusto and the partners won't sign a long term.", "Gusto"),
    ("Dispatch is in ServiceTitan and we can't drop it mid-season.", "ServiceTitan connector"),
]  # fmt: skip
# (a worry, a fact that says something about it)
ANSWERS = [
    ("We're on a two year Clio contract and I can't walk away from it.",
     "Billing can start when your current contract ends."),
    ("Without a Xero integration we'd be doing double entry again.", "Xero sync."),
    ("Payroll runs through Gusto and I won't enter hours twice.",
     "Timesheets sync to Gusto at the end of each pay period."),
]  # fmt: skip


@pytest.mark.parametrize(("worry", "fact"), NAME_ONLY)
def test_a_name_shared_with_the_worry_is_no_answer(worry: str, fact: str) -> None:
    assert not answers_theme(fact, [worry], fact=True)
    assert not answers_beyond(fact, [worry], [], fact=True)


def test_a_won_deals_reply_naming_their_tool_still_answers() -> None:
    """A rep's reply followed the worry in the call: the tool both name ties them."""
    worry = "It has to talk to ServiceTitan, I can't go back to two screens."
    assert answers_theme("Elena will set up the ServiceTitan connection the first week.", [worry])


@pytest.mark.parametrize(("worry", "fact"), ANSWERS)
def test_a_fact_about_the_worry_still_answers(worry: str, fact: str) -> None:
    assert answers_theme(fact, [worry], fact=True)


@pytest.mark.parametrize(
    ("fact", "says"),
    [("Clio", False), ("QuickBooks Online", False), ("SOC 2 Type II", False),
     ("Enterprise", False), ("Xero sync.", True), ("Pro: adds dispatch and GPS", True)],
)  # fmt: skip
def test_a_bare_name_says_nothing(fact: str, says: bool) -> None:
    assert says_something(fact) is says


WORRIES = [
    "We signed a three year Clio contract across both offices and I can't rip that out.",
    "Honestly we're locked into Clio until next autumn.",
]


def _profile(*plans: str) -> ProductProfile:
    return ProductProfile(
        name="Docketly", pricing=["$45 per lawyer per month"], plans=list(plans),
        features=["Court deadlines calculated from the filing date"],
        integrations=["Clio", "NetDocuments"], security=[], onboarding=[], proof_points=[],
    )  # fmt: skip


def _answer(ws: Workspace, embedder: Embedder, doc_type: str, theme: int) -> str:
    with ws.session() as db:
        document = generate_document(
            db, ws.settings, doc_type=doc_type, use_llm=False, embedder=embedder,
            cluster_ids=[theme],
        )  # fmt: skip
        content = document.structured["content"]
        [answer] = [i["answer"] for i in content.get("items", content.get("objections", []))]
        return str(answer)


@pytest.mark.parametrize("doc_type", ["objection-faq", "one-pager"])
def test_drafts_leave_a_gap_rather_than_answer_with_a_name(
    ws: Workspace, embedder: Embedder, doc_type: str
) -> None:
    with ws.session() as db:
        set_profile(db, _profile("Solo: one lawyer, one office"))
        theme = theme_around(db, embedder, WORRIES)
        accounts = ("Birch Legal", "Alder Law")
        for n, (account, worry) in enumerate(zip(accounts, WORRIES, strict=True), 1):
            _, turns = _call(db, n, account, "open", f"2026-05-0{n}",
                             [("Robin Hale", "buyer", worry)], "Legal")  # fmt: skip
            _mention(db, turns[0], "objection", "contract", theme).confidence = 0.9
        db.commit()
        theme_id = theme.id
    answer = _answer(ws, embedder, doc_type, theme_id)
    assert answer.startswith("To write"), answer
    ending = "Billing can start when your current contract ends."
    with ws.session() as db:
        set_profile(db, _profile("Solo: one lawyer, one office", ending))
        db.commit()
    answer = _answer(ws, embedder, doc_type, theme_id)
    assert ending in answer, answer
