"""A buyer bound by a contract with the tool they have is a contract objection, whatever the
lead-in ("My problem is ...", "Thing is, ...") and however the term is said (review 25a item 1:
"My problem is we're eighteen months into a three-year deal with LessonLoop.", the lost deal's
main reason, had been a pain at 0.80 and never queued). A term said to end soon, a question, or
months into something that binds nobody are no lock-in (``blockers.py``)."""

from __future__ import annotations

import pytest

from pipeline.detect import RuleEmbeddingDetector
from pipeline.detect.blockers import blocks_the_deal
from pipeline.embed import Embedder
from tests.pipeline.detect.lines import Line

RIVALS = ["LessonLoop", "Dentrix", "Procore", "Toastly", "Clio", "Fleetio", "Crewboard", "Kareo"]
PITCH = "It's nineteen a month per user and we can have you live in a week."

BOUND = [
    "My problem is we're eighteen months into a three-year deal with LessonLoop.",
    "The issue is we're two years into a five-year contract with Dentrix.",
    "Thing is, we're a year into a 36-month agreement with Procore.",
    "Honestly, we've still got two years left on our Toastly contract.",
    "The snag is we're halfway through a three-year licence with Clio.",
    "We're locked in with Fleetio until 2027.",
    "Our problem is we signed up with Crewboard for three years last spring.",
    "The catch is we're on a five-year agreement with Kareo.",
    "Bottom line, we're tied in with Mindbody till the end of 2026.",
    "I'll be straight with you, we have three years left on the Yardi contract.",
    "The problem is we're under a three-year contract with Workday.",
    "We're only six months into a two-year subscription with Brightwheel.",
]
NOT_BOUND = [
    "We're eighteen months into a three-year deal with LessonLoop and it runs out next spring.",
    "We're six months into the year and bookings are up.",
    "We're two years into our growth plan for the clinics.",
    "Is there a three-year contract, or can we go monthly?",
    "We've got two months left on our contract, so the timing's good.",
    "We're not locked into anything with them, we're month to month.",
    "We're tied up with inspections until Friday.",
    "Thing is, we're two weeks into the new school year.",
    "We signed the lease on the new site for three years.",
    "We're a year into the new menu and the regulars love it.",
    "Our three-year contract with Procore is up for renewal in March.",
]


@pytest.mark.parametrize("sentence", BOUND)
def test_a_term_that_binds_them_blocks_the_deal(sentence: str) -> None:
    assert blocks_the_deal(sentence, PITCH)


@pytest.mark.parametrize("sentence", NOT_BOUND)
def test_no_lock_in_in_a_term_ending_a_question_or_other_months(sentence: str) -> None:
    assert not blocks_the_deal(sentence, PITCH)


@pytest.fixture(scope="module")
def detector(embedder: Embedder) -> RuleEmbeddingDetector:
    return RuleEmbeddingDetector(embedder, competitors=RIVALS)


def test_a_lock_in_is_a_contract_objection_whatever_its_lead_in(
    detector: RuleEmbeddingDetector,
) -> None:
    lines: list[Line] = []
    for said in BOUND:
        lines += [Line(len(lines), "rep", PITCH), Line(len(lines) + 1, "buyer", said)]
    found = detector.detect_utterances(lines)
    kinds = {
        said: next((d.kind, d.category) for d in found[2 * i + 1] if d.kind != "competitor")
        for i, said in enumerate(BOUND)
    }
    assert {s: k for s, k in kinds.items() if k != ("objection", "contract")} == {}
