"""A fair comparison: the rival's column quotes what buyers said of the rival itself; "lost to"
only where the deal's words say the rival won; its call count is the dashboard's; our side
answers a contract row from the plans list; a rival's short name is never "[name]".

Why: a reviewer's page put "The layouts are done in <rival> by one designer, and he's the
bottleneck" in the rival's column, said "Buyers we lost to <rival>" of a deal lost to timing,
counted 5 calls where the dashboard counted 10, and left "To write" beside a contract worry
the profile answered."""

from __future__ import annotations

from pathlib import Path

from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_claims import (
    content_with,
    finds_fault,
    names_winner,
    rival_topic,
    speaks_of,
)
from pipeline.dashboard import competitor_mentions
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

RIVAL, FORMS = "Stella Design", ("Stella Design", "Stella")
DEFER = "Billing can start when your current design-tool contract ends."
PROFILE = ProductProfile(
    name="Rooftally",
    pricing=["$80 per user per month."],
    plans=["Crew scheduling can be bought on its own.", DEFER],
    features=["Layouts are drawn from aerial imagery in minutes."],
    integrations=["Two-way sync with QuickBooks."],
    security=["SOC 2 Type II."],
    onboarding=["Crew training on site, free."],
    proof_points=["Customers quote a job in under 20 minutes."],
)
LOCKED = "We're on Stella and we signed an annual contract, so we're locked in until May."
BOTTLENECK = "The layouts are done in Stella by one designer, and he's the bottleneck."
WORKLOAD = "We design in Stella and run the jobs in a spreadsheet."
ON_TOP = "Twelve grand on top of Stella is a hard sell to my board."
CHEAPER = "Stella is cheaper and my crews already know it."


def test_what_a_line_says_of_a_rival() -> None:
    about = [
        LOCKED,
        ON_TOP,
        CHEAPER,
        "we tried Stella and it was too complicated for my sales guys.",
        "Stella's fine but the proposal takes me all night.",
        "I still can't get around the Stella contract.",
        "We tried Stella two years ago and nobody opened it after the first week.",
    ]
    assert all(speaks_of(text, FORMS) for text in about)
    assert not any(speaks_of(text, FORMS) for text in (BOTTLENECK, WORKLOAD))
    assert names_winner("Closed lost - went with Stella.", FORMS)
    assert names_winner("Honestly we're going to stick with Stella Design for now.", FORMS)
    assert not names_winner("The timing is just not right with the Stella contract.", FORMS)
    assert not names_winner("We're not going with Stella either.", FORMS)
    assert rival_topic(LOCKED) == "contract" and rival_topic(ON_TOP) == "price"


def test_a_comparison_is_fair_to_the_rival(tmp_path: Path) -> None:
    settings = make_settings(
        tmp_path / "data",
        competitors=[RIVAL],
        competitor_aliases={"Stella": RIVAL},
    )
    workspace = Workspace(settings)
    try:
        with workspace.session() as db:
            theme = add_theme(db, "Design tool", "design")
            lost_note = ("Sam Rivera", "rep_note", "Closed lost - went with Stella.")
            _, [locked] = _call(
                db, 1, "Fenwick Roofing", "open", "2026-03-02", [("Nell Park", "buyer", LOCKED)]
            )
            _, weighed = _call(
                db, 2, "Harbor Electric", "lost", "2026-03-09",
                [("Ivo Lund", "buyer", BOTTLENECK), ("Ivo Lund", "buyer", ON_TOP)],
            )  # fmt: skip
            _, chose = _call(
                db, 3, "Quarry Solar", "lost", "2026-03-16",
                [("Ada Moss", "buyer", CHEAPER), lost_note],
            )  # fmt: skip
            _, [setup] = _call(
                db, 4, "Kiln Power", "open", "2026-03-23", [("Tess Ward", "buyer", WORKLOAD)]
            )
            for turn in (locked, *weighed, chose[0]):
                _mention(db, turn, "objection", "competitor", theme, competitor=RIVAL)
            _mention(db, setup, "current_setup", None, None, competitor=RIVAL)
            set_profile(db, PROFILE)
            db.flush()
            document = generate_document(
                db, settings, doc_type="comparison", competitor=RIVAL, use_llm=False
            )
            [row] = [r for r in competitor_mentions(db) if r.name == RIVAL]
        body = document.body_markdown
    finally:
        workspace.close()
    assert "[name]" not in body and "We're on Stella and" in body
    assert BOTTLENECK not in body and WORKLOAD not in body  # their own work, not the rival
    assert f"Buyers we lost to {RIVAL} said: “{CHEAPER}”" in body
    assert f"Buyers who weighed {RIVAL} in a deal we lost said: “{ON_TOP}”" in body
    assert f"buyers named {RIVAL} on {row.calls} calls" in body and row.calls == 4
    [contract_row] = [line for line in body.splitlines() if LOCKED in line and "| **" in line]
    assert DEFER in contract_row.split(" | ")[1]


def test_a_line_about_a_rival_is_a_fault_a_reason_to_stay_or_neither() -> None:
    """Review items: "We're on X for the workflow side and Y's portal, so two bills every
    month" had been left off the page, "we're not unhappy with it" read as a fault (its
    "unhappy"), and a plan running to a date was a price row, not a reason they stay."""
    two_bills = "We're on Stella for the layouts and Roofy for quotes, so two bills every month."
    assert speaks_of(two_bills, FORMS) and finds_fault(two_bills)
    assert rival_topic(two_bills) == "all_in_one"
    content = "We use Stella for the layouts. To be fair, we're not unhappy with it."
    assert content_with(content) and not finds_fault(content)
    assert content_with("Stella does 80% of what we need, I'm not moving 25 people for the rest.")
    assert not content_with("We're not happy with Stella.")
    assert finds_fault("Stella's fine but the texts cost us extra on top of the subscription.")
    assert rival_topic("We're already paying for Stella through 2027.") == "contract"
    assert rival_topic("we signed up to Stella's annual plan so we can't move until May") == (
        "contract"
    )
    assert rival_topic("Stella's fine but the texts cost us extra on top of the plan.") == "price"
