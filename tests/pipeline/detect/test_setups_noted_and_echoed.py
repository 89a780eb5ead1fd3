"""Today's set-up said in two shapes the model had misread (walk 7, issue 16): a rep's note of
the account led by who holds it ("They run 1 studio in <town>, 180 members on <rival> + <DD
provider>." had been a competitor objection: a rival named is no worry by itself) and a buyer's
reply that claims what the rep just said as their way today ("That's exactly what we're doing
now on a whiteboard." had been small talk). A real objection naming a rival, a pain and a
worry in the same shapes keep their kind."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.account_facts import notes_the_account, states_the_account
from pipeline.detect.statements import echoes_the_setup
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line, kinds_after_the_rep

RIVALS = ["VetBoard", "SalonHub", "ShelfWise", "TradeDesk"]

NOTED_ACCOUNTS = [
    "They run 2 clinics in Hove, 900 patients on VetBoard + Stripe.",  # vets
    "She runs 2 salons in Bristol, 9 chairs on SalonHub.",  # hair salons
    "They have 2 warehouses in Leeds, 40 pickers on ShelfWise.",  # warehousing
    "They've got 6 vans in Geelong, about 300 customers on TradeDesk.",  # plumbing
    "Has 3 bakeries in Cork, 25 staff on ShelfWise.",  # bakeries
]
NOT_NOTED_ACCOUNTS = [
    "They have 40 staff but half are seasonal.",
    "They run 2 sites and are worried about the switch.",
    "They have 3 weeks left on VetBoard.",
    "They have 2 clinics, budget is tight.",
    "They run 4 clinics, all on VetBoard, and said VetBoard is cheaper than us.",
]


@pytest.mark.parametrize("sentence", NOTED_ACCOUNTS)
def test_a_note_of_what_the_account_holds_states_it(sentence: str) -> None:
    assert notes_the_account(sentence)


def test_a_count_led_by_they_is_read_in_notes_only() -> None:
    # a buyer's "They run 2 clinics ..." may be a rival's: the buyer's account facts do not read it
    assert not states_the_account(NOTED_ACCOUNTS[0])


@pytest.mark.parametrize("sentence", NOT_NOTED_ACCOUNTS)
def test_a_worry_a_time_or_a_contrast_in_a_note_is_no_account_fact(sentence: str) -> None:
    assert not notes_the_account(sentence)


ECHOES = [
    # (the rep's turn, the buyer's reply)
    (
        "For now your dispatcher would assign the jobs to the vans by hand.",
        "Ha, that's exactly what we're doing now with a whiteboard in the yard.",
    ),  # plumbing
    (
        "Do you send the vaccination reminders by post?",
        "Yeah, that's pretty much how we do it at the moment, on paper.",
    ),  # vets
    (
        "So the pickers would tick each order off a printed list?",
        "That's basically what we do today in a shared spreadsheet.",
    ),  # warehousing
    (
        "In the meantime your front desk can move people off the waitlist manually.",
        "Right, that's what I'm doing now, manually, every morning.",
    ),  # salon
]
NOT_ECHOES = [
    "That's exactly what we already do, so I'm not sure what you add.",
    "That's exactly what we're doing now and it's a nightmare every Friday.",
    "That's exactly what we don't want.",
    "That's what we do.",
    "That's how we'd do it next year, on paper.",
    "That's what we're doing now, so why would we pay for yours?",
]


@pytest.mark.parametrize(("rep", "reply"), ECHOES)
def test_a_reply_claiming_todays_way_echoes_the_setup(rep: str, reply: str) -> None:
    assert echoes_the_setup(reply)


@pytest.mark.parametrize("sentence", NOT_ECHOES)
def test_a_worry_a_pain_or_no_tie_to_today_is_no_echo(sentence: str) -> None:
    assert not echoes_the_setup(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def test_the_detector_reads_noted_accounts_as_setup(detector: RuleEmbeddingDetector) -> None:
    notes = [f"Spoke to the owner. {sentence}" for sentence in NOTED_ACCOUNTS]
    found = detector.detect_utterances([Line(i, "rep_note", t) for i, t in enumerate(notes)])
    kinds = {
        d.text: d.kind
        for detections in found.values()
        for d in detections
        if d.kind not in ("competitor", "why_now") and d.text in NOTED_ACCOUNTS
    }
    assert kinds == dict.fromkeys(NOTED_ACCOUNTS, "current_setup")


def test_a_rival_kept_on_purpose_stays_an_objection(detector: RuleEmbeddingDetector) -> None:
    lines = [
        Line(0, "rep_note", "Happy with TradeDesk and doesn't see why they'd switch."),
        Line(1, "buyer", "We're happy with SalonHub and don't see why we'd switch."),
        Line(2, "buyer", "Honestly we're fine on ShelfWise, I can't see us moving."),
    ]
    found = detector.detect_utterances(lines)
    assert [d.kind for i in range(3) for d in found[i] if d.kind != "competitor"] == [
        "objection"
    ] * 3


def test_the_detector_reads_echoes_as_setup(detector: RuleEmbeddingDetector) -> None:
    kinds = kinds_after_the_rep(detector, ECHOES)
    assert kinds == {reply: "current_setup" for _, reply in ECHOES}


def test_an_echo_with_a_pain_or_our_pitch_keeps_its_kind(
    detector: RuleEmbeddingDetector,
) -> None:
    kinds = kinds_after_the_rep(
        detector,
        [
            ("You'd chase the failed payments by hand for now.", NOT_ECHOES[1]),
            ("With us the reminders go out by text automatically.", NOT_ECHOES[0]),
        ],
    )
    assert kinds == {NOT_ECHOES[1]: "pain", NOT_ECHOES[0]: "objection"}
