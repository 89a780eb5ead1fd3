"""A comparison files each clause of a buyer's line by which way it points at the rival: what it
lacks or gets wrong is where it falls short, whatever the deal's outcome; a strength of theirs
(the praised half of "fine for A but B") is where it fits better. Each side-by-side row is
answered by the fact about what that row's buyer said.

Why: review 25a (driving schools) listed "It has no idea what a driving test is", "X just has
one address per business" and "X books instructors but not vehicles" under "When X is the better
fit", set "Each lesson has its own pick-up point" against the wrong line, and a rival's
three-year deal against an import service where our monthly terms were on file."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from pathlib import Path
from typing import NamedTuple

import pytest

from pipeline.content.evidence import Quote
from pipeline.content.generate import generate_document
from pipeline.content.profile import ProductProfile, set_profile
from pipeline.content.rival_polarity import praise_and_fault
from pipeline.content.rival_rows import heading_for
from pipeline.embed import Embedder
from pipeline.workspace import Workspace
from tests.conftest import make_settings
from tests.plugins.documents import _call, _mention, add_theme

OURS = ("Ourapp",)


def _quote(text: str, rival: str) -> Quote:
    return Quote(
        id=1, text=text, role="buyer", kind="pain", call_id=1, utterance_id=1, mention_id=1,
        call_date=dt.date(2026, 5, 4), account="Acme", outcome="lost", speaker="Pat",
        cluster_id=None, competitor=rival, category=None,
    )  # fmt: skip


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        ("LessonLoop", "It has no idea what a driving test is, so I keep a separate spreadsheet."),
        (
            "LessonLoop",
            "Every lesson starts somewhere different, and LessonLoop just has one address.",
        ),
        (
            "LessonLoop",
            "LessonLoop books instructors but not vehicles, so two turn up for one car.",
        ),
        ("Instructa", "I tried Instructa for a month but it kept logging me out mid-lesson."),
        ("Vetstream", "Vetstream has no idea how a mobile vet works."),
        ("Vetstream", "Vetstream only allows one clinic address per account."),
        ("Vetstream", "Vetstream tracks vaccinations but not dental charts."),
        ("SiteMate", "SiteMate's reporting is useless for the client handover."),
        ("SiteMate", "SiteMate doesn't know which crew is on which site."),
        ("SiteMate", "SiteMate just has one foreman login for the whole company."),
    ],
)
def test_what_the_rival_lacks_is_where_it_falls_short(rival: str, said: str) -> None:
    assert heading_for(_quote(said, rival), (rival,), OURS) == "short"


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        ("PestPac", "We run PestPac for the routes, and it falls over every Monday morning."),
        ("Passare", "Our arrangements are all in Passare. It froze twice during a service."),
        ("Harvest", "We track hours in Harvest, which times out when the whole team logs at five."),
        ("Agrimaster", "Herd records live in Agrimaster; it fails whenever the vet's file lands."),
        ("GiveDesk", "Donations come via GiveDesk; they went down for two days over Christmas."),
        ("Cliniko", "Cliniko sends the reminders, but it stopped working after the last update."),
        ("TableTap", "TableTap's export breaks whenever the menu changes."),
        ("Vetstream", "We're on Vetstream and it keeps dropping the lab results."),
        ("Clio", "Clio does our billing, but they lost a week of time entries in March."),
        ("Arbor", "The timetable is in Arbor, and it corrupted our registers in September."),
    ],
)  # fmt: skip
def test_a_failure_told_by_a_pronoun_is_where_the_rival_falls_short(rival: str, said: str) -> None:
    """ "That's what <rival> gives us now, and it breaks every time the ledger updates." had
    been listed under "When <rival> is the better fit": the failure's subject is "it"."""
    assert heading_for(_quote(said, rival), (rival,), OURS) == "short"


@pytest.mark.parametrize(
    ("rival", "said", "heading"),
    [
        # A failure denied is no fault.
        (
            "Vetstream",
            "We've been on Vetstream since 2010 and it's never once lost a record.",
            "strong",
        ),
        ("Jobber", "We use Jobber and it never goes down.", "strong"),
        ("Clio", "The price went down when we renewed with Clio.", "stay"),
        # The buyer's own problem is the contract that holds them, not a fault of theirs.
        (
            "LessonLoop",
            "My problem is we're two years into a three-year deal with LessonLoop.",
            "stay",
        ),
        ("Vetstream", "Our problem is the Vetstream contract runs until 2028.", "stay"),
        # Strengths and plain facts keep their heading.
        ("Vetstream", "Vetstream has one login for everything.", "strong"),
        ("SiteMate", "SiteMate is great for site diaries.", "strong"),
        ("Instructa", "Instructa's half the price and the lads already have it.", "strong"),
        ("SiteMate", "SiteMate charges per user.", "price"),
        ("Vetstream", "Our problem with Vetstream is the support wait.", "short"),
    ],
)
def test_lines_that_keep_their_heading(rival: str, said: str, heading: str) -> None:
    assert heading_for(_quote(said, rival), (rival,), OURS) == heading


@pytest.mark.parametrize(
    ("rival", "said", "praised", "faulted"),
    [
        (
            "Instructa",
            "Instructa's fine for scheduling but its reporting is useless. I export hours by hand.",
            "Instructa's fine for scheduling",
            "its reporting is useless. I export hours by hand.",
        ),
        (
            "Vetstream",
            "Vetstream is great for reminders, but it doesn't sync with our lab.",
            "Vetstream is great for reminders",
            "it doesn't sync with our lab.",
        ),
        (
            "SiteMate",
            "SiteMate works well on site though the office side is a mess.",
            "SiteMate works well on site",
            "the office side is a mess.",
        ),
    ],
)
def test_a_line_praising_and_faulting_the_rival_is_split(
    rival: str, said: str, praised: str, faulted: str
) -> None:
    assert praise_and_fault(said, (rival,)) == (praised, faulted)


