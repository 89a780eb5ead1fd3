"""A verdict against buying said plainly is an objection (``said_no.says_no_to_us``): the
buyer's own "it's a no", a body that decides turning the deal down, the deal not getting
through, "we're going to pass". Authority and timing, or the topic it names. A marina buyer's
"I'll be straight with you, it's a no." had been small talk (0.78) and "The committee voted it
down on Tuesday, eight to three." a pain; a body's vote on something else, a yes and a
"no-brainer" are no verdict on us."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.said_no import says_no_to_us
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

VERDICTS = [
    # marinas
    "Look, I'll level with you, it's a no.",
    "The berth holders' committee voted it down last night, nine to four.",
    "The harbour board said no.",
    # dental labs
    "It's a no from the lab, I'm afraid.",
    "The practice owners voted against it at Thursday's meeting.",
    # breweries
    "We're going to pass, thanks.",
    "The brewery directors knocked it back.",
    # schools
    "The governors have turned it down.",
    "The head has vetoed it.",
    "It didn't get past the finance committee.",
    # logistics
    "Head office rejected it on Monday.",
    "The depot manager said no.",
    "It got knocked back at the board meeting.",
    # salons and clinics
    "Afraid we've decided not to go ahead with it.",
    "The partners turned down your quote.",
    "I think we'll pass for now.",
    "The trustees wouldn't sign it off.",
]
NOT_VERDICTS = [
    "The parish council voted to resurface the car park.",
    "Honestly it's a no-brainer for us.",
    "The committee said yes.",
    "The board approved it last night.",
    "The governors voted against extending the school day.",
    "The board said no to the new car park.",
    "The committee turned down the planning application for the pontoon.",
    "If the partners say no, we'll wait till spring.",
    "Did the board say no?",
    "Nobody voted against it.",
    "It's no problem at all.",
    "We pass on the savings to our members.",
    "I'm passing it on to the practice manager.",
]


@pytest.mark.parametrize("sentence", VERDICTS)
def test_a_verdict_said_plainly_is_one(sentence: str) -> None:
    assert says_no_to_us(sentence)


@pytest.mark.parametrize("sentence", NOT_VERDICTS)
def test_a_vote_on_something_else_a_yes_or_a_condition_is_none(sentence: str) -> None:
    assert not says_no_to_us(sentence)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder)


def _kinds(detector: RuleEmbeddingDetector, sentences: list[str]) -> dict[str, tuple[str, str]]:
    found = detector.detect_utterances([Line(i, "buyer", t) for i, t in enumerate(sentences)])
    return {
        text: next(
            (d.kind, d.category or "") for d in found[i] if d.kind not in ("competitor", "why_now")
        )
        for i, text in enumerate(sentences)
    }


def test_the_detector_reads_a_plain_verdict_as_authority(detector: RuleEmbeddingDetector) -> None:
    found = _kinds(detector, VERDICTS)
    assert {s: k for s, k in found.items() if k != ("objection", "authority_timing")} == {}


def test_a_verdict_naming_its_reason_takes_that_topic(detector: RuleEmbeddingDetector) -> None:
    found = _kinds(
        detector,
        [
            "The partners said no because of the price.",
            "Our trustees voted it down, the contract length was the sticking point.",
        ],
    )
    assert list(found.values()) == [("objection", "price"), ("objection", "contract")]


def test_a_vote_on_something_else_is_no_objection(detector: RuleEmbeddingDetector) -> None:
    said = [NOT_VERDICTS[0], *NOT_VERDICTS[2:5]]  # a body's vote on its own business, a yes
    found = _kinds(detector, said)
    assert {s: k for s, k in found.items() if k[0] == "objection"} == {}
