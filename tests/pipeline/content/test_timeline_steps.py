"""The implementation timeline's steps are the profile's rollout facts only: a fact filed under
onboarding that says neither how long nor what is set up ("Sold and supported in the US, Canada
and Mexico") had been "Step 3 | to confirm"."""

from __future__ import annotations

import pytest

from pipeline.content.generate import generate_document
from pipeline.content.guides import asks_about_setup, duration_in, is_step
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.workspace import Workspace
from tests.plugins.documents import Seeded, _call, _mention, add_theme

STEPS = [
    "Implementation takes 6 to 10 weeks for the first warehouse, then 3 weeks per site.",
    "Our onboarding team imports your SKUs and bin locations and is on site for go-live.",
    "We import your patient records from your old system for you.",
    "Kick-off call within a week of signing.",
    "Every site manager gets a training session before go-live.",
    "We configure your shift templates with your managers.",
]
NOT_STEPS = [
    "Sold and supported in the US, Canada and Mexico.",
    "Invoices are emailed on the first of the month.",
    "A named account manager for every clinic.",
]


@pytest.mark.parametrize("fact", STEPS)
def test_a_rollout_fact_is_a_step(fact: str) -> None:
    assert is_step(fact)


@pytest.mark.parametrize("fact", NOT_STEPS)
def test_a_fact_about_something_else_is_no_step(fact: str) -> None:
    assert not is_step(fact)


def test_the_timeline_lists_only_rollout_facts_as_steps(ws: Workspace, seeded: Seeded) -> None:
    profile = ProductProfile(
        name="Bookwell",
        onboarding=[STEPS[0], NOT_STEPS[0], STEPS[1], NOT_STEPS[1]],
    )
    with ws.session() as session:
        set_profile(session, profile)
        document = generate_document(session, ws.settings, doc_type="implementation-timeline")
        phases = document.structured["content"]["phases"]
    said = " ".join(p["what_happens"] for p in phases)
    assert STEPS[0][:40] in said and STEPS[1][:40] in said
    assert not any(fact[:30] in said for fact in NOT_STEPS)


@pytest.mark.parametrize(
    ("fact", "duration"),
    [
        (
            "Set-up takes about ten working days; we import your client list.",
            "about ten working days",
        ),
        ("Onboarding is done within 3 business days.", "within 3 business days"),
        ("We run alongside the old system for one billing month.", "one billing month"),
        ("Training takes a full day on site for the crews.", "a full day"),
        ("Data import: five calendar days from the export.", "five calendar days"),
        ("Kick-off within a working day of signing.", "within a working day"),
        ("The herd records move over in two full days.", "two full days"),
    ],
)
def test_a_step_reads_how_long_whichever_days_count(fact: str, duration: str) -> None:
    """ "Set-up takes about ten working days" had been "Step 1 | to confirm"."""
    assert duration_in(fact) == duration


SETUP_WORRIES = [
    "How long does it take to get the spray crews set up on the app?",  # pest control
    "Who moves our client history across from the old system?",  # software agency
    "We can't switch until after harvest, the whole farm is flat out.",  # farm
    "We can't start before the new financial year, the trustees have said so.",  # charity
    "Will you import the patient records or do we re-type them?",  # clinic
    "Training twelve funeral arrangers on a new system is a big ask.",  # funeral home
    "Is there downtime while you migrate the booking diary?",  # clinic
    "Who's going to do the data move? It won't be me.",
    "If set-up takes more than two weeks we can't do it.",
    "We won't move anything over until the audit's done.",  # charity
]
OTHER_WORRIES = [
    "We're a small charity, we've got nine thousand in reserves and the roof needs fixing.",
    "The termite warranty tracking is huge for us.",
    "Our vet bills went up again this year.",
    "The family always wants the service sheet the same day.",
    "Their reporting was decent.",
    "Honestly call me after the spring sowing, we're flat out.",
    "It's too expensive for a practice our size.",
    "The developers hate timesheets.",
    "I'm not blaming anyone.",
]


@pytest.mark.parametrize("said", SETUP_WORRIES)
def test_a_worry_about_setting_up_is_a_setup_question(said: str) -> None:
    assert asks_about_setup(said)


@pytest.mark.parametrize("said", OTHER_WORRIES)
def test_a_worry_about_something_else_is_no_setup_question(said: str) -> None:
    assert not asks_about_setup(said)


def test_the_timeline_asks_only_setup_questions_and_times_its_steps(ws: Workspace) -> None:
    """A switching theme of a funeral home and a charity holds a money story and a feature
    wish beside the setup worries; the profile states the setup time in working days, and the
    data move's length under features."""
    profile = ProductProfile(
        name="Wreath",
        onboarding=["Set-up takes about ten working days; we import your arrangements."],
        features=["Your records move over from the old system in two calendar days."],
    )
    with ws.session() as session:
        set_profile(session, profile)
        theme = add_theme(session, "Switching effort", "switch")
        for n, (account, worry, other) in enumerate(
            [
                ("Hallam Funerals", SETUP_WORRIES[5], OTHER_WORRIES[0]),
                ("Friends of Ashby Park", SETUP_WORRIES[9], OTHER_WORRIES[1]),
            ],
            start=1,
        ):
            _, turns = _call(
                session,
                n,
                account,
                "open",
                f"2026-03-0{n}",
                turns=[("Ann", "buyer", other), ("Ann", "buyer", worry)],
            )
            _mention(session, turns[0], "objection", "switching", theme).confidence = 0.9
            _mention(session, turns[1], "objection", "switching", theme).confidence = 0.8
        session.flush()
        document = generate_document(
            session, ws.settings, doc_type="implementation-timeline", cluster_ids=[theme.id]
        )
        content = document.structured["content"]
    asked = [qa["question"] for qa in content["concerns"]] + [content["summary"]["text"]]
    assert not any(other[:30] in " ".join(asked) for other in OTHER_WORRIES[:2]), asked
    assert any(SETUP_WORRIES[5][:30] in q for q in asked), asked
    durations = [p["duration"] for p in content["phases"]]
    assert durations[:2] == ["about ten working days", "two calendar days"], durations
