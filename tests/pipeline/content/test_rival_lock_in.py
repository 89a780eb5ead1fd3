"""A buyer held by a rival's contract is answered with how a switch gets round it (moving the
data, a parallel run) first; under "Are we locked into a long contract?" our plan's terms
answer the question asked where no such fact is on file. Our plan's terms still answer a worry
about our own contract.

Why: a recruitment agency's "we're locked into Bullhorn until next August" had been answered
"Monthly plan: no annual commitment" on the FAQ, and a brewery's "We use Ekos and the contract
runs another year" left "To write" beside "Migration from ... Ekos ... takes 2 to 6 weeks"."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, ProfileFact, set_profile
from pipeline.content.switching import eases_switch, held_by_rival, switching_facts
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

IMPORT_ONLY = "We import your DentaPro patient records and recall dates for you."
OUR_TERMS = "Month-to-month plan, cancel any time with 30 days' notice."
MIGRATION = "Migration from DentaPro or spreadsheets takes three weeks, done by our team."
PARALLEL = "A parallel run of two weeks before the old system is switched off."


def _profile(onboarding: list[str]) -> ProductProfile:
    return ProductProfile(
        name="SmileDesk",
        pricing=["£45 per chair per month."],
        plans=[OUR_TERMS],
        features=["Recall reminders go out by text two weeks before a check-up is due."],
        integrations=["Card payments through Stripe terminals at the front desk."],
        security=["Patient data hosted in London."],
        onboarding=[*onboarding, "Front-desk training takes one hour per team."],
        proof_points=[],
    )


HELD = [
    "We're tied into DentaPro until the end of June, so nothing moves before then.",
    "We signed a three-year agreement with DentaPro last spring.",
]
OURS = ["We won't sign a twelve-month contract with a new supplier."]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    ws = Workspace(make_settings(tmp_path / "data"), embedder=embedder)
    yield ws
    ws.close()


def _generate(ws: Workspace, onboarding: list[str], said: list[str], **kw: Any) -> Any:
    with ws.session() as db:
        set_profile(db, _profile(onboarding))
        theme = add_theme(db, "Contract terms", "contract")
        rival = "DentaPro" if said is HELD else None
        for n, text in enumerate(said, start=1):
            _, turns = _call(
                db, n, f"Bright Teeth {n}", "open", f"2026-05-0{n}", [("Nadia", "buyer", text)],
                "Dental clinic",
            )  # fmt: skip
            _mention(db, turns[0], "objection", "contract", theme, competitor=rival)
        db.flush()
        document = generate_document(
            db, ws.settings, use_llm=False, embedder=ws.embedder, **kw
        )  # fmt: skip
        return document.structured["content"], document.body_markdown


def test_a_rival_contract_is_answered_with_how_the_switch_works(workspace: Workspace) -> None:
    content, _ = _generate(workspace, [MIGRATION, PARALLEL], HELD, doc_type="objection-faq")
    [item] = content["items"]
    assert MIGRATION in item["answer"]  # the fact naming their rival first
    assert OUR_TERMS not in item["answer"]


def test_the_comparison_row_of_a_rival_contract_answers_with_the_switch(
    workspace: Workspace,
) -> None:
    _, body = _generate(
        workspace, [MIGRATION, PARALLEL], HELD, doc_type="comparison", competitor="DentaPro"
    )
    [row] = [line for line in body.splitlines() if line.startswith("| **Plans and terms")]
    assert MIGRATION in row.split(" | ")[1]


def test_with_no_switching_fact_our_terms_answer_the_contract_question(
    workspace: Workspace,
) -> None:
    """The entry asks "Are we locked into a long contract?": our terms answer that question
    (and the buyer's fear of being tied again), where no way round their contract is on file;
    the training fact answers neither."""
    content, _ = _generate(workspace, [], HELD, doc_type="objection-faq")
    [item] = content["items"]
    assert item["question"] == "Are we locked into a long contract?"
    assert OUR_TERMS in item["answer"] and "training" not in item["answer"]


def test_moving_the_data_alone_does_not_answer_a_rival_contract() -> None:
    """ "We import your records" says what is done, not when the buyer could move: beside a
    buyer tied into DentaPro until June only the fact saying how long the move takes is left."""
    facts = [
        ProfileFact(id=n, section="onboarding", text=text)
        for n, text in enumerate([IMPORT_ONLY, MIGRATION], start=1)
    ]
    assert [f.text for f in switching_facts(facts, HELD, ["DentaPro"])] == [MIGRATION]


@pytest.mark.parametrize(
    ("fact", "eases"),
    [
        # how long the move takes, when it can start, or a way round the contract
        ("Bullhorn data migration takes 10 working days.", True),
        ("Most breweries are live in two weeks, batch history included.", True),
        ("Set-up can begin the week you sign; nothing changes for your guests.", True),
        ("We buy out up to three months of your Ekos contract.", True),
        ("A parallel run of one billing month before the old system goes.", True),
        # the move's work alone, or a duration that is no move
        ("We move your Bullhorn candidate records across for you.", False),
        ("We import your existing spreadsheet or Ekos export for you.", False),
        ("Front-desk training takes one hour per team.", False),
    ],
)
def test_a_switch_fact_says_when_or_how_round(fact: str, eases: bool) -> None:
    assert eases_switch(fact) is eases


def test_our_own_contract_is_still_answered_with_our_terms(workspace: Workspace) -> None:
    content, _ = _generate(workspace, [MIGRATION], OURS, doc_type="objection-faq")
    [item] = content["items"]
    assert OUR_TERMS in item["answer"]


@pytest.mark.parametrize(
    ("text", "held"),
    [
        ("We use TixHub and the contract runs another year, so switching now is out.", True),
        ("We're locked into TixHub until next August.", True),
        ("TixHub's renewal is auto-renew unless cancelled sixty days before.", True),
        ("Our TixHub contract doesn't end until September, so we'd pay twice.", True),
        ("TixHub has a nicer seating plan.", False),  # names them, binds nothing
        ("We want a one-year contract, not a multi-year one like TixHub offered.", False),
        ("We won't sign your contract for a year.", False),  # our terms
        ("Your contract with TixHub-style renewals worries me.", False),
    ],
)
def test_held_by_a_rival(text: str, held: bool) -> None:
    assert held_by_rival(text, ["TixHub"]) is held