@pytest.mark.parametrize(
    ("rival", "said"),
    [
        ("Instructa", "Instructa's diary is slow but it does the job."),  # content: why they stay
        ("Vetstream", "Vetstream is not great for reminders, and it crashes."),  # all fault
        ("SiteMate", "SiteMate is great for site diaries."),  # all praise
        ("SiteMate", "SiteMate is great but yours is clunky."),  # the fault is ours
    ],
)
def test_a_line_pointing_one_way_is_not_split(rival: str, said: str) -> None:
    assert praise_and_fault(said, (rival,)) is None


class Case(NamedTuple):
    industry: str
    rival: str
    mixed: str  # praise of them, then a fault
    praised: str
    faults: list[str]  # what it lacks, each answered by one fact
    answers: list[str]
    contract: str
    profile: ProductProfile


def _profile(name: str, features: list[str], terms: str) -> ProductProfile:
    return ProductProfile(
        name=name,
        pricing=["£12 per user a month."],
        plans=[terms],
        features=features,
        integrations=["Native Xero sync for payments and invoices."],
        security=["Data is encrypted at rest."],
        onboarding=["We import your records for you, usually the same day."],
        proof_points=[],
    )


DRIVING_FACTS = [
    "Each lesson has its own pick-up point.",
    "Training cars are scheduled alongside instructors, so a car cannot be double-booked.",
]
VET_FACTS = [
    "Every home visit has its own address and travel time on the vet's route.",
    "Dental charts are recorded per tooth alongside the vaccination history.",
]
SITE_FACTS = [
    "Each crew is assigned to a site and the foreman sees who is on site today.",
    "Equipment is booked against each job so a digger cannot be double-booked.",
]
CASES = [
    Case(
        "Driving school",
        "LessonLoop",
        "LessonLoop's fine for scheduling but its reporting is useless.",
        "LessonLoop's fine for scheduling",
        [
            "Every lesson starts somewhere different, and LessonLoop just has one address.",
            "LessonLoop books instructors but not vehicles, so two instructors turned up for"
            " the same car.",
        ],
        DRIVING_FACTS,
        "We're eighteen months into a three-year deal with LessonLoop.",
        _profile("DriveDesk", DRIVING_FACTS, "Monthly plans can be cancelled at any time."),
    ),
    Case(
        "Veterinary",
        "Vetstream",
        "Vetstream is great for reminders, but its reporting is useless.",
        "Vetstream is great for reminders",
        [
            "Every home visit is somewhere different, and Vetstream only has one clinic address.",
            "Vetstream tracks vaccinations but not dental charts, so we keep paper charts.",
        ],
        VET_FACTS,
        "We signed a three-year agreement with Vetstream last spring.",
        _profile("PawDesk", VET_FACTS, "Month-to-month plan, cancel any time."),
    ),
    Case(
        "Construction",
        "SiteMate",
        "SiteMate works well for site diaries, though its invoicing is a mess.",
        "SiteMate works well for site diaries",
        [
            "SiteMate has no idea which crew is on which site on a given day.",
            "SiteMate books people but not equipment, so two crews turned up for one digger.",
        ],
        SITE_FACTS,
        "We're locked into SiteMate until the end of 2027.",
        _profile("CrewBoard", SITE_FACTS, "Plans run monthly and can be cancelled any time."),
    ),
]


@pytest.fixture
def workspace(tmp_path: Path, embedder: Embedder) -> Iterator[Workspace]:
    rivals = [case.rival for case in CASES]
    ws = Workspace(make_settings(tmp_path / "data", competitors=rivals), embedder=embedder)
    yield ws
    ws.close()


def _section(body: str, heading: str) -> str:
    return body.split(f"## {heading}")[1].split("\n## ")[0] if f"## {heading}" in body else ""


@pytest.mark.parametrize("case", CASES, ids=[case.industry for case in CASES])
def test_a_lost_deals_complaints_are_where_the_rival_falls_short(
    workspace: Workspace, case: Case
) -> None:
    """A deal lost to timing whose buyers found fault with the rival, praised half a line of
    it and are held by its contract."""
    with workspace.session() as db:
        set_profile(db, case.profile)
        theme = add_theme(db, "Current tool", "tool")
        said = [case.mixed, *case.faults, case.contract]
        _, turns = _call(
            db, 1, "Acme", "lost", "2026-04-02", [("Pat Lee", "buyer", t) for t in said],
            case.industry,
        )  # fmt: skip
        for turn in turns:
            _mention(db, turn, "pain", None, theme, competitor=case.rival)
        db.flush()
        body = generate_document(
            db, workspace.settings, doc_type="comparison", competitor=case.rival,
            use_llm=False, embedder=workspace.embedder,
        ).body_markdown  # fmt: skip
    fits = _section(body, f"When {case.rival} is the better fit")
    short = _section(body, f"Where {case.rival} falls short for buyers")
    for fault in case.faults:
        assert fault not in fits and fault in short, body
    assert f"“{case.praised}”" in fits and case.mixed not in fits, body
    assert "its " in short and case.praised not in short, body  # the criticised half
    rows = [line for line in body.splitlines() if line.startswith("| **")]
    for fault, fact in zip(case.faults, case.answers, strict=True):
        [row] = [r for r in rows if fault[:40] in r]
        assert fact in row.split(" | ")[1], row
    [terms] = [r for r in rows if r.startswith("| **Plans and terms")]
    assert case.profile.plans[0] in terms.split(" | ")[1], terms
