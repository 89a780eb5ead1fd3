"""Facts about the buyer's business are today's set-up, a note's header and a won deal's reason
are no pain, and an answer of what they do instead is set-up (review 24p items 8 and 11: "IT
contract agency in Austin, 12 recruiters, on JobAdder.", "Call w/ Derek Simmons (owner).", "What
got it over the line: ..." and "That's right, about three hundred active locums, ..." had been
quotes of a pain theme; "Nothing really, we bolt on a separate time app and export to ADP." and
"Mainly Parasol-style ones, ..." integrations objections). Worries said in the same shapes keep
their kind."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, asides, rules
from pipeline.detect.account_facts import states_the_account
from pipeline.detect.statements import describes_the_setup
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["Jobber", "ezyVet", "Deputy", "Rotaly"]

ACCOUNT_FACTS = [
    "Family-run plumbing firm in Leeds, 8 vans, on Jobber.",
    "Two-site vet clinic in Cork; 14 staff; on ezyVet.",
    "Security firm in Manchester, 40 guards, on Deputy.",
    "Travel nurse agency, ~40 recruiters in Atlanta.",
    "Independent bakery chain, 6 shops, on Square.",
    "That's right, about two hundred active drivers, mostly van drivers, some agency.",
    "Yes, roughly ninety students, mostly part-time.",
    "Mainly the big national wholesalers, plus a couple of local ones.",
    "Mostly sole traders, plus a few small partnerships.",
    "Correct, around 30 physios across three clinics.",
]
WORRIES_IN_THAT_SHAPE = [
    "Mostly the price, plus the contract length.",
    "Mostly late timesheets, plus a few missed shifts.",
    "Around 40 seats at 69 a seat.",
    "12 recruiters, all on spreadsheets and it's chaos.",
    "We lost two nurses in March.",
]
HEADERS = [
    "Call w/ Derek Simmons (owner).",
    "Discovery call with the practice manager.",
    "Spoke with Renee (Dir of Ops).",
    "Site visit with Tom Hale (head chef).",
]
NOT_HEADERS = [
    "Call with Derek, he hates the per-seat price.",
    "Meeting with Jo - she says the price is too high.",
    "Spoke to Aoife (practice manager), worried about the migration.",
]
WON_REASONS = [
    "What got it over the line: the Xero sync and a 4-week migration plan from Rotaly.",
    "What tipped it over the line was the offline mode for the drivers.",
    "Why we won: same-day onboarding and the kiosk clock-in.",
]
SETUP_ANSWERS = [
    "Nothing really, we bolt on a separate time app and export to ADP.",
    "Not much, we just use a spreadsheet and a shared inbox.",
    "Nothing at all, we keep the rota on a whiteboard.",
    "We just export the bookings to Excel every Friday.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def _kinds(detector: RuleEmbeddingDetector, role: str, texts: list[str]) -> dict[str, str]:
    found = detector.detect_utterances([Line(i, role, t) for i, t in enumerate(texts)])
    return {
        d.text.strip(): d.kind
        for items in found.values()
        for d in items
        if d.kind not in ("competitor", "why_now")
    }


@pytest.mark.parametrize("sentence", ACCOUNT_FACTS)
def test_facts_about_the_business_state_the_account(sentence: str) -> None:
    assert states_the_account(sentence)


@pytest.mark.parametrize("sentence", WORRIES_IN_THAT_SHAPE)
def test_a_worry_or_a_pain_in_that_shape_states_none(sentence: str) -> None:
    assert not states_the_account(sentence)


@pytest.mark.parametrize("sentence", HEADERS)
def test_a_notes_header_is_the_reps_record(sentence: str) -> None:
    assert rules.ruled_other(sentence, "rep_note")


@pytest.mark.parametrize("sentence", NOT_HEADERS)
def test_a_header_with_a_worry_is_read(sentence: str) -> None:
    assert not rules.ruled_other(sentence, "rep_note")


@pytest.mark.parametrize("sentence", WON_REASONS)
def test_a_won_deals_reason_is_praise_naming_the_rival_left(sentence: str) -> None:
    assert asides.praises_us(sentence, RIVALS)


def test_a_rivals_win_is_no_praise() -> None:
    assert not asides.praises_us("What got it over the line for Rotaly was price.", RIVALS)


@pytest.mark.parametrize("sentence", SETUP_ANSWERS)
def test_an_answer_of_what_they_do_instead_describes_the_setup(sentence: str) -> None:
    assert describes_the_setup(sentence)


def test_the_detector_reads_facts_and_answers_as_setup(detector: RuleEmbeddingDetector) -> None:
    kinds = {
        **_kinds(detector, "buyer", [*ACCOUNT_FACTS, *SETUP_ANSWERS]),
        **_kinds(detector, "rep_note", ACCOUNT_FACTS[:5]),
    }
    assert {text: kind for text, kind in kinds.items() if kind != "current_setup"} == {}


def test_the_detector_reads_no_pain_in_headers_or_wins(detector: RuleEmbeddingDetector) -> None:
    kinds = _kinds(detector, "rep_note", [*HEADERS, *WON_REASONS])
    assert {text: kind for text, kind in kinds.items() if kind != "other"} == {}


# What the business does and what it does not (review 25a item 2: a note's "Mostly CBT and DAS
# bike training, not car." had been a pain).
WHAT_IT_IS_NOT = [
    "Mostly CBT and DAS bike training, not car.",
    "Mainly residential lettings, not commercial.",
    "Mostly private patients, no NHS work.",
    "Mainly weddings and corporate events, not festivals.",
    "Mostly domestic boilers, not commercial plant.",
    "Mostly dogs and cats, no exotics.",
    "Mainly small bookkeeping clients, not audit.",
    "Mostly day shifts, not nights.",
    "Mainly takeaway orders, no dine-in.",
    "Mostly refurbs and extensions, not new builds.",
]
NOT_WHAT_IT_IS_NOT = [
    "Mostly bike training, not sure how many pupils.",
    "Mostly the price, not the contract.",
    "Mostly late timesheets, not enough nurses.",
    "Mainly takeaway orders, not great margins.",
    "Mostly onboarding, not price.",
    "Mainly the training time, not the contract.",
]


@pytest.mark.parametrize("sentence", WHAT_IT_IS_NOT)
def test_what_the_business_is_not_states_the_account(sentence: str) -> None:
    assert states_the_account(sentence)


@pytest.mark.parametrize("sentence", NOT_WHAT_IT_IS_NOT)
def test_a_worry_after_not_is_no_account_fact(sentence: str) -> None:
    assert not states_the_account(sentence)
