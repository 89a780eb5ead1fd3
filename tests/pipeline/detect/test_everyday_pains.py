"""Everyday pains told without a pain word: time sunk into chores, things unreadable or broken,
complaints about today's tool or a past vendor (reviews 22i item 3, 22j item 6, 22h item 2:
they had been set-ups or objections about switching, integrations or adoption). A reason
against us or the change keeps its objection; a set-up described stays one."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

TIME_SUNK = [
    "I spend a lot of my week chasing tenants for their meter readings.",
    "Our nurses waste hours hunting for consent forms across three cabinets.",
    "The office manager spends half of her mornings chasing parents for permission slips.",
    "Our dispatchers waste so much time ringing round the drivers for proof of delivery.",
    "We spent ages digging through old emails for the warranty certificates.",
    "The bookkeeper chases every subcontractor for their insurance documents each quarter.",
    "My site managers are always hunting for the latest drawings on the shared drive.",
    "Reception retypes every booking from the website into the till system.",
    "Our planners re-key each purchase order into the stock sheet.",
    "The foremen copy the day sheets out again by hand every Friday.",
    "Patients used to have to phone three times just to move an appointment.",
    "The drivers had to drive back to the depot just to hand in a paper form.",
]
SPOILED_OR_BROKEN = [
    "The delivery dockets come back smudged with oil and half the time you can't read them.",
    "Most of the temperature logs in the kitchen are covered in grease.",
    "Half of the job cards the plumbers hand in I can't make out.",
    "The handwritten prescriptions from the locum are illegible.",
    "The ovens trip the fuses whenever the second shift switches on the fryers.",
    "Our booking laptop keeps crashing in the middle of a Saturday rush.",
    "Our card machine keeps dropping out on busy nights.",
    "Half the rooms aren't cleaned by check-in when two housekeepers call in sick.",
    "Problem is when the big orders land on a Friday, the pickers can't find half the stock.",
    "Our technicians leave the signed worksheets in the vans, which isn't great.",
]
COMPLAINTS = [
    "Customers leave us one-star reviews when their parcels turn up a week late.",
    "Our tenants leave angry reviews whenever the lifts are out.",
    "The patients complain that nobody calls them back about their results.",
    "Members complain about the queue for the squat racks every evening.",
    "Our current rota tool is clunky and the managers end up doing it on paper anyway.",
    "Honestly, I'm fed up that the previous provider never sent us a single invoice on time.",
    "The previous payroll company disappeared for a week during year end.",
    "The old system never exported anything, so month end was a nightmare.",
    "We chase every member for their renewal, it's embarrassing.",
]
# A reason against us or the change: the model's objection stands.
STAYS_OBJECTION = [
    # a worry about what comes, beside a past vendor's failing
    "We're worried the sync with our calendar breaks on Mondays; the last vendor never fixed it.",
    "Retyping everything into your system would take us months.",
    "Re-keying all our stock into a new system is the part I'm dreading.",
    "I'm not retyping three thousand patient records.",
    "I don't want to spend hours setting it up.",
    "If we have to chase the crews to use the app, it won't stick.",
    "Your app is clunky compared to what we have now.",
    "The last vendor never answered the phone, so I'm wary of signing anything.",
    "We'd waste hours training the drivers on another app.",
    "Honestly the technicians can't read small text on a phone in the sun, so they'd never use it.",
    "We'd have to send an engineer to every site just to install the readers.",
]
STAYS_SETUP = [
    "At the moment it's a whiteboard plus a shared inbox per site.",
    "We currently run the rota through a spreadsheet and WhatsApp.",
]
NO_PAIN = [
    *STAYS_OBJECTION,
    *STAYS_SETUP,
    "We keep the service notes in a shared folder.",
    "Does it stop us chasing clients for signatures?",
    "That saves me hunting for serial numbers.",
    "That's not great.",  # a reply to the rep, not today's work
    "Hmm, that's annoying.",
    "We spent some time looking at another booking tool last year.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("sentence", [*TIME_SUNK, *SPOILED_OR_BROKEN, *COMPLAINTS])
def test_an_everyday_pain_is_told_as_one(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", NO_PAIN)
def test_a_reason_against_us_a_setup_or_a_question_is_no_pain(sentence: str) -> None:
    assert not statements.tells_a_pain(sentence)


def test_the_detector_reads_everyday_pains_as_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, [*TIME_SUNK, *SPOILED_OR_BROKEN, *COMPLAINTS])
    assert {text: kind for text, kind in kinds.items() if kind != "pain"} == {}


def test_objections_and_setups_keep_their_kind(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, [*STAYS_OBJECTION, *STAYS_SETUP])
    assert [kinds[text] for text in STAYS_OBJECTION] == ["objection"] * len(STAYS_OBJECTION)
    # The pain rules never take a set-up; set-up against small talk is the model's reading (the
    # model fitted 6 Dec with the category phrases reads the WhatsApp line, said last of eight
    # buyer lines with no rep turn, as other 0.41: known, in the closing note).
    assert [
        kinds[text] for text in STAYS_SETUP if kinds[text] not in ("current_setup", "other")
    ] == []
    assert kinds[STAYS_SETUP[0]] == "current_setup"
