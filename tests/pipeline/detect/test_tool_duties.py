"""Today's tool's work, listed by the buyer (``pipeline/detect/tool_duties.py``,
``statements.lists_its_duties``, ``[tool_duties]`` in ``cues.toml``): today's set-up, no
objection or pain. Held-out calls had read such lists as integrations objections (their "pushes
to <ledger>", "syncs") or as pains ("chases"). Praise of the tool stays the status quo, and a
duty turned to what the tool can't do is a pain."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.statements import lists_its_duties
from pipeline.detect.tool_duties import duties_listed
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, buyer_kinds

DUTIES_LISTED = [
    "It handles the slip rentals and it emails the boat owners their statements.",
    "DockMaster does the fuel dock sales and the winter storage invoices.",
    "It sends the case tickets to the dentists and prints the shipping labels.",
    "Their system does our remakes log and our courier pickups.",
    "Ekos does the batch records and the excise returns.",
    "It tracks the casks and it pushes the orders to Xero.",
    "Our current MIS does the registers and the parent texts.",
    "It books the carriers, it tracks the loads, it sends the PODs to the customers.",
    "The salon app takes the deposits and books the chairs.",
    "Phorest sends the appointment reminders for us.",
    "It runs the rota, it does the timesheets, it exports to Sage.",
    "Yeah, it syncs the stock counts to Shopify every hour.",
    "It does our invoicing and it chases the late payers.",
]
# Praise (the status quo), a judgement, a flaw, a gap, a person's work, a question: no list of
# duties.
NOT_DUTIES = [
    "It does everything we need, so I don't see the point in moving.",
    "It does the job and the drivers know it inside out.",
    "It does what we need.",
    "It does the invoices, but it can't do two yards.",
    "It handles the bookings fine, we're happy with it.",
    "It sends the reminders late half the time.",
    "It doesn't do the excise returns, so we do them by hand.",
    "It does the payroll and it crashes every Friday.",
    "It takes ages to load the bookings.",
    "It takes the two of us a whole weekend.",
    "Which takes most of Friday afternoon.",
    "Fresha does a loyalty deal for new salons.",
    "DockMaster covers fifty berths without charging extra.",
    "It does my head in.",
    "Sarah does the rota and the payroll.",
    "Does it sync to Xero every night?",
    "Would it push the orders to Sage?",
    "It would sync the cases to your system.",
]


@pytest.mark.parametrize("sentence", DUTIES_LISTED)
def test_a_tools_duties_are_listed(sentence: str) -> None:
    assert duties_listed(sentence) is not None
    assert lists_its_duties(sentence)


@pytest.mark.parametrize("sentence", NOT_DUTIES)
def test_praise_flaws_people_and_questions_are_no_list(sentence: str) -> None:
    assert not lists_its_duties(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def test_the_detector_reads_the_list_as_todays_setup(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, DUTIES_LISTED)
    assert {t: k for t, k in kinds.items() if k != "current_setup"} == {}


def test_praise_stays_the_status_quo(detector: RuleEmbeddingDetector) -> None:
    praise = NOT_DUTIES[:2]
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(praise)])
    said = [next((d.kind, d.category) for d in found[i] if d.kind != "competitor") for i in (0, 1)]
    assert said == [("objection", "status_quo")] * 2


def test_a_duty_turned_to_what_it_cant_do_is_a_pain(detector: RuleEmbeddingDetector) -> None:
    turns = [
        ("How do you run the yard today?", "It does the invoices, but it can't do two yards."),
        (
            "What are you using for payroll today?",
            "It does the payroll, but it can't handle two salons.",
        ),
    ]
    for rep, buyer in turns:
        found = detector.detect_utterances([Line(0, "rep", rep), Line(1, "buyer", buyer)])[1]
        assert next(d.kind for d in found if d.kind != "competitor") == "pain", buyer
