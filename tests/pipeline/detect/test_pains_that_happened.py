"""Something bad that happened to the buyer is a pain, a reason to buy: a failed questionnaire or
audit, a premium that went up, an incident next door, a near miss, the days an auditor's ask
took (review 23m item 3: a failed insurance questionnaire and a ransomware scare had been
switching, security and integrations objections). A sentence that turns it against us stays an
objection."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector, statements
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import buyer_kinds

HAPPENED = [
    "Our liability renewal came back in May and we failed three questions on the underwriter's "
    "form, so the premium went up by a third.",
    "The lender's questionnaire asked whether we reconcile the client account daily, and we had "
    "to answer no.",
    "We failed two sections of the ISO audit in March and had six weeks to close the findings.",
    "After the break-in our excess was doubled and the broker wants a monitored alarm.",
    "Our insurer put up our premium by forty percent after the warehouse flood.",
    "A veterinary practice across town got hit with ransomware and was shut for a week.",
    "Last winter our depot was broken into twice and we lost two vans' worth of tools.",
    "The booking inbox got hacked in May and a scammer emailed half our guests.",
    "A law firm on our floor had its email compromised and a completion payment went to "
    "fraudsters.",
    "The pharmacy was closed for three days when the dispensing terminal died.",
    "It took me two weeks of digging through email to answer the auditor's sample request.",
    "The examiner asked us why a third of the loan files had no signed disclosure.",
    "The underwriter refused our claim because the sprinkler logs were a year out of date.",
    "We nearly failed the food safety audit at the bakery because the fridge logs were blank.",
    "Our hotel got fined by the council for the fire doors, twelve thousand pounds.",
]
# The same events turned against us, or a worry to come: objections.
AGAINST_US = [
    "We failed the audit with your competitor's tool and won't risk that again.",
    "We failed the audit with the last vendor's tool and won't risk that again.",
    "Our premium went up last year, so we can't afford another subscription on top.",
    "If your servers got hacked we'd be the ones explaining it to the regulator.",
    "I'm scared the underwriter won't accept your report in place of their form.",
]


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


@pytest.mark.parametrize("sentence", HAPPENED)
def test_a_bad_thing_that_happened_is_told_as_a_pain(sentence: str) -> None:
    assert statements.tells_a_pain(sentence)


@pytest.mark.parametrize("sentence", AGAINST_US)
def test_one_turned_against_us_is_no_pain(sentence: str) -> None:
    assert not statements.tells_a_pain(sentence)


def test_the_detector_reads_them_as_pains(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, HAPPENED)
    assert {text: kind for text, kind in kinds.items() if kind != "pain"} == {}


def test_a_past_scare_in_a_story_is_a_pain(detector: RuleEmbeddingDetector) -> None:
    story = (
        "Honestly what scared us was last spring, when a garage on our road got hit with "
        "ransomware and was closed for nine days."
    )
    assert buyer_kinds(detector, [story]) == {story: "pain"}


def test_the_ones_against_us_stay_objections(detector: RuleEmbeddingDetector) -> None:
    kinds = buyer_kinds(detector, AGAINST_US)
    assert {text: kind for text, kind in kinds.items() if kind != "objection"} == {}
