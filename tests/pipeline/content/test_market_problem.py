"""A one-pager's "The problem" and "Why now" state the market's problem and its reasons to act:
not our own customer's complaint about us in a won deal's quarterly review ("Two ABB chargers
were offline for nine days and nobody told us."), not the deal's next step ("Send the expansion
order form once the SOC 2 piece is sorted."), not a set-up fact ("We have two of-counsel
attorneys who only work a few days a month."), and counted on the calls buyers raised it on."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from pipeline.config import get_settings
from pipeline.content.market import about_us, after_the_sale, buying_step, says_what_it_costs
from pipeline.store.models import Call, Mention, Utterance
from pipeline.workspace import Workspace
from tests.conftest import ROOT, Cli

FIXTURE = ROOT / "tests" / "fixtures" / "market_problem"


def _call(outcome: str, title: str, opening: str) -> Call:
    return Call(
        content_hash="x", filename="f.txt", format="txt", title=title, raw_text=opening,
        outcome=outcome,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("title", "opening"),
    [
        ("Meridian Offices - Q1 QBR and expansion", ""),
        ("", "Rep: Thanks everyone for making time for the quarterly review."),
        ("Brightsmile Dental | Quarterly business review", ""),
        ("Oakfield Farms annual review", ""),
        ("Harbour Vets renewal", ""),
        ("", "Rep: Welcome to your onboarding session, let's get the crews set up."),
        ("Tidewater Cleaning - check-in", ""),
        ("Kessel Legal: account review", ""),
        ("Greenline kick-off", ""),
        ("", "Rep: Great to see you again for the health check on the fleet."),
    ],
)
def test_a_won_deals_meeting_after_the_sale_is_no_market_pain(title: str, opening: str) -> None:
    assert after_the_sale(_call("won", title, opening))


@pytest.mark.parametrize(
    ("outcome", "title", "opening"),
    [
        ("won", "Larkspur Residential <> VoltYard | Intro", "Rep: Thanks for joining today."),
        ("won", "Larkspur_VoltYard_tech_review.mp4", "Rep: Let's go through the load study."),
        ("won", "Discovery call - Rohr Plumbing", "Rep: How do you plan jobs today?"),
        ("won", "Whitfield Law demo", "Rep: I'll share my screen."),
        ("open", "Acme - quarterly review of their rota", ""),  # a prospect's call
        ("lost", "Sunvale renewal pricing", ""),
    ],
)
def test_a_sales_call_is_not_after_the_sale(outcome: str, title: str, opening: str) -> None:
    assert not after_the_sale(_call(outcome, title, opening))


@pytest.mark.parametrize(
    "sentence",
    [
        "Your support team took a week to answer our ticket.",
        "You never told us the reminders were down.",
        "The CrewBoard app logged the crews out twice in March.",
        "Honestly, you guys missed two of our payroll runs.",
        "Your invoices never match what the portal shows.",
    ],
)
def test_a_sentence_about_us_is_no_market_pain(sentence: str) -> None:
    assert about_us(sentence, ["CrewBoard"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Every Monday we lose half a morning re-sending job sheets to the crews.",
        "Reconciling the two at month end takes forever and I always find mistakes.",
        "Our paralegals waste hours hunting for medical records across folders.",
        "The herd records live on paper and the vet can never find them.",
        "You know, the billing is a mess every month.",  # "you know" is no subject
    ],
)
def test_a_buyers_own_problem_is_not_about_us(sentence: str) -> None:
    assert not about_us(sentence, ["CrewBoard"])


@pytest.mark.parametrize(
    "sentence",
    [
        "Send the expansion order form once the SOC 2 piece is sorted.",
        "Send the order form for the new hires once finance approves the budget.",
        "Procurement needs your SOC 2 Type II report before they'll sign the expansion.",
        "Legal wants the data processing terms before we sign off.",
        "Please email the purchase order and we'll get it through this week.",
        "Okay, get the paperwork over by Friday and we'll sign.",
        "The board wants a reference call before they'll approve it.",
        "Finance needs the W-9 before the end of the month.",
    ],
)
def test_the_deals_next_step_is_no_reason_to_act(sentence: str) -> None:
    assert buying_step(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "Our contract with RotaPro ends in June, so we need something in place before then.",
        "We're hiring four new engineers in spring, so it has to be sorted by the end of March.",
        "We took over another cleaning company last month.",
        "The state audit is in September and last year we were fined.",
        "Harvest starts in August, we need it running before then.",
    ],
)
def test_a_trigger_is_no_buying_step(sentence: str) -> None:
    assert not buying_step(sentence)


@pytest.mark.parametrize(
    ("sentence", "costs"),
    [
        ("It takes one of my coordinators about three days a month.", True),
        ("My practice manager spends hours every week rebuilding the rota.", True),
        ("We waste hours a week re-keying orders.", True),
        ("Overtime is costing us thousands every quarter.", True),
        ("We're paying agency fees every weekend to cover shifts.", True),
        ("We have two of-counsel attorneys who only work a few days a month.", False),
        ("We have two locum vets who only work a few days a month.", False),
        ("The relief milker comes in two days a week.", False),
        ("Our bookkeeper is in three days a month.", False),
    ],
)
def test_a_cost_trigger_says_what_it_costs(sentence: str, costs: bool) -> None:
    assert says_what_it_costs(sentence) is costs


def _section(page: str, heading: str) -> str:
    match = re.search(rf"## {heading}\n(.*?)(?=\n## |\Z)", page, re.DOTALL)
    return match.group(1) if match else ""


@pytest.mark.slow
def test_one_pager_states_the_markets_problem_and_no_false_trigger(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Five calls of five industries: a won dental practice's quarterly review complains about
    us and asks for the order form, a vet practice states a set-up fact tagged a cost, a
    plumber's pain follows a German sentence."""
    monkeypatch.setenv("CALLMINE_OUR_COMPANY", "CrewBoard")
    monkeypatch.setenv("CALLMINE_COMPETITORS", '["RotaPro"]')
    get_settings.cache_clear()
    calls = tmp_path / "calls"
    shutil.copytree(FIXTURE, calls)
    page = cli.generated_offline(calls, "one-pager")
    problem, why_now = _section(page, "The problem"), _section(page, "Why now")
    assert problem.strip() and "To write" not in problem
    for said in ("reminders were down", "support team", "Die Planung"):
        assert said not in problem, problem
    for said in ("order form", "locum vets", "Die Planung"):
        assert said not in why_now, why_now
    workspace = Workspace(cli.settings())
    try:
        with workspace.session() as db:
            quoted = re.search(r"\[Q(\d+)\]", problem)
            assert quoted is not None
            review = db.scalar(select(Call.id).where(Call.account == "Brightsmile Dental"))
            rows = db.execute(
                select(Mention.call_id, Mention.confidence, Utterance.role, Mention.cluster_id)
                .join(Utterance, Mention.utterance_id == Utterance.id)
                .where(Mention.kind == "pain", Mention.cluster_id.is_not(None))
            ).all()
    finally:
        workspace.close()
    theme = next(r[3] for r in rows if r[0] != review)
    raised = {c for c, confidence, role, cluster in rows if cluster == theme and role == "buyer"
              and confidence >= 0.5 and c != review}  # fmt: skip
    calls_said = re.search(r"raised on (\d+) sales calls", problem)
    assert calls_said is not None and int(calls_said.group(1)) == len(raised), problem
