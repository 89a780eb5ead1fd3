"""Categories that money words and people had pulled away (review 27 section C, shapes 2 and
4; ``[plain_topic]`` in ``cues.toml``): a commitment they are in now is the contract, whatever
it costs to pay twice ("Our group licence runs to the end of March, and the board won't pay for
two systems at once." had been price at 0.95); controls over devices, logins and records are
security ("We don't have device management on personal phones at all." had been adoption at
0.99); years of records typed in again are the switch. Sentences from other trades."""

from __future__ import annotations

import pytest

from pipeline.detect.classify import SentenceInput
from pipeline.detect.model import KindScore
from pipeline.detect.plain_topics import plain_topic
from pipeline.detect.verdict import sentence_verdict

RUNNING_COMMITMENTS = [
    "Our pest control software licence runs to the end of June, and the owners won't pay for"
    " two systems at once.",  # pest control
    "And we renewed that in April, so we're paid up till next spring anyway.",  # marina
    "Our hosting contract runs until October and I'm not paying for two platforms in parallel.",
    "We've just renewed the booking system for another year.",  # physio clinic
    "The herd records subscription goes through to next March.",  # dairy farm
    "Our donor database agreement runs till the end of the financial year.",  # charity
    "We already renewed the MIS licence in September, so we're paid for the whole year.",  # school
    "The trust's lease on the kiosks carries on until 2027.",  # leisure centre
    "We only just renewed with our current supplier in January.",  # vet practice
    "We'd be paying for both tools for a while, and that's money we don't have.",  # agency
    "We're locked in with the old dispatch system until the summer.",  # courier
    "We're paid up for the season on the berth software already.",  # boatyard
]

STILL_PRICE = [
    "We're not paying for another app on top of the EHR.",
    "The owners won't pay a penny more than they do now.",
    "My sales reps get paid through the commission tool, so that's a whole thing.",
    "Twelve dollars a seat is too much for the volunteers.",
]


@pytest.mark.parametrize("text", RUNNING_COMMITMENTS)
def test_a_commitment_they_are_in_is_the_contract(text: str) -> None:
    assert plain_topic(text, "price") == "contract"


@pytest.mark.parametrize("text", STILL_PRICE)
def test_money_without_a_running_commitment_is_not_the_contract(text: str) -> None:
    assert plain_topic(text, "price") != "contract"


CONTROLS = [
    "We don't have device management on personal phones at all.",  # school
    "The audit log is great, but we'd need it kept for six years to match our retention policy.",
    "Our insurer wants two-factor on every login before we go live.",  # agency
    "Without single sign-on the IT lead won't even look at it.",  # clinic
    "The crew use their own phones, and we've no MDM on any of them.",  # marina
    "Treatment records have to be retained for seven years.",  # pest control
    "I need an audit trail of who changed each dosage.",  # vet
    "We'd need different access levels for the volunteers and the trustees.",  # charity
    "Spray records must be kept for three years for the assurance scheme.",  # farm
    "Our data retention policy says CCTV footage goes after thirty days.",  # leisure centre
    "If a tablet gets lost we need to be able to remotely wipe it.",  # care home
]

NOT_CONTROLS = [
    "Staff retention is our biggest headache this year.",
    "We've kept the same supplier for ten years.",
    "The access road floods every winter.",
    "The older pickers won't use their own phones for work.",
]


@pytest.mark.parametrize("text", CONTROLS)
def test_controls_over_devices_logins_and_records_are_security(text: str) -> None:
    assert plain_topic(text, "adoption") == "security"


@pytest.mark.parametrize("text", NOT_CONTROLS)
def test_the_same_words_about_something_else_are_not_security(text: str) -> None:
    assert plain_topic(text, "adoption") != "security"


@pytest.mark.parametrize(
    "text",
    [
        "She also wants to know who's typing eleven years of plans in, because it won't be me.",
        "Who's going to key in ten years of spray records?",
        "Somebody has to enter five years of patient notes by hand.",
        "I'm not re-doing a decade of job sheets.",
        "Loading twenty years of mooring history is the scary bit.",
    ],
)
def test_years_of_records_entered_again_are_the_switch(text: str) -> None:
    assert plain_topic(text, "authority_timing") == "switching"


@pytest.mark.parametrize(
    "text",
    ["We've been typing up notes for years.", "Give me a few years of good harvests first."],
)
def test_time_without_records_entered_is_no_switch(text: str) -> None:
    assert plain_topic(text, "authority_timing") != "switching"


def test_a_running_licence_beside_a_refusal_to_pay_is_the_contract() -> None:
    """The detector's category for the shape as a whole, the head leaning to price."""
    text = "Our booking licence runs to the end of March, and the board won't pay for two at once."
    score = KindScore(
        "objection",
        "price",
        0.9,
        0.9,
        probabilities={"objection": 0.9},
        category_probabilities={"price": 0.7, "contract": 0.2, "authority_timing": 0.1},
    )
    verdict = sentence_verdict(SentenceInput(text, text), "buyer", score, {}, [])
    assert (verdict.kind, verdict.category) == ("objection", "contract")
